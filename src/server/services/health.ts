// Liveness of the database and the workers (they heartbeat into WorkerHeartbeat).
import { errorMessage } from "../../core/error-message";
import type { Db } from "../db/client";

export type Health = {
  ok: boolean;
  database: { ok: boolean; error?: string };
  worker: { ok: boolean; alive: number; lastSeenAt: string | null };
};

/** A worker that has not beaten for `staleAfterSeconds` is taken for dead (the same threshold the run supervisor uses). */
export async function checkHealth(db: Db, staleAfterSeconds: number, now = new Date()): Promise<Health> {
  try {
    await db.$queryRaw`SELECT 1`;
  } catch (error) {
    return {
      ok: false,
      database: { ok: false, error: `Cannot reach the database: ${errorMessage(error)}` },
      worker: { ok: false, alive: 0, lastSeenAt: null },
    };
  }
  const since = new Date(now.getTime() - staleAfterSeconds * 1000);
  const [alive, latest] = await Promise.all([
    db.workerHeartbeat.count({ where: { lastSeenAt: { gte: since } } }),
    db.workerHeartbeat.findFirst({ orderBy: { lastSeenAt: "desc" }, select: { lastSeenAt: true } }),
  ]);
  return {
    ok: alive > 0,
    database: { ok: true },
    worker: { ok: alive > 0, alive, lastSeenAt: latest?.lastSeenAt.toISOString() ?? null },
  };
}
