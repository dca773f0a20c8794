// The worker process: takes jobs from pg-boss, heartbeats into Postgres, stops cleanly on SIGINT/SIGTERM.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { errorMessage } from "../core/error-message";
import { createDb } from "../server/db/client";
import { parseServerEnv } from "../server/env";
import { QUEUES, startBoss, type QueueKey } from "../server/jobs/queue";
import { startHeartbeat } from "./heartbeat";
import { startRunSupervisor } from "./run/supervisor";
import { TASKS } from "./tasks";
import type { z } from "zod";
import type { TaskContext } from "./tasks/context";

const SHUTDOWN_GRACE_MS = 10_000;

async function main() {
  let env;
  try {
    env = parseServerEnv(process.env);
  } catch (error) {
    console.error(`${errorMessage(error)} Start workers with \`npm start\`, or set DATABASE_URL to the app's database.`);
    process.exit(1);
  }
  const workerId = env.workerId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  const log = (message: string) => console.log(`${new Date().toISOString()} ${message}`);
  const db = createDb(env.databaseUrl);
  const heartbeat = await startHeartbeat(db, workerId, env.staleRunSeconds, log);
  const boss = await startBoss(env.databaseUrl);
  const shutdown = new AbortController();
  const context: TaskContext = { db, env, workerId, shutdown: shutdown.signal, log };

  const work = async <P>(key: QueueKey, queue: { name: string; payload: z.ZodType<P> }, processor: (payload: P, context: TaskContext) => Promise<void>) => {
    await boss.work(queue.name, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
      if (!job) return;
      const payload = queue.payload.safeParse(job.data);
      if (!payload.success) {
        // A malformed payload will never succeed: complete it with the reason instead of retrying.
        log(`dropping ${key} job ${job.id}: bad payload (${payload.error.message})`);
        return;
      }
      await processor(payload.data, context);
    });
  };
  await work("run", QUEUES.run, TASKS.run);
  const supervisor = startRunSupervisor(db, boss, env.staleRunSeconds, log);
  log(`worker ${workerId} ready`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`worker ${workerId} stopping (${signal})`);
    const forced = setTimeout(() => {
      log("shutdown took too long; exiting");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS + 5_000);
    forced.unref();
    supervisor.stop();
    shutdown.abort(new Error("the worker is shutting down"));
    await boss.stop({ graceful: true, timeout: SHUTDOWN_GRACE_MS, wait: true }).catch(() => undefined);
    await heartbeat.stop();
    await db.$disconnect();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(`worker failed to start: ${errorMessage(error)}`);
  process.exit(1);
});
