// What every job processor is given, and the processor type derived from the queue table.
import type { z } from "zod";
import type { Db } from "../../server/db/client";
import type { QUEUES, QueueKey } from "../../server/jobs/queue";
import type { ServerEnv } from "../../server/env";

export type TaskContext = {
  db: Db;
  env: ServerEnv;
  workerId: string;
  /** Aborts when the worker shuts down: a run goes back to the queue for the next worker. */
  shutdown: AbortSignal;
  log: (message: string) => void;
};

/** A processor of queue K, given K's payload already validated at the queue boundary. */
export type TaskProcessor<K extends QueueKey> = (payload: z.infer<(typeof QUEUES)[K]["payload"]>, context: TaskContext) => Promise<void>;
