// The registry of job processors, keyed by queue.
import type { QueueKey } from "../../server/jobs/queue";
import type { TaskProcessor } from "./context";
import { runTask } from "./run";

export const TASKS: { [K in QueueKey]: TaskProcessor<K> } = {
  run: runTask,
};
