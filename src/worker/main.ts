// The worker process: takes jobs from pg-boss, heartbeats into Postgres, stops cleanly on SIGINT/SIGTERM.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { createDb } from "../server/db/client";
import { QUEUES, startBoss, type QueueKey } from "../server/jobs/queue";
import { runQueueOf } from "../server/jobs/run-queue";
import { startRunSupervisor } from "./run/supervisor";
import { startHeartbeat } from "./heartbeat";
import { TASKS } from "./tasks";

const SHUTDOWN_GRACE_MS = 10_000;

async function main() {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error("DATABASE_URL is not set. Start workers with `npm start`, or set DATABASE_URL to the app's database.");
    process.exit(1);
  }
  const workerId = process.env.COMFYFIXER_WORKER_ID ?? `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  const log = (message: string) => console.log(`${new Date().toISOString()} ${message}`);
  const db = createDb(databaseUrl);
  const heartbeat = await startHeartbeat(db, workerId, log);
  const boss = await startBoss(databaseUrl);
  const shutdown = new AbortController();

  for (const [key, processor] of Object.entries(TASKS) as [QueueKey, (typeof TASKS)[QueueKey]][]) {
    const queue = QUEUES[key];
    await boss.work(queue.name, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
      if (!job) return;
      const payload = queue.payload.safeParse(job.data);
      if (!payload.success) {
        // A malformed payload will never succeed: complete it with the reason instead of retrying.
        log(`dropping ${key} job ${job.id}: bad payload (${payload.error.message})`);
        return;
      }
      await processor(payload.data, { db, boss, databaseUrl, heartbeat, signal: shutdown.signal, log });
    });
  }
  const supervisor = startRunSupervisor(db, runQueueOf(boss), log);
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
  console.error(`worker failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
