// Takes back runs whose worker died (SIGKILL, lost machine): its heartbeat goes stale, and its runs are queued again.
import type { Db } from "../../server/db/client";
import type { RunQueue } from "../../server/jobs/run-queue";
import { requeueStaleRuns } from "../../server/services/run-lifecycle";

export function startRunSupervisor(db: Db, queue: RunQueue, staleAfterSeconds: number, log: (message: string) => void) {
  const everyMs = Math.min(5_000, (staleAfterSeconds * 1000) / 2);
  const timer = setInterval(() => {
    requeueStaleRuns(db, queue, staleAfterSeconds).then(
      (ids) => ids.forEach((id) => log(`run ${id} lost its worker; queued again to resume`)),
      () => undefined, // the database is away; the next round tries again
    );
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
