import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../../generated/prisma/client";
import { useTestDatabase } from "../../test/database";
import { QUEUE_SCHEMA, QUEUES, startBoss } from "./queue";
import { enqueueOrphanedRuns, runQueueOf } from "./run-queue";

describe("runs that wait with no job to take them", () => {
  const database = useTestDatabase();
  let boss: PgBoss;
  beforeAll(async () => (boss = await startBoss(database.url)));
  afterAll(async () => boss.stop({ graceful: false, wait: true }));

  const jobsFor = async (runId: string) =>
    database.db.$queryRaw<Array<{ state: string }>>`
      SELECT state::text FROM ${Prisma.raw(`"${QUEUE_SCHEMA}".job`)} WHERE name = ${QUEUES.run.name} AND data->>'runId' = ${runId}`;
  const queuedRun = (minutesAgo: number, extra: { cancelRequested?: boolean } = {}) =>
    database.db.run.create({ data: { modelsRoot: "/models", createdAt: new Date(Date.now() - minutesAgo * 60_000), ...extra } });

  it("queues again a run the web app created but never queued, once, and leaves alone the fresh, the cancelled and the queued", async () => {
    const orphan = await queuedRun(10);
    const fresh = await queuedRun(0);
    const cancelled = await queuedRun(10, { cancelRequested: true });
    const withJob = await queuedRun(10);
    await runQueueOf(boss).enqueueRun(withJob.id);

    expect(await enqueueOrphanedRuns(database.db, boss, 20)).toEqual([orphan.id]);
    expect(await jobsFor(orphan.id)).toEqual([{ state: "created" }]);
    expect(await jobsFor(fresh.id)).toEqual([]);
    expect(await jobsFor(cancelled.id)).toEqual([]);
    expect(await jobsFor(withJob.id)).toHaveLength(1);
    // Its job now waits for a worker: nothing more to do.
    expect(await enqueueOrphanedRuns(database.db, boss, 20)).toEqual([]);
  });

  it("queues again a run whose job ran out of retries", async () => {
    const run = await queuedRun(10);
    await runQueueOf(boss).enqueueRun(run.id);
    const [job] = await database.db.$queryRaw<Array<{ id: string }>>`
      SELECT id::text FROM ${Prisma.raw(`"${QUEUE_SCHEMA}".job`)} WHERE data->>'runId' = ${run.id}`;
    await database.db.$executeRaw`UPDATE ${Prisma.raw(`"${QUEUE_SCHEMA}".job`)} SET state = 'failed' WHERE id = ${job!.id}::uuid`;

    expect(await enqueueOrphanedRuns(database.db, boss, 20)).toEqual([run.id]);
    expect((await jobsFor(run.id)).map((row) => row.state).sort()).toEqual(["created", "failed"]);
  });
});
