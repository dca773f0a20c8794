// A run from queue to installed files: real Postgres, the upstream simulator over loopback, real files on disk.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunEvent } from "../../core/events";
import { readRunEvents } from "../../server/events/publish";
import type { RunQueue } from "../../server/jobs/run-queue";
import { createContextInner } from "../../server/trpc/init";
import { createCaller } from "../../server/trpc/root";
import { useTestDatabase } from "../../test/database";
import { useTestAccount } from "../../test/accounts";
import { simEnv } from "../../test/sim-env";
import { waitFor } from "../../test/worker-process";
import { runTask } from "./run";
import { DEMO_AMBIGUOUS_FILE, demoCatalogue, startUpstreamSim, type UpstreamSim, checkpoint, lora, uiWorkflow, vae } from "../../test/sim";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describe("the run task", () => {
  const database = useTestDatabase();
  const admin = useTestAccount(database, "admin");
  let sim: UpstreamSim;
  let scratch: string;
  const queued: string[] = [];
  const queue: RunQueue = { enqueueRun: async (runId) => void queued.push(runId) };
  const env = () => database.env(simEnv(sim));
  const caller = () => createCaller(createContextInner({ db: database.db, queue, env: env(), actor: admin.actor }));
  const shutdown = new AbortController();
  const logs: string[] = [];
  const processRun = (runId: string) =>
    runTask({ runId }, { db: database.db, env: env(), workerId: "test-worker", shutdown: shutdown.signal, log: (message) => void logs.push(message) });
  const modelsRoot = () => join(scratch, "models");
  const upload = (fileName: string, content: string) => ({ fileName, content, encoding: "utf8" as const });

  beforeAll(async () => {
    sim = await startUpstreamSim({ catalogue: demoCatalogue({ sizeScale: 1 / 64 }) });
    scratch = await mkdtemp(join(tmpdir(), "cf-run-"));
    await mkdir(join(scratch, "models", "checkpoints"), { recursive: true });
    await writeFile(join(scratch, "models", "checkpoints", "already_here.safetensors"), "present");
    await caller().settings.update({ paths: { models_roots: [modelsRoot(), join(scratch, "dead-link-models")] } });
  });
  afterAll(async () => {
    await sim?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it("runs three workflows end to end: installs, verifies, and reports every model's outcome", async () => {
    const { id } = await caller().runs.create({
      modelsRoot: modelsRoot(),
      workflows: [
        upload("sdxl.json", uiWorkflow([checkpoint("SDXL\\juggernautXL_v9.safetensors"), vae("sdxl_vae.safetensors"), lora(DEMO_AMBIGUOUS_FILE)])),
        upload("sd15.json", uiWorkflow([checkpoint("already_here.safetensors"), lora("add_detail.safetensors"), lora("nowhere_to_be_found.safetensors")])),
        upload("bypassed.json", uiWorkflow([lora("easynegative_but_bypassed.safetensors", 4), checkpoint("SDXL/juggernautXL_v9.safetensors")])),
      ],
    });
    expect(queued).toContain(id);
    await processRun(id);

    const run = await caller().runs.get({ id });
    expect(run.status).toBe("completed");
    const byName = Object.fromEntries(run.models.map((model) => [model.name, model]));
    expect(Object.keys(byName).sort()).toEqual(
      [
        "SDXL\\juggernautXL_v9.safetensors",
        "sdxl_vae.safetensors",
        DEMO_AMBIGUOUS_FILE,
        "already_here.safetensors",
        "add_detail.safetensors",
        "nowhere_to_be_found.safetensors",
        "easynegative_but_bypassed.safetensors",
      ].sort(),
    );
    expect(byName["SDXL\\juggernautXL_v9.safetensors"]!.workflows.sort()).toEqual(["bypassed.json", "sdxl.json"]);
    expect(byName["already_here.safetensors"]!.status).toBe("present");
    expect(byName["easynegative_but_bypassed.safetensors"]!.status).toBe("skipped");
    expect(byName[DEMO_AMBIGUOUS_FILE]!.status).toBe("ambiguous");
    expect(byName[DEMO_AMBIGUOUS_FILE]!.resolution?.candidates.length).toBeGreaterThanOrEqual(2);
    expect(byName["nowhere_to_be_found.safetensors"]!.status).toBe("not_found");

    for (const [name, path] of [
      ["SDXL\\juggernautXL_v9.safetensors", "checkpoints/SDXL/juggernautXL_v9.safetensors"],
      ["sdxl_vae.safetensors", "vae/sdxl_vae.safetensors"],
      ["add_detail.safetensors", "loras/add_detail.safetensors"],
    ] as const) {
      const model = byName[name]!;
      expect(model.status, `${name}: ${model.error}`).toBe("installed");
      const bytes = await readFile(join(modelsRoot(), path));
      const published = sim.fileInfo(path.split("/").pop()!);
      expect(sha256(bytes)).toBe(published.sha256);
      expect(model.sha256).toBe(published.sha256);
      expect(model.bytes).toBe(published.size);
    }
    expect((await readdir(join(modelsRoot(), "loras"))).filter((file) => file.endsWith(".part"))).toEqual([]);
    // Installed files' hashes are kept for the inventory, so it never hashes them again.
    const cached = await database.db.fileHash.findUnique({ where: { path: join(modelsRoot(), "vae", "sdxl_vae.safetensors") } });
    expect(cached?.sha256).toBe(sim.fileInfo("sdxl_vae.safetensors").sha256);

    expect(run.summary).toMatchObject({ workflows_scanned: 3, models_found: 7, models_missing: 5, models_downloaded: 3, models_failed: 0 });
    expect(run.summary!.models_resolved).toBe(3);
    // Completed, but not everything is installed: the outcome says what is left, in the run and in the list alike.
    const leftForAPerson = { choose: 1, token: 0, not_found: 1, failed: 0, refused: 0, misplaced: 0, unplaced: 0 };
    expect(run.outcome).toEqual({ all_installed: false, needs_attention: leftForAPerson });
    expect(run.summary).toMatchObject({ all_installed: false, needs_attention: leftForAPerson });
    expect((await caller().runs.list({})).items.find((listed) => listed.id === id)?.outcome).toEqual(run.outcome);
    expect(Object.keys(run.phaseTimings)).toEqual(expect.arrayContaining(["analysis", "inventory", "resolution", "download", "verification"]));

    const events = await readRunEvents(database.db, id, 0);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(events.at(-1)).toMatchObject({ type: "run.finished", status: "completed" });
    const phases = events.flatMap((event) => (event.type === "run.phase" ? [`${event.phase}:${event.state}`] : []));
    for (const phase of ["analysis", "inventory", "resolution", "download", "verification"]) {
      expect(phases).toContain(`${phase}:started`);
      expect(phases).toContain(`${phase}:finished`);
      expect(phases.indexOf(`${phase}:started`)).toBeLessThan(phases.indexOf(`${phase}:finished`));
    }
    expect(run.phaseTimings.download).toBeGreaterThan(0);
    const installedEvents = events.filter((event) => event.type === "model.status" && event.status === "installed");
    expect(installedEvents.length).toBe(3);
  });

  it("downloads the candidate a person picks for an ambiguous model, in the same run", async () => {
    const [run] = (await caller().runs.list({})).items;
    const detail = await caller().runs.get({ id: run!.id });
    const ambiguous = detail.models.find((model) => model.status === "ambiguous")!;
    const chosen = ambiguous.resolution!.candidates.find((candidate) => candidate.baseModel?.includes("SDXL")) ?? ambiguous.resolution!.candidates[0]!;
    const view = await caller().runs.pickCandidate({ runId: detail.id, modelId: ambiguous.id, url: chosen.url });
    expect(view.status).toBe("resolved");
    expect((await caller().runs.get({ id: detail.id })).status).toBe("queued");

    await processRun(detail.id);
    const after = await caller().runs.get({ id: detail.id });
    expect(after.status).toBe("completed");
    const installed = after.models.find((model) => model.id === ambiguous.id)!;
    expect(installed.status).toBe("installed");
    // The candidate carries the SHA-256 its source publishes, and the installed file is those bytes.
    expect(chosen.sha256).toMatch(/^[0-9a-f]{64}$/i);
    expect(installed.sha256).toBe(chosen.sha256!.toLowerCase());
    expect(existsSync(join(modelsRoot(), "loras", DEMO_AMBIGUOUS_FILE))).toBe(true);
  });

  it("downloads from a URL a person pastes for a model no source had", async () => {
    const [run] = (await caller().runs.list({ search: "sd15.json" })).items;
    const detail = await caller().runs.get({ id: run!.id });
    const missing = detail.models.find((model) => model.name === "nowhere_to_be_found.safetensors")!;
    expect(missing.status).toBe("not_found");
    const pasted = `${sim.hfUrl}/stabilityai/sdxl-vae/resolve/main/sdxl_vae.safetensors`;
    expect(await caller().runs.pickCandidate({ runId: detail.id, modelId: missing.id, url: pasted })).toMatchObject({
      status: "resolved",
      source: "manual",
      url: pasted,
    });

    await processRun(detail.id);
    const installed = (await caller().runs.get({ id: detail.id })).models.find((model) => model.id === missing.id)!;
    expect(installed).toMatchObject({ status: "installed", source: "manual", sha256: sim.fileInfo("sdxl_vae.safetensors").sha256 });
    expect(existsSync(join(modelsRoot(), "loras", "nowhere_to_be_found.safetensors"))).toBe(true);
  });

  it("falls back to searching when the workflow's own link is dead", async () => {
    const deadLink = "https://huggingface.co/someone/gone/resolve/main/add_detail.safetensors";
    const { id } = await caller().runs.create({
      modelsRoot: join(scratch, "dead-link-models"),
      workflows: [
        upload(
          "dead-link.json",
          uiWorkflow([{ ...lora("add_detail.safetensors"), models: [{ name: "add_detail.safetensors", url: deadLink, directory: "loras" }] }]),
        ),
      ],
    });
    await processRun(id);
    const [model] = (await caller().runs.get({ id })).models;
    expect(model).toMatchObject({ status: "installed", source: "civitai", sha256: sim.fileInfo("add_detail.safetensors").sha256 });
    expect(model!.resolution?.reason).toMatch(/workflow's link failed/);
    const statuses = (await readRunEvents(database.db, id, 0)).filter((event) => event.type === "model.status").map((event) => event.status);
    expect(statuses).toEqual(["resolving", "resolved", "downloading", "resolving", "resolved", "downloading", "verifying", "installed"]);
  });

  it("retries the failed models of a finished run", async () => {
    sim.addFault({ server: "storage", pathIncludes: "dreamshaper", kind: "status", status: 500, times: 50 });
    const { id } = await caller().runs.create({
      modelsRoot: modelsRoot(),
      workflows: [upload("retry.json", uiWorkflow([checkpoint("dreamshaper_8.safetensors")]))],
    });
    await processRun(id);
    const failed = await caller().runs.get({ id });
    expect(failed.models[0]).toMatchObject({ status: "failed" });
    expect(failed.models[0]!.error).toMatch(/500/);
    expect(failed.summary?.models_failed).toBe(1);

    sim.clearFaults();
    expect(await caller().runs.retry({ id })).toEqual({ id, models: 1 });
    await processRun(id);
    const retried = await caller().runs.get({ id });
    expect(retried.models[0]).toMatchObject({ status: "installed" });
    expect(retried.summary?.models_failed).toBe(0);
  });

  it("cancels a run mid-download within two seconds and keeps the partial file", async () => {
    sim.setOptions({ bytesPerSecondPerConnection: 64 * 1024 });
    try {
      const { id } = await caller().runs.create({
        modelsRoot: modelsRoot(),
        workflows: [upload("slow.json", uiWorkflow([checkpoint("slow/dreamshaper_8.ckpt")]))],
      });
      const running = processRun(id);
      await waitFor(async () => {
        const events = await readRunEvents(database.db, id, 0);
        return events.some((event: RunEvent) => event.type === "model.progress" && (event.bytes ?? 0) > 0);
      });
      const cancelledAt = Date.now();
      expect(await caller().runs.cancel({ id })).toEqual({ id, status: "cancelling" });
      await running;
      expect(Date.now() - cancelledAt).toBeLessThan(2_500);
      const run = await caller().runs.get({ id });
      expect(run.status).toBe("cancelled");
      expect(existsSync(join(modelsRoot(), "checkpoints", "slow", "dreamshaper_8.ckpt"))).toBe(false);
      expect(existsSync(join(modelsRoot(), "checkpoints", "slow", "dreamshaper_8.ckpt.part"))).toBe(true);
      expect((await readRunEvents(database.db, id, 0)).at(-1)).toMatchObject({ type: "run.finished", status: "cancelled" });
    } finally {
      sim.setOptions({ bytesPerSecondPerConnection: undefined });
    }
  });

  it("leaves alone a run a live worker holds, and takes it over once that worker stops beating", async () => {
    const { id } = await caller().runs.create({ modelsRoot: modelsRoot(), workflows: [upload("held.json", uiWorkflow([lora("add_detail.safetensors")]))] });
    await database.db.workerHeartbeat.create({ data: { workerId: "live-worker", hostname: "elsewhere", pid: 1 } });
    await database.db.run.update({ where: { id }, data: { status: "running", workerId: "live-worker" } });

    // A second job for the run (a requeue racing its worker): nothing is planned, nothing changes hands.
    await processRun(id);
    expect(await database.db.run.findUnique({ where: { id }, select: { status: true, workerId: true } })).toEqual({
      status: "running",
      workerId: "live-worker",
    });
    expect(await database.db.runModel.count({ where: { runId: id } })).toBe(0);

    await database.db.workerHeartbeat.update({ where: { workerId: "live-worker" }, data: { lastSeenAt: new Date(Date.now() - 60 * 60 * 1000) } });
    await processRun(id);
    expect((await caller().runs.get({ id })).status).toBe("completed");
  });
});
