// Takes back runs whose worker died (SIGKILL, lost machine): its heartbeat goes stale, and its runs are queued again;
// a job taken from the queue by a worker that died before claiming its run goes back to the queue; a queued run that no
// job will ever take (its web app died before queueing it, or its job ran out of retries) gets a job.
import type PgBoss from "pg-boss";
import type { Db } from "../../server/db/client";
import { enqueueOrphanedRuns, retryUnclaimedRunJobs, runQueueOf } from "../../server/jobs/run-queue";
import { requeueStaleRuns } from "../../server/services/run-lifecycle";

export function startRunSupervisor(db: Db, boss: PgBoss, staleAfterSeconds: number, log: (message: string) => void) {
  const everyMs = Math.min(5_000, (staleAfterSeconds * 1000) / 2);
  const queue = runQueueOf(boss);
  const timer = setInterval(() => {
    requeueStaleRuns(db, queue, staleAfterSeconds).then(
      (ids) => ids.forEach((id) => log(`run ${id} lost its worker; queued again to resume`)),
      () => undefined, // the database is away; the next round tries again
    );
    retryUnclaimedRunJobs(db, boss, staleAfterSeconds).then(
      (ids) => ids.forEach((id) => log(`run ${id} was taken by a worker that died before starting it; queued again`)),
      () => undefined,
    );
    enqueueOrphanedRuns(db, boss, staleAfterSeconds).then(
      (ids) => ids.forEach((id) => log(`run ${id} waited with no job to take it; queued again`)),
      () => undefined,
    );
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
