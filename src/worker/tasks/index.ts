// The registry of job processors, keyed by queue.
import type PgBoss from "pg-boss";
import type { Db } from "../../server/db/client";
import type { QueueKey } from "../../server/jobs/queue";
import type { Heartbeat } from "../heartbeat";
import { runTask } from "./run";

export type TaskContext = { db: Db; boss: PgBoss; databaseUrl: string; heartbeat: Heartbeat; signal: AbortSignal; log: (message: string) => void };
export type TaskProcessor = (payload: unknown, context: TaskContext) => Promise<void>;

export const TASKS: Record<QueueKey, TaskProcessor> = {
  run: runTask,
};
