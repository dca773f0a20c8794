// Liveness of the database and the workers (they heartbeat into WorkerHeartbeat).
import type { Db } from "../db/client";

/** A worker that has not beaten for this long is taken for dead. */
export const WORKER_STALE_AFTER_MS = 30_000;

export type Health = {
  ok: boolean;
  database: { ok: boolean; error?: string };
  worker: { ok: boolean; alive: number; lastSeenAt: string | null };
};

export async function checkHealth(db: Db, now = new Date()): Promise<Health> {
  try {
    await db.$queryRaw`SELECT 1`;
  } catch (error) {
    return {
      ok: false,
      database: { ok: false, error: `Cannot reach the database: ${error instanceof Error ? error.message : String(error)}` },
      worker: { ok: false, alive: 0, lastSeenAt: null },
    };
  }
  const since = new Date(now.getTime() - WORKER_STALE_AFTER_MS);
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
