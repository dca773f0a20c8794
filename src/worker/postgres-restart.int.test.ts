// PostgreSQL restarted in the middle of a run: the worker, the queue and the SSE relay reconnect and the run completes.
// Runs its own embedded PostgreSQL (real binaries) so the shared test server is never restarted.
import { spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../core/config/project-root";
import type { RunEvent } from "../core/events";
import { startEmbeddedPostgres, type RunningPostgres } from "../launcher/embedded-postgres";
import { createDb, type Db } from "../server/db/client";
import { migrate } from "../server/db/migrate";
import { RunEventRelay } from "../server/events/relay";
import { createRunEventStream } from "../server/events/sse";
import { startBoss } from "../server/jobs/queue";
import { runQueueOf } from "../server/jobs/run-queue";
import { parseServerEnv } from "../server/env";
import { createContextInner } from "../server/trpc/init";
import { createCaller } from "../server/trpc/root";
import { createTestAccount } from "../test/accounts";
import { TEST_SECRET_KEY } from "../test/database";
import { simEnv } from "../test/sim-env";
import { demoCatalogue, startUpstreamSim, type UpstreamSim, checkpoint, uiWorkflow, vae } from "../test/sim";

async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => null); // the database may be restarting
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting for the condition");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("a PostgreSQL restart mid-run", () => {
  let dataDir: string;
  let postgres: RunningPostgres;
  let sim: UpstreamSim;
  let db: Db;
  let boss: PgBoss;
  let worker: ChildProcess;
  const output: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "cf-pg-restart-"));
    await chmod(dataDir, 0o777); // PostgreSQL runs as its own user when the tests run as root
    postgres = await startEmbeddedPostgres(join(dataDir, "pg"), () => undefined);
    await migrate(postgres.url);
    db = createDb(postgres.url);
    boss = await startBoss(postgres.url);
    sim = await startUpstreamSim({ catalogue: demoCatalogue({ sizeScale: 1 / 8 }), bytesPerSecondPerConnection: 1024 * 1024 });
    worker = spawn(process.execPath, [join(projectRoot(), "dist", "worker", "main.mjs")], {
      cwd: projectRoot(),
      env: { ...process.env, ...simEnv(sim), DATABASE_URL: postgres.url, COMFYFIXER_SECRET_KEY: TEST_SECRET_KEY },
      stdio: ["ignore", "pipe", "pipe"],
    });
    for (const stream of [worker.stdout, worker.stderr]) stream?.on("data", (chunk: Buffer) => output.push(String(chunk)));
  }, 120_000);
  afterAll(async () => {
    worker?.kill("SIGKILL");
    await boss?.stop({ graceful: false }).catch(() => undefined);
    await db?.$disconnect().catch(() => undefined);
    await sim?.close();
    await postgres?.stop().catch(() => undefined);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it("completes the run and the event stream follows it to the end", { timeout: 180_000 }, async () => {
    const env = parseServerEnv({ DATABASE_URL: postgres.url, COMFYFIXER_SECRET_KEY: TEST_SECRET_KEY });
    const admin = await createTestAccount({ db, env: () => env }, "admin");
    const caller = createCaller(createContextInner({ db, queue: runQueueOf(boss), env, actor: admin.actor }));
    await caller.settings.update({ paths: { models_roots: [join(dataDir, "models")] } });
    const { id } = await caller.runs.create({
      modelsRoot: join(dataDir, "models"),
      workflows: [
        { fileName: "restart.json", content: uiWorkflow([checkpoint("juggernautXL_v9.safetensors"), vae("sdxl_vae.safetensors")]), encoding: "utf8" },
      ],
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

    await eventually(async () => received.some((event) => event.type === "model.progress"));
    await postgres.stop();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    postgres = await startEmbeddedPostgres(join(dataDir, "pg"), () => undefined, { port: postgres.port });

    const run = await eventually(async () => {
      const current = await caller.runs.get({ id });
      return ["completed", "failed", "cancelled"].includes(current.status) ? current : null;
    });
    expect(run.status, output.join("")).toBe("completed");
    expect(run.models.map((model) => [model.status, model.error])).toEqual([
      ["installed", null],
      ["installed", null],
    ]);

    const text = await Promise.race([reading, new Promise<string>((_, reject) => setTimeout(() => reject(new Error("the stream did not end")), 30_000))]);
    expect(text).toContain("event: end");
    expect(received.map((event) => event.seq)).toEqual(received.map((_, index) => index + 1));
    expect(received.at(-1)).toMatchObject({ type: "run.finished", status: "completed" });
    await relay.close();
  });
});
