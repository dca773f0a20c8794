// Real worker processes sharing one database: no double download, recovery from SIGKILL mid-download, and
// riding out dropped database connections. Uses the upstream simulator over loopback.
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRunEvents } from "../server/events/publish";
import { startBoss } from "../server/jobs/queue";
import { runQueueOf } from "../server/jobs/run-queue";
import { createContextInner } from "../server/trpc/init";
import { createCaller } from "../server/trpc/root";
import { TEST_SECRET_KEY, useTestDatabase } from "../test/database";
import { useTestAccount } from "../test/accounts";
import { simEnv } from "../test/sim-env";
import { startWorkerProcess, waitFor as waitForCondition, type WorkerProcess } from "../test/worker-process";
import type PgBoss from "pg-boss";
import { demoCatalogue, startUpstreamSim, type UpstreamSim, checkpoint, lora, uiWorkflow, vae } from "../test/sim";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** What the worker processes printed, shown when a test fails. */
const output: string[] = [];

const waitFor = <T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 60_000) =>
  waitForCondition(check, { timeoutMs, explain: () => `the workers said:\n${output.join("").slice(-6000)}` });

describe("worker processes", () => {
  const database = useTestDatabase();
  const admin = useTestAccount(database, "admin");
  let sim: UpstreamSim;
  let boss: PgBoss;
  let scratch: string;
  const workers = new Map<string, WorkerProcess>();
  const caller = () => createCaller(createContextInner({ db: database.db, queue: runQueueOf(boss), env: database.env(), actor: admin.actor }));
  const upload = (fileName: string, content: string) => ({ fileName, content, encoding: "utf8" as const });

  const startWorker = (name: string) => {
    const worker = startWorkerProcess(
      name,
      { ...simEnv(sim), DATABASE_URL: database.url, COMFYFIXER_SECRET_KEY: TEST_SECRET_KEY, COMFYFIXER_STALE_RUN_SECONDS: "3" },
      output,
    );
    workers.set(name, worker);
    return worker;
  };
  const finished = (id: string) =>
    waitFor(async () => {
      const run = await caller().runs.get({ id });
      return ["completed", "failed", "cancelled"].includes(run.status) ? run : null;
    }, 50_000);

  beforeAll(async () => {
    sim = await startUpstreamSim({ catalogue: demoCatalogue({ sizeScale: 1 / 8 }) });
    boss = await startBoss(database.url);
    scratch = await mkdtemp(join(tmpdir(), "cf-workers-"));
    // One connection per download, so each file is one request and double downloads are easy to count.
    await caller().settings.update({
      download: { chunk_size: 1024 * 1024 * 1024 },
      paths: { models_roots: ["shared", "killed", "dropped"].map((name) => join(scratch, name)) },
    });
    startWorker("worker-a");
    startWorker("worker-b");
    await waitFor(async () => (await database.db.workerHeartbeat.count()) === 2, 30_000);
  });
  afterAll(async () => {
    await Promise.all([...workers.values()].map((worker) => worker.kill()));
    await boss?.stop({ graceful: false });
    await sim?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it("shares two runs that need the same file and downloads that file once", async () => {
    sim.resetRequests();
    // Slow enough that both runs want the file while it is still downloading.
    sim.setOptions({ bytesPerSecondPerConnection: 2 * 1024 * 1024 });
    const modelsRoot = join(scratch, "shared");
    const [first, second] = await Promise.all([
      caller().runs.create({
        modelsRoot,
        workflows: [upload("one.json", uiWorkflow([checkpoint("juggernautXL_v9.safetensors"), vae("sdxl_vae.safetensors")]))],
      }),
      caller().runs.create({
        modelsRoot,
        workflows: [upload("two.json", uiWorkflow([checkpoint("juggernautXL_v9.safetensors"), lora("add_detail.safetensors")]))],
      }),
    ]);
    const runs = await Promise.all([finished(first.id), finished(second.id)]);
    sim.setOptions({ bytesPerSecondPerConnection: undefined });
    for (const run of runs) {
      expect(run.status, output.join("")).toBe("completed");
      // The later run finds the file installed by the first, either waiting on its lock or already on disk.
      for (const model of run.models) expect(["installed", "present"], `${model.name}: ${model.error}`).toContain(model.status);
    }
    expect(
      runs.flatMap((run) => run.models).filter((model) => model.name === "juggernautXL_v9.safetensors" && model.status === "installed").length,
    ).toBeGreaterThanOrEqual(1);
    // The resolver sizes a Civitai file with a one-byte Range GET (storage refuses HEAD); only whole-body GETs count here.
    const bodyRequests = sim.requests.filter(
      (request) =>
        request.server === "storage" && request.method === "GET" && request.path.includes("juggernautXL_v9") && request.headers.range !== "bytes=0-0",
    );
    expect(bodyRequests.length).toBe(1);
    const bytes = await readFile(join(modelsRoot, "checkpoints", "juggernautXL_v9.safetensors"));
    expect(sha256(bytes)).toBe(sim.fileInfo("juggernautXL_v9.safetensors").sha256);
  });

  it("finishes a run whose worker is killed mid-download, resuming the partial file", { timeout: 120_000 }, async () => {
    sim.resetRequests();
    // About 8 s for the file, so the worker is surely killed in the middle of it.
    sim.setOptions({ bytesPerSecondPerConnection: 512 * 1024 });
    const modelsRoot = join(scratch, "killed");
    const { id } = await caller().runs.create({ modelsRoot, workflows: [upload("big.json", uiWorkflow([checkpoint("dreamshaper_8.safetensors")]))] });
    const progressed = await waitFor(async () => {
      const events = await readRunEvents(database.db, id, 0);
      return events.some((event) => event.type === "model.progress" && (event.bytes ?? 0) > 512 * 1024);
    });
    expect(progressed).toBe(true);
    // The run names the worker that holds it from the moment it is claimed.
    const owner = await waitFor(() => database.db.run.findFirst({ where: { id, workerId: { not: null } }, select: { workerId: true } }));
    await workers.get(owner.workerId!)!.kill();
    sim.setOptions({ bytesPerSecondPerConnection: undefined });

    const run = await finished(id);
    expect(run.status, output.join("")).toBe("completed");
    expect(run.models[0]).toMatchObject({ status: "installed" });
    const bytes = await readFile(join(modelsRoot, "checkpoints", "dreamshaper_8.safetensors"));
    expect(sha256(bytes)).toBe(sim.fileInfo("dreamshaper_8.safetensors").sha256);
    const resumed = sim.requests.filter((request) => request.server === "storage" && /bytes=[1-9]\d*-/.test(request.headers.range ?? ""));
    expect(resumed.length).toBeGreaterThanOrEqual(1);
    const events = await readRunEvents(database.db, id, 0);
    expect(events.filter((event) => event.type === "model.status" && event.status === "installed").length).toBe(1);
    startWorker("worker-c");
  });

  it("completes a run while every database connection is dropped mid-run", async () => {
    sim.setOptions({ bytesPerSecondPerConnection: 2 * 1024 * 1024 });
    const modelsRoot = join(scratch, "dropped");
    const { id } = await caller().runs.create({
      modelsRoot,
      workflows: [upload("drop.json", uiWorkflow([checkpoint("juggernautXL_v9.safetensors"), vae("sdxl_vae.safetensors")]))],
    });
    await waitFor(async () => (await readRunEvents(database.db, id, 0)).some((event) => event.type === "model.progress"));
    await database.db.$executeRawUnsafe(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    sim.setOptions({ bytesPerSecondPerConnection: undefined });
    const run = await finished(id);
    expect(run.status, output.join("")).toBe("completed");
    expect(run.models.map((model) => model.status)).toEqual(["installed", "installed"]);
  });
});
