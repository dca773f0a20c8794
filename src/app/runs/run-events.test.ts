import { describe, expect, it } from "vitest";
import type { RunEvent, RunEventInput } from "../../core/events";
import type { ModelView, RunDetail } from "../../server/services/run-schemas";
import { applyEventToLive, applyEventToRun, emptyLiveState, needsSnapshot, overallProgress, type LiveState } from "./run-events";

const RUN_ID = "11111111-1111-4111-8111-111111111111";

function model(id: string, overrides: Partial<ModelView> = {}): ModelView {
  return {
    id,
    name: `${id}.safetensors`,
    folder: "loras",
    nodeType: "LoraLoader",
    workflows: ["a.json"],
    active: true,
    status: "missing",
    foundAt: null,
    targetPath: null,
    source: null,
    url: null,
    sha256: null,
    size: null,
    bytes: 0,
    resolution: null,
    error: null,
    attempts: 0,
    startedAt: null,
    finishedAt: null,
    ...overrides,
  };
}

function run(models: ModelView[], lastSeq = 0): RunDetail {
  return {
    id: RUN_ID,
    status: "queued",
    dryRun: false,
    createdAt: new Date("2024-01-01T00:00:00.000Z"),
    startedAt: null,
    finishedAt: null,
    outcome: null,
    workflowNames: ["a.json"],
    counts: { total: models.length, present: 0, missing: models.length, installed: 0, failed: 0, ambiguous: 0, skipped: 0 },
    bytes: 0,
    error: null,
    startedBy: null,
    modelsRoot: "/models",
    options: {},
    summary: null,
    phaseTimings: {},
    lastSeq,
    workflows: [],
    models,
  };
}

let seq = 0;
function event(fields: RunEventInput & { at?: string; seq?: number }): RunEvent {
  seq += 1;
  return { runId: RUN_ID, ...fields, seq: fields.seq ?? seq, at: fields.at ?? new Date(Date.UTC(2024, 0, 1, 0, 0, seq)).toISOString() } as RunEvent;
}

const resolved = (url: string, size: number) => ({
  status: "resolved" as const,
  source: "civitai" as const,
  url,
  sha256: null,
  size,
  reason: "exact file name",
  candidates: [],
});

const ref = (id: string) => ({ id, name: `${id}.safetensors`, folder: "loras" });

describe("applyEventToRun", () => {
  it("follows a model from resolved through progress to installed", () => {
    seq = 0;
    let detail = run([model("a"), model("b")]);
    detail = applyEventToRun(detail, event({ type: "run.status", status: "running" }));
    detail = applyEventToRun(
      detail,
      event({ type: "model.status", model: ref("a"), status: "resolved", resolution: resolved("http://x/a", 1000), size: 1000 }),
    );
    detail = applyEventToRun(detail, event({ type: "model.progress", model: ref("a"), bytes: 400, total: 1000, rate: 200, etaSeconds: 3 }));
    expect(detail.status).toBe("running");
    expect(detail.startedAt).toEqual(new Date("2024-01-01T00:00:01.000Z"));
    expect(detail.models[0]).toMatchObject({ status: "downloading", bytes: 400, size: 1000, source: "civitai", url: "http://x/a" });
    detail = applyEventToRun(
      detail,
      event({ type: "model.status", model: ref("a"), status: "installed", sha256: "ab".repeat(32), targetPath: "/models/loras/a.safetensors" }),
    );
    expect(detail.models[0]).toMatchObject({ status: "installed", bytes: 1000, sha256: "ab".repeat(32), targetPath: "/models/loras/a.safetensors" });
    expect(detail.models[1]!.status).toBe("missing");
    expect(detail.lastSeq).toBe(seq);
  });

  it("ignores events the snapshot already holds, so a replay from the start changes nothing", () => {
    seq = 0;
    const detail = run([model("a", { status: "installed", bytes: 10, size: 10 })], 5);
    const replayed = applyEventToRun(detail, event({ type: "model.status", model: ref("a"), status: "downloading", seq: 3 }));
    expect(replayed).toBe(detail);
  });

  it("records errors, finished phases and the final summary", () => {
    seq = 0;
    let detail = run([model("a")]);
    detail = applyEventToRun(detail, event({ type: "model.status", model: ref("a"), status: "failed", message: "HTTP 500 from host" }));
    detail = applyEventToRun(detail, event({ type: "run.phase", phase: "analysis", state: "finished", ms: 42 }));
    const summary = {
      workflows_scanned: 1,
      models_found: 1,
      models_missing: 1,
      models_resolved: 0,
      models_downloaded: 0,
      models_failed: 1,
      bytes_downloaded: 0,
      average_rate: null,
      cache_hits: 0,
      cache_misses: 0,
      all_installed: false,
      needs_attention: { choose: 0, token: 0, not_found: 0, failed: 1, refused: 0, misplaced: 0, unplaced: 0 },
    };
    detail = applyEventToRun(detail, event({ type: "run.finished", status: "failed", summary }));
    expect(detail.models[0]).toMatchObject({ status: "failed", error: "HTTP 500 from host" });
    expect(detail.phaseTimings).toEqual({ analysis: 42 });
    expect(detail).toMatchObject({ status: "failed", summary });
    expect(detail.finishedAt).toEqual(new Date("2024-01-01T00:00:03.000Z"));
    // The outcome a person reads first comes from the models as the events left them.
    expect(detail.outcome).toEqual({ all_installed: false, needs_attention: summary.needs_attention });
  });

  it("has no outcome while a reopened run runs again, and a fresh one when it finishes", () => {
    seq = 0;
    let detail = run([model("a", { status: "ambiguous" })]);
    detail = applyEventToRun(detail, event({ type: "run.finished", status: "completed" }));
    expect(detail.outcome?.needs_attention.choose).toBe(1);
    detail = applyEventToRun(detail, event({ type: "run.status", status: "running" }));
    expect(detail.outcome).toBeNull();
    detail = applyEventToRun(detail, event({ type: "model.status", model: ref("a"), status: "installed" }));
    detail = applyEventToRun(detail, event({ type: "run.finished", status: "completed" }));
    expect(detail.outcome).toEqual({ all_installed: true, needs_attention: expect.objectContaining({ choose: 0, failed: 0 }) });
  });
});

describe("applyEventToLive", () => {
  it("keeps a log, phase states and per-file speed", () => {
    seq = 0;
    let live: LiveState = emptyLiveState();
    live = applyEventToLive(live, event({ type: "run.phase", phase: "download", state: "started" }));
    live = applyEventToLive(live, event({ type: "model.progress", model: ref("a"), bytes: 100, total: 1000, rate: 300, etaSeconds: 3 }));
    live = applyEventToLive(live, event({ type: "model.progress", model: ref("b"), bytes: 100, total: 1000, rate: 200, etaSeconds: null }));
    expect(live.phases.download?.state).toBe("started");
    expect(live.speeds.a).toEqual({ rate: 300, etaSeconds: 3 });

    live = applyEventToLive(live, event({ type: "model.status", model: ref("a"), status: "installed" }));
    expect(Object.keys(live.speeds)).toEqual(["b"]);
    live = applyEventToLive(live, event({ type: "log", level: "warn", message: "slow host" }));
    expect(live.log.map((line) => line.text)).toEqual(["download started", "a.safetensors: installed", "slow host"]);
    expect(live.log.at(-1)!.level).toBe("warn");

    const again = applyEventToLive(live, { ...event({ type: "log", level: "info", message: "dup" }), seq: 2 });
    expect(again).toBe(live);
  });

  it("charts bytes fetched per second across files, at most one point a second", () => {
    seq = 0;
    const at = (ms: number) => new Date(Date.UTC(2024, 0, 1) + ms).toISOString();
    const progress = (id: string, bytes: number, ms: number) =>
      event({ type: "model.progress", model: ref(id), bytes, total: 10_000, rate: 1e9, etaSeconds: null, at: at(ms) });
    let live: LiveState = emptyLiveState();
    live = applyEventToLive(live, progress("a", 0, 0));
    live = applyEventToLive(live, progress("a", 500, 250));
    live = applyEventToLive(live, progress("b", 1_000, 500));
    expect(live.samples).toEqual([]);
    live = applyEventToLive(live, progress("a", 2_000, 1_000));
    expect(live.samples).toEqual([{ at: Date.UTC(2024, 0, 1) + 1_000, rate: 3_000 }]);
    // File a starts over (a retry): its lost bytes are not a negative rate.
    live = applyEventToLive(live, progress("a", 0, 1_500));
    live = applyEventToLive(live, progress("a", 1_000, 2_000));
    expect(live.samples.at(-1)).toEqual({ at: Date.UTC(2024, 0, 1) + 2_000, rate: 1_000 });
  });
});

describe("overallProgress", () => {
  it("sums the files being fetched and estimates time left from the combined rate", () => {
    const models = [
      model("a", { status: "downloading", size: 1000, bytes: 250 }),
      model("b", { status: "installed", size: 1000, bytes: 1000 }),
      model("c", { status: "present", size: 5000 }),
    ];
    const progress = overallProgress(models, { a: { rate: 75, etaSeconds: 10 } });
    expect(progress).toEqual({ total: 2000, done: 1250, rate: 75, etaSeconds: 10 });
  });
});

describe("needsSnapshot", () => {
  it("asks for a fresh snapshot when an event names a model the cached run lacks", () => {
    seq = 0;
    const detail = run([model("a")], 0);
    expect(needsSnapshot(detail, event({ type: "model.status", model: ref("a"), status: "resolving" }))).toBe(false);
    expect(needsSnapshot(detail, event({ type: "model.status", model: ref("b"), status: "resolving" }))).toBe(true);
    expect(needsSnapshot(detail, event({ type: "log", level: "info", message: "no model" }))).toBe(false);
    expect(needsSnapshot({ ...detail, lastSeq: 99 }, event({ type: "model.status", model: ref("b"), status: "resolving" }))).toBe(false);
  });
});
