// The worker's liveness record in Postgres, read by the health check and by the run supervisor (a run whose
// worker's record is stale is taken up by another worker).
import { hostname } from "node:os";
import { errorMessage } from "../core/error-message";
import type { Db } from "../server/db/client";

export type Heartbeat = { workerId: string; stop(): Promise<void> };

/** Beats often enough that a live worker is never taken for dead: four beats fit in the stale threshold. */
export function heartbeatIntervalMs(staleAfterSeconds: number): number {
  return Math.min(5_000, (staleAfterSeconds * 1000) / 4);
}

export async function startHeartbeat(db: Db, workerId: string, staleAfterSeconds: number, log: (message: string) => void): Promise<Heartbeat> {
  const beat = () =>
    db.workerHeartbeat.upsert({
      where: { workerId },
      create: { workerId, hostname: hostname(), pid: process.pid },
      update: { lastSeenAt: new Date() },
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
        if (!failing) log(`heartbeat failed, will keep trying: ${errorMessage(error)}`);
        failing = true;
      },
    );
  }, heartbeatIntervalMs(staleAfterSeconds));
  timer.unref();
  return {
    workerId,
    async stop() {
      clearInterval(timer);
      await db.workerHeartbeat.deleteMany({ where: { workerId } }).catch(() => undefined);
    },
  };
}
