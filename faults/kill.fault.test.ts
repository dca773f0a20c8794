// Kill: a real worker process, downloading a multi-file run (Civitai and Hugging Face files) from the simulator's
// slow storage into real files, is SIGKILLed at random moments N times in a row, a fresh worker started after each
// kill. The run must complete; every file must have its published SHA-256; no file may be served twice in full; and
// every partial file a kill left with a resume note must be continued from that note's byte with a ranged GET.
import { readdir, rm, mkdtemp, readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUEUES, startBoss } from "../src/server/jobs/queue";
import { runQueueOf } from "../src/server/jobs/run-queue";
import { createContextInner } from "../src/server/trpc/init";
import { createCaller } from "../src/server/trpc/root";
import { useTestAccount } from "../src/test/accounts";
import { TEST_SECRET_KEY, useTestDatabase } from "../src/test/database";
import {
  checkpoint,
  demoCatalogue,
  fluxTextEncoders,
  KiB,
  lora,
  MiB,
  startUpstreamSim,
  uiWorkflow,
  vae,
  type SimCatalogue,
  type UpstreamSim,
} from "../src/test/sim";
import { simEnv } from "../src/test/sim-env";
import { startWorkerProcess, waitFor, type WorkerProcess } from "../src/test/worker-process";
import { LONG, recordFigures, scaled } from "./figures";
import { faultSeed, partialFileOf, resumeChecks, seededRandom, servedBytes, servedBytesByFile, type PartialFile } from "./support/worker-kills";

const KILLS = scaled({ ci: 5, long: 20 });
const SEED = faultSeed();
/** Each connection at 512 KiB/s: a file of a few MiB takes seconds, so kills land in the middle of transfers. */
const BYTES_PER_SECOND = 512 * KiB;
/** A dead worker's runs are taken back once its heartbeat is this old. */
const STALE_RUN_SECONDS = "2";

/** Three Civitai files found by name, one Hub file found by name, two Hub files from a template's own links. */
const WORKFLOW = uiWorkflow([
  checkpoint("juggernautXL_v9.safetensors"),
  checkpoint("dreamshaper_8.safetensors"),
  lora("add_detail.safetensors"),
  vae("sdxl_vae.safetensors"),
  fluxTextEncoders(),
]);
const FILES = [
  "juggernautXL_v9.safetensors",
  "dreamshaper_8.safetensors",
  "add_detail.safetensors",
  "sdxl_vae.safetensors",
  "clip_l.safetensors",
  "t5xxl_fp8_e4m3fn.safetensors",
];

/**
 * Sizes well above what one kill can cost a file (the bytes since its last resume note and in the worker's memory)
 * times the kills it lives through: a run's real models are far bigger still.
 */
const SIZES_CI: Record<string, number> = Object.fromEntries(FILES.map((file, index) => [file, [6, 4, 2, 2, 2, 3][index]! * MiB]));
const SIZES_LONG: Record<string, number> = Object.fromEntries(FILES.map((file, index) => [file, [8, 8, 6, 6, 6, 8][index]! * MiB]));

/** The demo catalogue with some files' sizes changed. */
function withSizes(catalogue: SimCatalogue, sizes: Record<string, number>): SimCatalogue {
  return {
    civitai: {
      models: catalogue.civitai.models.map((model) => ({
        ...model,
        modelVersions: model.modelVersions.map((version) => ({
          ...version,
          files: version.files.map((file) => ({ ...file, size: sizes[file.name] ?? file.size })),
        })),
      })),
    },
    huggingface: {
      repos: catalogue.huggingface.repos.map((repo) => ({ ...repo, files: repo.files.map((file) => ({ ...file, size: sizes[file.path] ?? file.size })) })),
    },
  };
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** Every `.part` under the models root with bytes in it, by the file it is becoming. */
async function partialFiles(modelsRoot: string): Promise<PartialFile[]> {
  const entries = await readdir(modelsRoot, { recursive: true }).catch(() => [] as string[]);
  const parts = entries.filter((entry) => entry.endsWith(".part"));
  const found = await Promise.all(parts.map((part) => partialFileOf(join(modelsRoot, part.slice(0, -".part".length)), basename(part, ".part"))));
  return found.filter((partial): partial is PartialFile => partial !== null);
}

describe("Kill: SIGKILL the worker at random moments of a multi-file run", () => {
  const database = useTestDatabase();
  const admin = useTestAccount(database, "admin");
  const output: string[] = [];
  const explain = () => `seed ${SEED}; the workers said:\n${output.join("").slice(-8000)}`;
  let sim: UpstreamSim;
  let boss: PgBoss;
  let scratch: string;
  const workers: WorkerProcess[] = [];
  /** Workers this suite killed on purpose; any other exit is a crash. */
  const killedOnPurpose = new Set<WorkerProcess>();
  let unexpectedExits = 0;

  const caller = () => createCaller(createContextInner({ db: database.db, queue: runQueueOf(boss), env: database.env(), actor: admin.actor }));
  const startWorker = () => {
    const worker = startWorkerProcess(
      `kill-worker-${workers.length + 1}`,
      { ...simEnv(sim), DATABASE_URL: database.url, COMFYFIXER_SECRET_KEY: TEST_SECRET_KEY, COMFYFIXER_STALE_RUN_SECONDS: STALE_RUN_SECONDS },
      output,
    );
    workers.push(worker);
    void worker.exited.then((exit) => {
      if (killedOnPurpose.has(worker)) return;
      unexpectedExits++;
      output.push(`[${worker.name}] exited by itself: ${JSON.stringify(exit)}\n`);
    });
    return worker;
  };

  beforeAll(async () => {
    console.log(`Kill suite: seed ${SEED} (replay with COMFYFIXER_FAULT_SEED=${SEED}), ${KILLS} kills`);
    // Files of 2–6 MiB (long: 6–8 MiB, room for 20 kills), each one segment at the default 8 MiB chunk size.
    sim = await startUpstreamSim({ catalogue: withSizes(demoCatalogue(), LONG ? SIZES_LONG : SIZES_CI), bytesPerSecondPerConnection: BYTES_PER_SECOND });
    boss = await startBoss(database.url);
    scratch = await mkdtemp(join(tmpdir(), "cf-fault-kill-"));
    await caller().settings.update({ paths: { models_roots: [join(scratch, "models"), join(scratch, "unclaimed")] } });
  });
  afterAll(async () => {
    for (const worker of workers) killedOnPurpose.add(worker);
    await Promise.all(workers.map((worker) => worker.kill()));
    await boss?.stop({ graceful: false });
    await sim?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it(`completes the run after ${KILLS} kills, every file whole, none downloaded twice, partial files resumed`, async () => {
    const random = seededRandom(SEED);
    const modelsRoot = join(scratch, "models");
    const totalBytes = FILES.reduce((sum, file) => sum + sim.fileInfo(file).size, 0);
    const partials: Array<PartialFile & { afterRequest: number }> = [];
    let kills = 0;
    let completed = false;
    let corruptFiles = 0;
    let duplicateDownloads = 0;
    let resumed = 0;
    let resumable = 0;
    let startedOver = 0;
    let mostServed = 0;
    try {
      let worker = startWorker();
      const { id } = await caller().runs.create({ modelsRoot, workflows: [{ fileName: "kill.json", content: WORKFLOW, encoding: "utf8" }] });
      const runOf = () => caller().runs.get({ id });
      const runRow = () => database.db.run.findUniqueOrThrow({ where: { id }, select: { status: true, workerId: true } });

      for (kills = 0; kills < KILLS;) {
        // Armed once this worker holds the run; the kill comes after a random number of bytes served.
        const current = worker;
        await waitFor(async () => (await runRow()).workerId === current.name, { what: `${current.name} to take the run`, explain });
        const servedBefore = servedBytes(sim.requests);
        // Between a quarter and all of an even share of 75% of the bytes: random, yet each worker gets to write a
        // little (bytes still in a worker's memory when it is killed are lost whatever it does).
        const killAfter = Math.floor(((0.25 + 0.75 * random()) * 0.75 * totalBytes) / KILLS);
        const moment = await waitFor(
          async () => {
            if (servedBytes(sim.requests) - servedBefore >= killAfter) return "due";
            const { status } = await runRow();
            return status !== "running" && status !== "queued" ? "ended" : null;
          },
          { pollMs: 20, what: `${killAfter} more bytes before kill ${kills + 1}`, explain },
        );
        if (moment === "ended") throw new Error(`The run ended before kill ${kills + 1} of ${KILLS} (seed ${SEED}).`);
        killedOnPurpose.add(current);
        await current.kill();
        kills++;
        const afterRequest = sim.requests.length;
        for (const partial of await partialFiles(modelsRoot)) partials.push({ ...partial, afterRequest });
        worker = startWorker();
      }

      const run = await waitFor(
        async () => {
          const current = await runOf();
          return ["completed", "failed", "cancelled"].includes(current.status) ? current : null;
        },
        { timeoutMs: 120_000, what: "the run to end after the last kill", explain },
      );
      completed = run.status === "completed";

      // Every figure first, so the table has them even when an assertion below fails.
      const served = servedBytesByFile(sim.requests);
      for (const file of FILES) {
        const model = run.models.find((candidate) => basename(candidate.targetPath ?? candidate.name) === file);
        const bytes = model?.targetPath ? await readFile(model.targetPath).catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
        if (sha256(bytes) !== sim.fileInfo(file).sha256) corruptFiles++;
        if ((served.get(file) ?? 0) >= 2 * sim.fileInfo(file).size) duplicateDownloads++;
        mostServed = Math.max(mostServed, (served.get(file) ?? 0) / sim.fileInfo(file).size);
      }
      for (const check of resumeChecks(partials, sim.requests)) {
        if (check.noteBytes === 0) {
          // Killed before its first resume note: nothing vouches for its bytes.
          startedOver++;
          continue;
        }
        resumable++;
        // Continued from the note's byte, or nothing left to fetch: the whole file was on disk already.
        const kept = check.nextStart === null ? check.noteBytes === sim.fileInfo(check.file).size : check.nextStart === check.noteBytes;
        if (kept) resumed++;
        else output.push(`${check.file}: the note kept ${check.noteBytes} bytes, the next GET started at ${check.nextStart}\n`);
      }

      expect(run.status, explain()).toBe("completed");
      expect(
        run.models.map((model) => [model.name, model.status, model.error]),
        explain(),
      ).toEqual(run.models.map((model) => [model.name, "installed", null]));
      expect(corruptFiles, "files whose SHA-256 is not the published one").toBe(0);
      expect(
        Object.fromEntries(FILES.map((file) => [file, (served.get(file) ?? 0) < 2 * sim.fileInfo(file).size])),
        `bytes served per file: ${JSON.stringify(Object.fromEntries(served))}`,
      ).toEqual(Object.fromEntries(FILES.map((file) => [file, true])));
      // Nothing half-written is left beside the installed files.
      const leftovers = (await readdir(modelsRoot, { recursive: true })).filter((entry) => /\.(part|resume|lock|tmp)$/.test(entry));
      expect(leftovers).toEqual([]);
      expect(resumed, explain()).toBe(resumable);
      expect(resumable, "kills that left partial files with a resume note").toBeGreaterThan(0);
      expect(unexpectedExits, explain()).toBe(0);
    } finally {
      recordFigures({
        suite: "Kill",
        trials: kills,
        faults: kills,
        inputs: FILES.length,
        crashes: (completed ? 0 : 1) + unexpectedExits,
        corruptFiles,
        duplicateDownloads,
        note: `resumed ${resumed} of ${resumable} partial files with their bytes (${startedOver} killed before their first resume note started over); at most ${mostServed.toFixed(2)}× a file's size served; seed ${SEED}`,
      });
    }
  });

  it("takes up a run whose worker died after taking its job from the queue, before claiming the run", async () => {
    // No worker is left from the first test: the run's job can only be taken by this test.
    for (const worker of workers) killedOnPurpose.add(worker);
    await Promise.all(workers.map((worker) => worker.kill()));
    sim.setOptions({ bytesPerSecondPerConnection: undefined });
    let completed = false;
    let corruptFiles = 0;
    let exitsBefore = unexpectedExits;
    try {
      const { id } = await caller().runs.create({
        modelsRoot: join(scratch, "unclaimed"),
        workflows: [{ fileName: "unclaimed.json", content: uiWorkflow([lora("add_detail.safetensors")]), encoding: "utf8" }],
      });
      // A worker's first step, taken through pg-boss as a worker takes it; this "worker" then dies before the claim.
      const [job] = await boss.fetch<{ runId: string }>(QUEUES.run.name);
      expect(job?.data).toEqual({ runId: id });
      exitsBefore = unexpectedExits;
      startWorker();
      const run = await waitFor(
        async () => {
          const current = await caller().runs.get({ id });
          return ["completed", "failed", "cancelled"].includes(current.status) ? current : null;
        },
        { timeoutMs: 60_000, what: "the run whose job was taken to be taken up again", explain },
      );
      completed = run.status === "completed" && run.models.every((model) => model.status === "installed");
      const installed = await readFile(join(scratch, "unclaimed", "loras", "add_detail.safetensors")).catch(() => Buffer.alloc(0));
      if (sha256(installed) !== sim.fileInfo("add_detail.safetensors").sha256) corruptFiles++;
      expect(run.models.map((model) => [model.status, model.error])).toEqual([["installed", null]]);
      expect(run.status).toBe("completed");
    } finally {
      recordFigures({
        suite: "Kill: job taken, run not claimed",
        trials: 1,
        faults: 1,
        inputs: 1,
        crashes: (completed ? 0 : 1) + unexpectedExits - exitsBefore,
        corruptFiles,
        duplicateDownloads: 0,
        note: completed ? "the run was queued again and completed" : "the run stayed queued with its job taken",
      });
    }
  });
});
