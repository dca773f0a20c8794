// The job queue (pg-boss in its own schema of the app's database): queue names and payloads.
import PgBoss from "pg-boss";
import { z } from "zod";

export const QUEUE_SCHEMA = "pgboss";

export const RunJobSchema = z.object({ runId: z.uuid() });
export type RunJob = z.infer<typeof RunJobSchema>;

/** Every queue, its payload schema and its pg-boss options. */
export const QUEUES = {
  run: {
    name: "comfyfixer.run",
    payload: RunJobSchema,
    // A run may download for hours; a crashed worker's run is taken back by the run supervisor, not by expiry.
    options: { expireInHours: 23, retryLimit: 5, retryDelay: 5, retryBackoff: true },
  },
} as const;

export type QueueKey = keyof typeof QUEUES;

export function createBoss(databaseUrl: string): PgBoss {
  return new PgBoss({ connectionString: databaseUrl, schema: QUEUE_SCHEMA, max: 4 });
}

/** Starts pg-boss and makes sure every queue exists. */
export async function startBoss(databaseUrl: string): Promise<PgBoss> {
  const boss = createBoss(databaseUrl);
  boss.on("error", (error) => console.error(`job queue error: ${error.message}`));
  await boss.start();
  for (const queue of Object.values(QUEUES)) {
    await boss.createQueue(queue.name, { name: queue.name, ...queue.options });
  }
  return boss;
}

export async function enqueue<K extends QueueKey>(boss: PgBoss, key: K, payload: z.infer<(typeof QUEUES)[K]["payload"]>): Promise<string> {
  const queue = QUEUES[key];
  const data = queue.payload.parse(payload);
  const id = await boss.send(queue.name, data, queue.options);
  if (!id) throw new Error(`The job queue refused a ${key} job for ${JSON.stringify(data)}`);
  return id;
}
