// The worker's liveness record in Postgres, read by health.check and the run supervisor.
import { hostname } from "node:os";
import type { Db } from "../server/db/client";

export const HEARTBEAT_INTERVAL_MS = 5_000;

export type Heartbeat = { workerId: string; setCurrentRun(runId: string | null): void; stop(): Promise<void> };

export async function startHeartbeat(db: Db, workerId: string, log: (message: string) => void): Promise<Heartbeat> {
  let currentRunId: string | null = null;
  const beat = () =>
    db.workerHeartbeat.upsert({
      where: { workerId },
      create: { workerId, hostname: hostname(), pid: process.pid, currentRunId },
      update: { lastSeenAt: new Date(), currentRunId },
    });
  await beat();
  let failing = false;
  const timer = setInterval(() => {
    beat().then(
      () => {
        if (failing) log("heartbeat restored: the database is reachable again");
        failing = false;
      },
      (error: unknown) => {
        if (!failing) log(`heartbeat failed, will keep trying: ${error instanceof Error ? error.message : String(error)}`);
        failing = true;
      },
    );
  }, HEARTBEAT_INTERVAL_MS);
  timer.unref();
  return {
    workerId,
    setCurrentRun(runId) {
      currentRunId = runId;
      // Say at once which run this worker holds (the health page and the run supervisor read it).
      void beat().catch(() => undefined);
    },
    async stop() {
      clearInterval(timer);
      await db.workerHeartbeat.deleteMany({ where: { workerId } }).catch(() => undefined);
    },
  };
}
