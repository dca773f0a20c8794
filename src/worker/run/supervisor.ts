// Takes back runs whose worker died (SIGKILL, lost machine): their heartbeat goes stale, and they are queued again.
import type { Db } from "../../server/db/client";
import type { RunQueue } from "../../server/jobs/run-queue";

/** How long a running run's heartbeat may be silent before it is taken back (COMFYFIXER_STALE_RUN_SECONDS overrides). */
export function staleRunAfterSeconds(env: Record<string, string | undefined> = process.env): number {
  const configured = Number(env.COMFYFIXER_STALE_RUN_SECONDS);
  return Number.isFinite(configured) && configured > 0 ? configured : 20;
}

/** Requeues every stale running run; the UPDATE … RETURNING makes exactly one supervisor win each. */
export async function requeueStaleRuns(db: Db, queue: RunQueue, staleAfterSeconds = staleRunAfterSeconds()): Promise<string[]> {
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    UPDATE "Run" SET status = 'queued'
    WHERE status = 'running' AND ("heartbeatAt" IS NULL OR "heartbeatAt" < now() - make_interval(secs => ${staleAfterSeconds}))
    RETURNING id`;
  for (const row of rows) await queue.enqueueRun(row.id);
  return rows.map((row) => row.id);
}

export function startRunSupervisor(db: Db, queue: RunQueue, log: (message: string) => void) {
  const everyMs = Math.min(5_000, (staleRunAfterSeconds() * 1000) / 2);
  const timer = setInterval(() => {
    requeueStaleRuns(db, queue).then(
      (ids) => ids.forEach((id) => log(`run ${id} lost its worker; queued again to resume`)),
      () => undefined, // the database is away; the next round tries again
    );
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
