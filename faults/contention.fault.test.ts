// Contention: two real worker processes want the same file for two runs. One holds the file's PostgreSQL advisory
// lock and downloads; the other provably waits on that lock (PostgreSQL shows its request not granted). The holder
// is SIGKILLed: its connection dies, the lock passes to the waiter, which continues the holder's .part from its resume
// note with a ranged GET. The file is downloaded once in full, and both runs complete.
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBoss } from "../src/server/jobs/queue";
import { runQueueOf } from "../src/server/jobs/run-queue";
import { advisoryKeyOf } from "../src/server/stores/target-lock";
import { createContextInner } from "../src/server/trpc/init";
import { createCaller } from "../src/server/trpc/root";
import { useTestAccount } from "../src/test/accounts";
import { TEST_SECRET_KEY, useTestDatabase } from "../src/test/database";
import { checkpoint, demoCatalogue, KiB, startUpstreamSim, uiWorkflow, vae, type FixtureNode, type UpstreamSim } from "../src/test/sim";
import { simEnv } from "../src/test/sim-env";
import { startWorkerProcess, waitFor, type WorkerProcess } from "../src/test/worker-process";
import { recordFigures, scaled } from "./figures";
import { bodyRequests, partialFileOf, rangeStartOf, servedBytesByFile } from "./support/worker-kills";

const TRIALS = scaled({ ci: 1, long: 3 });
/** The contended files, one per trial: Civitai and Hugging Face, found by name. */
const CONTENDED: Array<{ file: string; folder: string; node: (name: string) => FixtureNode }> = [
  { file: "juggernautXL_v9.safetensors", folder: "checkpoints", node: checkpoint },
  { file: "sdxl_vae.safetensors", folder: "vae", node: vae },
  { file: "dreamshaper_8.safetensors", folder: "checkpoints", node: checkpoint },
];
const FINISHED = ["completed", "failed", "cancelled"];

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describe("Contention: two workers, one file, the lock holder killed", () => {
  const database = useTestDatabase();
  const admin = useTestAccount(database, "admin");
  const output: string[] = [];
  const explain = () => output.join("").slice(-8000);
  let sim: UpstreamSim;
  let boss: PgBoss;
  let scratch: string;
  const workers = new Map<string, WorkerProcess>();
  const killedOnPurpose = new Set<WorkerProcess>();
  let unexpectedExits = 0;
  const caller = () => createCaller(createContextInner({ db: database.db, queue: runQueueOf(boss), env: database.env(), actor: admin.actor }));
  const startWorker = () => {
    const worker = startWorkerProcess(
      `contention-worker-${workers.size + 1}`,
      { ...simEnv(sim), DATABASE_URL: database.url, COMFYFIXER_SECRET_KEY: TEST_SECRET_KEY, COMFYFIXER_STALE_RUN_SECONDS: "2" },
      output,
    );
    workers.set(worker.name, worker);
    void worker.exited.then((exit) => {
      if (killedOnPurpose.has(worker)) return;
      unexpectedExits++;
      output.push(`[${worker.name}] exited by itself: ${JSON.stringify(exit)}\n`);
    });
    return worker;
  };
  const rowOf = (id: string) => database.db.run.findUniqueOrThrow({ where: { id }, select: { status: true, workerId: true } });
  const finished = (id: string, what: string) =>
    waitFor(
      async () => {
        const run = await caller().runs.get({ id });
        return FINISHED.includes(run.status) ? run : null;
      },
      { timeoutMs: 90_000, what, explain },
    );
  /** The file's advisory lock requests in this database: who holds it, and whether someone waits. */
  const lockRequests = async (targetKey: string) => {
    const key = BigInt(advisoryKeyOf(targetKey));
    const [high, low] = [BigInt.asUintN(32, key >> 32n), BigInt.asUintN(32, key)];
    return database.db.$queryRaw<Array<{ granted: boolean }>>`
      SELECT granted FROM pg_locks
      WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND classid::text::bigint = ${high} AND objid::text::bigint = ${low} AND objsubid = 1`;
  };

  beforeAll(async () => {
    sim = await startUpstreamSim({ catalogue: demoCatalogue({ sizeScale: 1 / 8 }) });
    boss = await startBoss(database.url);
    scratch = await mkdtemp(join(tmpdir(), "cf-fault-contention-"));
    await caller().settings.update({ paths: { models_roots: CONTENDED.map((_, trial) => join(scratch, `trial-${trial}`)) } });
    startWorker();
    startWorker();
    await waitFor(async () => (await database.db.workerHeartbeat.count()) === 2, { timeoutMs: 30_000, what: "two workers", explain });
  });
  afterAll(async () => {
    for (const worker of workers.values()) killedOnPurpose.add(worker);
    await Promise.all([...workers.values()].map((worker) => worker.kill()));
    await boss?.stop({ graceful: false });
    await sim?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it(`hands the lock and the .part to the waiting worker when the holder dies (${TRIALS} trial(s))`, async () => {
    let trials = 0;
    let crashes = 0;
    let corruptFiles = 0;
    let duplicateDownloads = 0;
    let resumed = 0;
    try {
      for (; trials < TRIALS;) {
        const { file, folder, node } = CONTENDED[trials % CONTENDED.length]!;
        const modelsRoot = join(scratch, `trial-${trials}`);
        const targetPath = join(modelsRoot, folder, file);
        const create = (name: string) =>
          caller().runs.create({ modelsRoot, workflows: [{ fileName: name, content: uiWorkflow([node(file)]), encoding: "utf8" }] });
        // 256 KiB/s per connection until the kill: the holder is surely still downloading when the waiter arrives.
        sim.setOptions({ bytesPerSecondPerConnection: 256 * KiB });
        const requestsBefore = sim.requests.length;
        const first = await create("first.json");
        await waitFor(async () => ((await partialFileOf(targetPath, file))?.noteBytes ?? 0) > 0, { what: `${file} to be coming down`, explain });
        const holderName = (await rowOf(first.id)).workerId!;
        const holder = workers.get(holderName)!;
        const second = await create("second.json");
        // The contention, proven: the other worker has the second run and its lock request is waiting.
        await waitFor(
          async () => {
            const { workerId } = await rowOf(second.id);
            const requests = await lockRequests(`${folder}/${file}`);
            return workerId !== null && workerId !== holderName && requests.some((request) => request.granted) && requests.some((request) => !request.granted);
          },
          { what: "the second worker to wait on the file's lock", explain },
        );

        killedOnPurpose.add(holder);
        await holder.kill();
        trials++;
        const left = await partialFileOf(targetPath, file);
        const requestsAtKill = sim.requests.length;
        sim.setOptions({ bytesPerSecondPerConnection: undefined });
        startWorker(); // two workers again for the next trial; the first run goes to whoever takes it back

        const runs = [await finished(second.id, "the waiter's run to end"), await finished(first.id, "the killed worker's run to end")];
        const finishedWell = runs.every((run) => run.status === "completed" && run.models.every((model) => model.status === "installed"));
        if (!finishedWell) crashes++;
        const info = sim.fileInfo(file);
        if (sha256(await readFile(targetPath).catch(() => Buffer.alloc(0))) !== info.sha256) corruptFiles++;
        if ((servedBytesByFile(sim.requests.slice(requestsBefore)).get(file) ?? 0) >= 2 * info.size) duplicateDownloads++;
        const [next] = bodyRequests(sim.requests.slice(requestsAtKill), file);
        const resumedHere = left !== null && left.noteBytes > 0 && next !== undefined && rangeStartOf(next) === left.noteBytes;
        if (resumedHere) resumed++;

        expect(
          runs.map((run) => [run.status, run.models.map((model) => [model.status, model.error])]),
          explain(),
        ).toEqual([
          ["completed", [["installed", null]]],
          ["completed", [["installed", null]]],
        ]);
        expect(left?.noteBytes, "the holder left a .part with a resume note").toBeGreaterThan(0);
        expect(next && rangeStartOf(next), "the waiter's first GET continues the holder's bytes").toBe(left!.noteBytes);
        // Exactly one download in full: the holder's start from zero and the waiter's rest, and no other GET from zero.
        expect(bodyRequests(sim.requests.slice(requestsBefore), file).filter((request) => rangeStartOf(request) === 0)).toHaveLength(1);
        expect({ corruptFiles, duplicateDownloads }).toEqual({ corruptFiles: 0, duplicateDownloads: 0 });
      }
      expect(unexpectedExits, explain()).toBe(0);
    } finally {
      recordFigures({
        suite: "Contention",
        trials,
        faults: trials,
        inputs: trials,
        crashes: crashes + unexpectedExits,
        corruptFiles,
        duplicateDownloads,
        note: `the waiting worker took the lock and resumed the holder's .part in ${resumed} of ${trials}`,
      });
    }
  });
});
