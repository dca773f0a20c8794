// Every move of a run between its statuses, in one place: claim (a worker takes it), finish, hand back (the worker
// stops), take back from a dead worker, cancel, and reopen (retry, a pick after the end). Each move is one guarded
// UPDATE or a transaction holding the run's row, so two workers, or a worker and a person, never both win.
import type { RunSummary } from "../../core/run/summary";
import { isRunFinished, type RunPhase, type RunStatus } from "../../core/status";
import type { Prisma } from "../../generated/prisma/client";
import type { Db } from "../db/client";
import { withDbRetry } from "../db/retry";
import { AppError } from "../errors";
import { publishRunEvent } from "../events/publish";
import type { RunQueue } from "../jobs/run-queue";

export type ClaimedRun = { id: string; modelsRoot: string; dryRun: boolean; options: Prisma.JsonValue; phaseTimings: Prisma.JsonValue };

/**
 * A worker takes a queued run, or a running one whose worker is gone (no heartbeat for `staleAfterSeconds`), never
 * one a live worker holds: a second job for the same run (a requeue racing the first worker) then does nothing.
 * Null when the run is finished, cancelled, gone or held.
 */
export async function claimRun(db: Db, runId: string, workerId: string, staleAfterSeconds: number): Promise<ClaimedRun | null> {
  const [run] = await withDbRetry(
    () => db.$queryRaw<ClaimedRun[]>`
      UPDATE "Run" SET status = 'running', "startedAt" = COALESCE("startedAt", now()), "workerId" = ${workerId}
      WHERE id = ${runId}::uuid AND NOT "cancelRequested" AND (
        status = 'queued' OR (status = 'running' AND (
          "workerId" IS NULL OR "workerId" = ${workerId} OR NOT EXISTS (
            SELECT 1 FROM "WorkerHeartbeat" w
            WHERE w."workerId" = "Run"."workerId" AND w."lastSeenAt" >= now() - make_interval(secs => ${staleAfterSeconds})
          )
        ))
      )
      RETURNING id, "modelsRoot", "dryRun", options, "phaseTimings"`,
  );
  return run ?? null;
}

export type RunResultToSave = {
  status: Exclude<RunStatus, "queued" | "running">;
  summary: RunSummary;
  timings: Partial<Record<RunPhase, number>>;
  error?: string;
};

/**
 * Ends a run. Returns false, leaving it running, when a person gave one of its models new work (a pick) after the
 * worker last looked: the worker takes that up first. The run's row lock orders this against the pick.
 */
export async function finishRun(db: Db, runId: string, result: RunResultToSave): Promise<boolean> {
  const finished = await withDbRetry(() =>
    db.$transaction(async (tx) => {
      const [run] = await tx.$queryRaw<Array<{ pendingWork: boolean }>>`SELECT "pendingWork" FROM "Run" WHERE id = ${runId}::uuid FOR UPDATE`;
      if (run?.pendingWork && result.status === "completed") {
        await tx.run.update({ where: { id: runId }, data: { pendingWork: false } });
        return false;
      }
      await tx.run.update({
        where: { id: runId },
        data: {
          status: result.status,
          summary: result.summary as Prisma.InputJsonObject,
          phaseTimings: result.timings,
          finishedAt: new Date(),
          error: result.error ?? null,
          workerId: null,
          pendingWork: false,
        },
      });
      return true;
    }),
  );
  if (finished)
    await withDbRetry(() => publishRunEvent(db, runId, { type: "run.finished", status: result.status, message: result.error, summary: result.summary }));
  return finished;
}

/** The worker is shutting down mid-run: the run goes back to the queue, and the next worker resumes it. */
export async function handBackRun(db: Db, runId: string, timings: Partial<Record<RunPhase, number>>): Promise<void> {
  await db.run.updateMany({ where: { id: runId, status: "running" }, data: { status: "queued", workerId: null, phaseTimings: timings } });
}

/**
 * Takes back every running run whose worker stopped beating (SIGKILL, a lost machine) and queues it again; the
 * UPDATE … RETURNING makes exactly one supervisor win each.
 */
export async function requeueStaleRuns(db: Db, queue: RunQueue, staleAfterSeconds: number): Promise<string[]> {
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    UPDATE "Run" SET status = 'queued', "workerId" = NULL
    WHERE status = 'running' AND NOT EXISTS (
      SELECT 1 FROM "WorkerHeartbeat" w
      WHERE w."workerId" = "Run"."workerId" AND w."lastSeenAt" >= now() - make_interval(secs => ${staleAfterSeconds})
    )
    RETURNING id`;
  for (const row of rows) await queue.enqueueRun(row.id);
  return rows.map((row) => row.id);
}

async function findRun(db: Pick<Db, "run">, id: string) {
  const run = await db.run.findUnique({ where: { id }, select: { id: true, status: true } });
  if (!run) throw new AppError("NOT_FOUND", `Run ${id} does not exist.`);
  return run;
}

export async function cancelRun(db: Db, id: string): Promise<{ id: string; status: "cancelled" | "cancelling" }> {
  const run = await findRun(db, id);
  if (isRunFinished(run.status)) {
    throw new AppError("CONFLICT", `Run ${id} has already ${run.status === "cancelled" ? "been cancelled" : "finished"}.`);
  }
  // A queued run no worker has taken ends here; a running one is stopped by its worker within a second.
  const stoppedHere = await db.run.updateMany({
    where: { id, status: "queued" },
    data: { status: "cancelled", cancelRequested: true, finishedAt: new Date() },
  });
  if (stoppedHere.count === 1) {
    await publishRunEvent(db, id, { type: "run.finished", status: "cancelled", message: "Cancelled before a worker took it." });
    return { id, status: "cancelled" };
  }
  await db.run.update({ where: { id }, data: { cancelRequested: true } });
  return { id, status: "cancelling" };
}

/**
 * Gives a run new work: a finished run is queued again; a running one is told (pendingWork) so its worker takes the
 * work before it finishes. Call inside a transaction that changed the models, with the run's row locked.
 */
export async function reopenRun(tx: Prisma.TransactionClient, runId: string): Promise<"reopened" | "running"> {
  const [run] = await tx.$queryRaw<Array<{ status: RunStatus }>>`SELECT status FROM "Run" WHERE id = ${runId}::uuid FOR UPDATE`;
  if (!run) throw new AppError("NOT_FOUND", `Run ${runId} does not exist.`);
  if (!isRunFinished(run.status)) {
    await tx.run.update({ where: { id: runId }, data: { pendingWork: true } });
    return "running";
  }
  await tx.run.update({ where: { id: runId }, data: { status: "queued", cancelRequested: false, finishedAt: null, error: null, pendingWork: false } });
  return "reopened";
}

/** Announces and queues a reopened run (after the transaction that reopened it committed). */
export async function announceReopened(db: Db, queue: RunQueue, runId: string, message: string): Promise<void> {
  await publishRunEvent(db, runId, { type: "run.status", status: "queued", message });
  await queue.enqueueRun(runId);
}
