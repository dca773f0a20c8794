// How a run's live events change what the run page shows: the cached run (runs.get) and the
// live-only extras (event log, phases in progress, per-file speed, throughput samples).
import type { RunEvent, RunEventOf } from "../../core/events";
import { outcomeOf } from "../../core/run/summary";
import { isRunFinished, isTransferring, RUN_PHASES, type RunPhase } from "../../core/status";
import type { ModelView, RunDetail } from "../../server/services/run-schemas";

export const PHASES = RUN_PHASES;
export type Phase = RunPhase;
export type PhaseState = { state: "started" | "finished"; ms: number | null; at: string };

export type LogLine = { seq: number; at: string; level: string; text: string };
export type ModelSpeed = { rate: number; etaSeconds: number | null };
export type ThroughputSample = { at: number; rate: number };
/** Bytes fetched across the run's files at one instant, the base of the next throughput sample. */
type ByteMark = { at: number; bytes: number };

export type LiveState = {
  lastSeq: number;
  log: LogLine[];
  phases: Partial<Record<Phase, PhaseState>>;
  speeds: Record<string, ModelSpeed>;
  /** Bytes fetched so far per model, from progress events. */
  fetched: Record<string, number>;
  mark: ByteMark | null;
  samples: ThroughputSample[];
  finished: boolean;
};

export const MAX_LOG_LINES = 500;
export const MAX_SAMPLES = 240;

export const emptyLiveState = (): LiveState => ({ lastSeq: 0, log: [], phases: {}, speeds: {}, fetched: {}, mark: null, samples: [], finished: false });

function updateModel(detail: RunDetail, modelId: string, change: (model: ModelView) => ModelView): RunDetail {
  let found = false;
  const models = detail.models.map((model) => {
    if (model.id !== modelId) return model;
    found = true;
    return change(model);
  });
  return found ? { ...detail, models } : detail;
}

function applyModelStatus(model: ModelView, event: RunEventOf<"model.status">): ModelView {
  const { status, resolution } = event;
  const next: ModelView = {
    ...model,
    status,
    ...(resolution ? { resolution, source: resolution.source, url: resolution.url } : {}),
    ...(event.targetPath !== undefined ? { targetPath: event.targetPath } : {}),
    ...(event.sha256 !== undefined ? { sha256: event.sha256 } : {}),
    ...(event.size !== undefined ? { size: event.size } : {}),
    ...(event.bytes !== undefined ? { bytes: event.bytes } : {}),
  };
  if (status === "failed" || status === "not_found" || status === "needs_auth" || status === "refused") next.error = event.message ?? model.error;
  else if (status !== "ambiguous") next.error = null;
  if (status === "installed" && next.size !== null && next.bytes < next.size) next.bytes = next.size;
  return next;
}

/** True when an event names a model the cached run does not list yet: the run was planned after the snapshot. */
export function needsSnapshot(detail: RunDetail, event: RunEvent): boolean {
  if (event.seq <= detail.lastSeq || !("model" in event) || !event.model) return false;
  const modelId = event.model.id;
  return !detail.models.some((model) => model.id === modelId);
}

/**
 * The cached run after one event. Events at or before the snapshot's `lastSeq` are already in it
 * and leave it unchanged, so replaying the stream from the start is harmless.
 */
export function applyEventToRun(detail: RunDetail, event: RunEvent): RunDetail {
  if (event.seq <= detail.lastSeq) return detail;
  const next: RunDetail = { ...detail, lastSeq: event.seq };
  const at = new Date(event.at);
  switch (event.type) {
    case "run.status": {
      const withStatus: RunDetail = { ...next, status: event.status, outcome: isRunFinished(event.status) ? next.outcome : null };
      if (event.status === "running" && !next.startedAt) withStatus.startedAt = at;
      if (isRunFinished(event.status) && !next.finishedAt) withStatus.finishedAt = at;
      return withStatus;
    }
    case "run.finished":
      // The models' own events came first, so they say what the run left for a person.
      return { ...next, status: event.status, summary: event.summary ?? next.summary, finishedAt: next.finishedAt ?? at, outcome: outcomeOf(next.models) };
    case "run.phase":
      if (event.state !== "finished" || event.ms === undefined) return next;
      return { ...next, phaseTimings: { ...next.phaseTimings, [event.phase]: event.ms } };
    case "model.status":
      return updateModel(next, event.model.id, (model) => applyModelStatus(model, event));
    case "model.progress":
      return updateModel(next, event.model.id, (model) => ({
        ...model,
        bytes: event.bytes,
        size: event.total ?? model.size,
        status: model.status === "resolved" || model.status === "missing" ? "downloading" : model.status,
      }));
    case "log":
      return next;
  }
}

function logText(event: RunEvent): string | null {
  switch (event.type) {
    case "log":
      return `${event.model ? `${event.model.name}: ` : ""}${event.message}`;
    case "model.status":
      return `${event.model.name}: ${event.status}${event.message ? ` — ${event.message}` : ""}`;
    case "run.status":
      return `Run ${event.status}${event.message ? ` — ${event.message}` : ""}`;
    case "run.phase":
      return `${event.phase} ${event.state}`;
    case "run.finished":
      return `Run finished: ${event.status}`;
    case "model.progress":
      return null;
  }
}

function levelOf(event: RunEvent): string {
  if (event.type === "log") return event.level;
  if (event.type !== "model.status") return "info";
  if (event.status === "failed" || event.status === "refused") return "error";
  if (event.status === "ambiguous" || event.status === "not_found" || event.status === "needs_auth") return "warn";
  return "info";
}

const totalRate = (speeds: Record<string, ModelSpeed>) => Object.values(speeds).reduce((sum, speed) => sum + speed.rate, 0);

/** Below this spacing, samples would chart the jitter of progress reports rather than the rate. */
const SAMPLE_SPACING_MS = 1_000;

/**
 * The chart's rate comes from bytes fetched over time across all files (not the downloads' own rate
 * estimates, which jump at the start of each file), one point per second at most.
 */
function withProgress(live: LiveState, modelId: string, bytes: number, at: number): Pick<LiveState, "fetched" | "mark" | "samples"> {
  const previous = live.fetched[modelId] ?? 0;
  // A restarted download (bytes going back) starts a new count rather than a negative rate.
  const fetched = { ...live.fetched, [modelId]: bytes };
  const total = Object.values(fetched).reduce((sum, value) => sum + value, 0);
  const adjustedMark = live.mark && bytes < previous ? { ...live.mark, bytes: live.mark.bytes - (previous - bytes) } : live.mark;
  if (!adjustedMark) return { fetched, mark: { at, bytes: total }, samples: live.samples };
  const elapsed = at - adjustedMark.at;
  if (elapsed < SAMPLE_SPACING_MS) return { fetched, mark: adjustedMark, samples: live.samples };
  const rate = Math.max(0, ((total - adjustedMark.bytes) / elapsed) * 1000);
  return { fetched, mark: { at, bytes: total }, samples: [...live.samples, { at, rate }].slice(-MAX_SAMPLES) };
}

/** The live-only extras after one event; duplicates (same or older seq) are ignored. */
export function applyEventToLive(live: LiveState, event: RunEvent): LiveState {
  if (event.seq <= live.lastSeq) return live;
  const next: LiveState = { ...live, lastSeq: event.seq };
  const text = logText(event);
  if (text !== null) next.log = [...live.log, { seq: event.seq, at: event.at, level: levelOf(event), text }].slice(-MAX_LOG_LINES);
  const at = new Date(event.at).getTime();

  if (event.type === "run.phase") {
    next.phases = { ...live.phases, [event.phase]: { state: event.state, ms: event.ms ?? null, at: event.at } };
  } else if (event.type === "model.progress") {
    next.speeds = { ...live.speeds, [event.model.id]: { rate: event.rate, etaSeconds: event.etaSeconds } };
    Object.assign(next, withProgress(live, event.model.id, event.bytes, at));
  } else if (event.type === "model.status" && !isTransferring(event.status)) {
    if (live.speeds[event.model.id]) {
      const { [event.model.id]: _done, ...rest } = live.speeds;
      next.speeds = rest;
    }
  } else if (event.type === "run.finished") {
    next.finished = true;
    next.speeds = {};
  }
  return next;
}

/** Bytes to fetch, bytes fetched, and the combined rate and time left of a run's downloads. */
export function overallProgress(models: ModelView[], speeds: Record<string, ModelSpeed>) {
  const downloading = models.filter(
    (model) => model.size !== null && (model.bytes > 0 || isTransferring(model.status) || model.status === "installed" || model.status === "resolved"),
  );
  const total = downloading.reduce((sum, model) => sum + (model.size ?? 0), 0);
  const done = downloading.reduce((sum, model) => sum + Math.min(model.bytes, model.size ?? model.bytes), 0);
  const rate = totalRate(speeds);
  const etaSeconds = rate > 0 && total > done ? (total - done) / rate : null;
  return { total, done, rate, etaSeconds };
}
