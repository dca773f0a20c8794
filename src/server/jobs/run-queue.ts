// How the web app and the worker's supervisor hand a run to the workers.
import type PgBoss from "pg-boss";
import { Prisma } from "../../generated/prisma/client";
import type { Db } from "../db/client";
import { serverEnv } from "../env";
import { enqueue, QUEUE_SCHEMA, QUEUES, startBoss } from "./queue";

export type RunQueue = { enqueueRun(runId: string): Promise<void> };

export function runQueueOf(boss: PgBoss): RunQueue {
  return {
    async enqueueRun(runId) {
      await enqueue(boss, "run", { runId });
    },
  };
}

const globalForQueue = globalThis as unknown as { comfyfixerBoss?: Promise<PgBoss> };

/** The web process's queue client: started on first use, kept for the life of the process. */
export function processRunQueue(): RunQueue {
  return {
    async enqueueRun(runId) {
      globalForQueue.comfyfixerBoss ??= startBoss(serverEnv().databaseUrl).catch((error: unknown) => {
        globalForQueue.comfyfixerBoss = undefined;
        throw error;
      });
      await runQueueOf(await globalForQueue.comfyfixerBoss).enqueueRun(runId);
    },
  };
}

/** Stops the process's queue client, if it was started (for a test that drops its database afterwards). */
export async function stopProcessRunQueue(): Promise<void> {
  const boss = globalForQueue.comfyfixerBoss;
  globalForQueue.comfyfixerBoss = undefined;
  await (await boss?.catch(() => undefined))?.stop({ graceful: false, wait: true });
}

/**
 * Hands back the run jobs a worker took from the queue and died with before it claimed the run (a SIGKILL between
 * pg-boss's fetch and the claim): such a job stays active until it expires (23 h) while its run waits, queued, with
 * nothing to pick it up (pg-boss has no job heartbeat: timgit/pg-boss#208, #436). A live worker claims within moments of the fetch, so a job active for `staleAfterSeconds`
 * whose run is still queued, with no other job that will take the run, is failed back to pg-boss, which retries it
 * for the next worker. Returns the runs handed back.
 */
export async function retryUnclaimedRunJobs(db: Db, boss: PgBoss, staleAfterSeconds: number): Promise<string[]> {
  const jobs = Prisma.raw(`"${QUEUE_SCHEMA}".job`);
  const rows = await db.$queryRaw<Array<{ jobId: string; runId: string }>>`
    SELECT DISTINCT ON (r.id) j.id::text AS "jobId", r.id::text AS "runId"
    FROM ${jobs} j JOIN "Run" r ON j.data->>'runId' = r.id::text
    WHERE j.name = ${QUEUES.run.name} AND j.state = 'active' AND j.started_on < now() - make_interval(secs => ${staleAfterSeconds})
      AND r.status = 'queued' AND NOT r."cancelRequested"
      AND NOT EXISTS (
        SELECT 1 FROM ${jobs} other
        WHERE other.name = j.name AND other.data->>'runId' = r.id::text
          AND (other.state IN ('created', 'retry') OR (other.state = 'active' AND other.started_on >= now() - make_interval(secs => ${staleAfterSeconds})))
      )
    ORDER BY r.id, j.started_on DESC`;
  for (const row of rows) {
    await boss.fail(QUEUES.run.name, row.jobId, { message: `The worker that took run ${row.runId} stopped before starting it.` });
  }
  return rows.map((row) => row.runId);
}

/**
 * Queues again the runs that wait, queued, with no job that will ever take them: the web app died between creating
 * the run and queueing it, or the run's job used up its retries. Only runs older than `staleAfterSeconds` (a run just
 * created gets its job within moments); a second job for a run is harmless (a run is claimed once). Returns the runs.
 */
export async function enqueueOrphanedRuns(db: Db, boss: PgBoss, staleAfterSeconds: number): Promise<string[]> {
  const jobs = Prisma.raw(`"${QUEUE_SCHEMA}".job`);
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT r.id::text AS id FROM "Run" r
    WHERE r.status = 'queued' AND NOT r."cancelRequested" AND r."createdAt" < now() - make_interval(secs => ${staleAfterSeconds})
      AND NOT EXISTS (
        SELECT 1 FROM ${jobs} j
        WHERE j.name = ${QUEUES.run.name} AND j.data->>'runId' = r.id::text AND j.state IN ('created', 'retry', 'active')
      )`;
  const queue = runQueueOf(boss);
  for (const row of rows) await queue.enqueueRun(row.id);
  return rows.map((row) => row.id);
}
