// Database: what a run stands on besides the upstream. PostgreSQL restarted in the middle of a run (the worker, the
// queue and the SSE relay reconnect and the run completes), and the models disk filling up in the middle of a
// download (that model fails saying so, the others install, its partial file is kept, and once there is room again a
// retry finishes it from the kept bytes). Real worker processes, real PostgreSQL, the simulator, real files.
import { createHash } from "node:crypto";
import { chmod, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunEvent } from "../src/core/events";
import { startEmbeddedPostgres, type RunningPostgres } from "../src/launcher/embedded-postgres";
import { createDb, type Db } from "../src/server/db/client";
import { migrate } from "../src/server/db/migrate";
import { parseServerEnv } from "../src/server/env";
import { RunEventRelay } from "../src/server/events/relay";
import { createRunEventStream } from "../src/server/events/sse";
import { startBoss } from "../src/server/jobs/queue";
import { runQueueOf } from "../src/server/jobs/run-queue";
import { createContextInner } from "../src/server/trpc/init";
import { createCaller } from "../src/server/trpc/root";
import { createTestAccount, useTestAccount } from "../src/test/accounts";
import { TEST_SECRET_KEY, useTestDatabase } from "../src/test/database";
import { checkpoint, demoCatalogue, KiB, lora, MiB, startUpstreamSim, uiWorkflow, vae, type UpstreamSim } from "../src/test/sim";
import { simEnv } from "../src/test/sim-env";
import { startWorkerProcess, waitFor, type WorkerProcess } from "../src/test/worker-process";
import { recordFigures } from "./figures";
import { mountSmallDisk } from "./support/small-disk";
import { bodyRequests, partialFileOf, rangeStartOf, servedBytesByFile } from "./support/worker-kills";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const FINISHED = ["completed", "failed", "cancelled"];

/** Files whose SHA-256 is not the published one, and files storage served twice in full, among `files` under `root`. */
async function losses(sim: UpstreamSim, files: Array<{ file: string; path: string }>) {
  const served = servedBytesByFile(sim.requests);
  let corruptFiles = 0;
  let duplicateDownloads = 0;
  for (const { file, path } of files) {
    const info = sim.fileInfo(file);
    const bytes = await readFile(path).catch(() => Buffer.alloc(0));
    if (sha256(bytes) !== info.sha256) corruptFiles++;
    if ((served.get(file) ?? 0) >= 2 * info.size) duplicateDownloads++;
  }
  return { corruptFiles, duplicateDownloads };
}

// Runs its own embedded PostgreSQL (real binaries) so the shared test server is never restarted.
describe("Database: PostgreSQL restarted mid-run", () => {
  let dataDir: string;
  let postgres: RunningPostgres;
  let sim: UpstreamSim;
  let db: Db;
  let boss: PgBoss;
  let worker: WorkerProcess;
  const output: string[] = [];
  const explain = () => output.join("").slice(-6000);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "cf-pg-restart-"));
    await chmod(dataDir, 0o777); // PostgreSQL runs as its own user when the tests run as root
    postgres = await startEmbeddedPostgres(join(dataDir, "pg"), () => undefined);
    await migrate(postgres.url);
    db = createDb(postgres.url);
    boss = await startBoss(postgres.url);
    sim = await startUpstreamSim({ catalogue: demoCatalogue({ sizeScale: 1 / 8 }), bytesPerSecondPerConnection: 1024 * 1024 });
    worker = startWorkerProcess("restart-worker", { ...simEnv(sim), DATABASE_URL: postgres.url, COMFYFIXER_SECRET_KEY: TEST_SECRET_KEY }, output);
  }, 120_000);
  afterAll(async () => {
    await worker?.kill();
    await boss?.stop({ graceful: false }).catch(() => undefined);
    await db?.$disconnect().catch(() => undefined);
    await sim?.close();
    await postgres?.stop().catch(() => undefined);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it("completes the run and the event stream follows it to the end", { timeout: 180_000 }, async () => {
    const files = ["juggernautXL_v9.safetensors", "sdxl_vae.safetensors"];
    let completed = false;
    let workerExited = false;
    void worker.exited.then(() => (workerExited = true));
    const figures = { corruptFiles: 0, duplicateDownloads: 0, events: 0 };
    try {
      const env = parseServerEnv({ DATABASE_URL: postgres.url, COMFYFIXER_SECRET_KEY: TEST_SECRET_KEY });
      const admin = await createTestAccount({ db, env: () => env }, "admin");
      const caller = createCaller(createContextInner({ db, queue: runQueueOf(boss), env, actor: admin.actor }));
      const modelsRoot = join(dataDir, "models");
      await caller.settings.update({ paths: { models_roots: [modelsRoot] } });
      const { id } = await caller.runs.create({
        modelsRoot,
        workflows: [{ fileName: "restart.json", content: uiWorkflow([checkpoint(files[0]!), vae(files[1]!)]), encoding: "utf8" }],
      });
      const relay = new RunEventRelay(postgres.url);
      const received: RunEvent[] = [];
      const reading = (async () => {
        const reader = createRunEventStream({ db, relay, runId: id, afterSeq: 0 }).getReader();
        const decoder = new TextDecoder();
        let text = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return text;
          text += decoder.decode(value, { stream: true });
          for (const match of text.matchAll(/^data: (\{.*\})$/gm)) {
            const event = JSON.parse(match[1]!) as RunEvent;
            if (event.seq && !received.some((seen) => seen.seq === event.seq)) received.push(event);
          }
        }
      })();

      await waitFor(() => received.some((event) => event.type === "model.progress"), { timeoutMs: 90_000, what: "the first progress event", explain });
      await postgres.stop();
      // The fault: the database is away for two seconds, long enough for every connection to fail.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      postgres = await startEmbeddedPostgres(join(dataDir, "pg"), () => undefined, { port: postgres.port });

      const run = await waitFor(
        async () => {
          const current = await caller.runs.get({ id });
          return FINISHED.includes(current.status) ? current : null;
        },
        { timeoutMs: 90_000, what: "the run to end after the restart", explain },
      );
      completed = run.status === "completed";
      expect(run.status, explain()).toBe("completed");
      expect(run.models.map((model) => [model.status, model.error])).toEqual([
        ["installed", null],
        ["installed", null],
      ]);
      Object.assign(
        figures,
        await losses(
          sim,
          run.models.map((model) => ({ file: model.name, path: model.targetPath! })),
        ),
      );
      expect(figures).toMatchObject({ corruptFiles: 0, duplicateDownloads: 0 });

      const text = await Promise.race([reading, new Promise<string>((_, reject) => setTimeout(() => reject(new Error("the stream did not end")), 30_000))]);
      expect(text).toContain("event: end");
      figures.events = received.length;
      expect(received.map((event) => event.seq)).toEqual(received.map((_, index) => index + 1));
      expect(received.at(-1)).toMatchObject({ type: "run.finished", status: "completed" });
      expect(workerExited, explain()).toBe(false);
      await relay.close();
    } finally {
      recordFigures({
        suite: "Database: PostgreSQL restart",
        trials: 1,
        faults: 1,
        inputs: files.length,
        crashes: (completed ? 0 : 1) + (workerExited ? 1 : 0),
        corruptFiles: figures.corruptFiles,
        duplicateDownloads: figures.duplicateDownloads,
        note: `${figures.events} events streamed in order across the restart`,
      });
    }
  });
});

/** Room for the engine's 256 MiB free-space margin and the run's files (7.5 MiB), and a little more. */
const DISK_BYTES = 256 * MiB + 10 * MiB;
const diskScratch = await mkdtemp(join(tmpdir(), "cf-fault-disk-"));
await mkdir(join(diskScratch, "models"));
const smallDisk = await mountSmallDisk(join(diskScratch, "models"), DISK_BYTES);
if (smallDisk.skipped) {
  console.log(`Database, disk full: skipped, ${smallDisk.skipped}`);
  await rm(diskScratch, { recursive: true, force: true });
}

describe.skipIf(!smallDisk.disk)("Database: the models disk fills up mid-download", () => {
  const database = useTestDatabase();
  const admin = useTestAccount(database, "admin");
  const output: string[] = [];
  const explain = () => output.join("").slice(-6000);
  const disk = smallDisk.disk!;
  let sim: UpstreamSim;
  let boss: PgBoss;
  let worker: WorkerProcess;
  const caller = () => createCaller(createContextInner({ db: database.db, queue: runQueueOf(boss), env: database.env(), actor: admin.actor }));

  beforeAll(async () => {
    // 256 KiB/s per connection: the two small files are in place within seconds while the big one needs 24 s.
    sim = await startUpstreamSim({ catalogue: demoCatalogue({ sizeScale: 1 / 8 }), bytesPerSecondPerConnection: 256 * KiB });
    boss = await startBoss(database.url);
    await caller().settings.update({ paths: { models_roots: [disk.path] } });
    worker = startWorkerProcess("disk-worker", { ...simEnv(sim), DATABASE_URL: database.url, COMFYFIXER_SECRET_KEY: TEST_SECRET_KEY }, output);
  });
  afterAll(async () => {
    await worker?.kill();
    await boss?.stop({ graceful: false });
    await sim?.close();
    await disk.unmount();
    await rm(diskScratch, { recursive: true, force: true });
  });

  it("fails only the model that did not fit, saying so, keeps its bytes, and a retry with room finishes it from them", async () => {
    const big = "juggernautXL_v9.safetensors";
    const files = [
      { file: "add_detail.safetensors", path: join(disk.path, "loras", "add_detail.safetensors") },
      { file: "sdxl_vae.safetensors", path: join(disk.path, "vae", "sdxl_vae.safetensors") },
      { file: big, path: join(disk.path, "checkpoints", big) },
    ];
    const bigPath = files[2]!.path;
    const filler = join(disk.path, "someone-elses-renders.bin");
    let ended = false;
    let workerExited = false;
    void worker.exited.then(() => (workerExited = true));
    const figures = { corruptFiles: 0, duplicateDownloads: 0, kept: 0, resumedAt: -1 };
    try {
      const { id } = await caller().runs.create({
        modelsRoot: disk.path,
        workflows: [{ fileName: "disk.json", content: uiWorkflow([lora(files[0]!.file), vae(files[1]!.file), checkpoint(big)]), encoding: "utf8" }],
      });
      const finished = (what: string) =>
        waitFor(
          async () => {
            const run = await caller().runs.get({ id });
            return FINISHED.includes(run.status) ? run : null;
          },
          { timeoutMs: 90_000, what, explain },
        );
      const statusOf = (run: Awaited<ReturnType<typeof finished>>) => Object.fromEntries(run.models.map((model) => [model.name, model.status]));

      // The small files are in place and the big one has a resume note for a good share of its bytes: fill the disk.
      await waitFor(
        async () => {
          const run = await caller().runs.get({ id });
          const installed = run.models.filter((model) => model.status === "installed").length;
          return installed === 2 && ((await partialFileOf(bigPath, big))?.noteBytes ?? 0) >= 1 * MiB;
        },
        { what: "two files installed and the big one a MiB in", explain },
      );
      const filled = await disk.fill(filler);
      expect(filled).toBeGreaterThan(200 * MiB);

      const full = await finished("the run to end on the full disk");
      expect(statusOf(full), explain()).toEqual({ [files[0]!.file]: "installed", [files[1]!.file]: "installed", [big]: "failed" });
      const failed = full.models.find((model) => model.name === big)!;
      // What happened and what to do, in the model's own error.
      expect(failed.error).toMatch(/disk is full/i);
      expect(failed.error).toMatch(/free some space/i);
      expect(full.summary?.needs_attention.failed).toBe(1);
      const kept = await partialFileOf(bigPath, big);
      expect(kept?.noteBytes, "the partial file and its resume note are kept").toBeGreaterThanOrEqual(1 * MiB);
      figures.kept = kept!.noteBytes;

      // Retried while the disk is still full: the free-space check (statfs) refuses before a byte is written.
      await caller().runs.retry({ id });
      const stillFull = await finished("the retry on a still-full disk to end");
      const refused = stillFull.models.find((model) => model.name === big)!;
      expect(refused.status).toBe("failed");
      expect(refused.error).toMatch(/not enough free space/i);
      expect(refused.error).toMatch(/free some space and try again/i);
      expect(await partialFileOf(bigPath, big)).toEqual(kept);

      // Room again: the retry continues the kept bytes with a ranged GET (at full speed now).
      await rm(filler);
      sim.setOptions({ bytesPerSecondPerConnection: undefined });
      const requestsBefore = sim.requests.length;
      await caller().runs.retry({ id });
      const done = await finished("the retry with room to end");
      ended = true;
      expect(statusOf(done), explain()).toEqual({ [files[0]!.file]: "installed", [files[1]!.file]: "installed", [big]: "installed" });
      const [resumed] = bodyRequests(sim.requests.slice(requestsBefore), big);
      figures.resumedAt = resumed ? rangeStartOf(resumed) : -1;
      expect(figures.resumedAt).toBe(kept!.noteBytes);
      Object.assign(figures, await losses(sim, files));
      expect(figures).toMatchObject({ corruptFiles: 0, duplicateDownloads: 0 });
      expect(workerExited, explain()).toBe(false);
    } finally {
      recordFigures({
        suite: "Database: disk full",
        trials: 1,
        faults: 2,
        inputs: files.length,
        crashes: (ended ? 0 : 1) + (workerExited ? 1 : 0),
        corruptFiles: figures.corruptFiles,
        duplicateDownloads: figures.duplicateDownloads,
        note: `kept ${(figures.kept / MiB).toFixed(1)} MiB of ${big} through a full disk and a refused retry; resumed at byte ${figures.resumedAt}`,
      });
    }
  });
});
