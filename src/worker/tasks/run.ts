// The run queue's processor.
import { RunJobSchema } from "../../server/jobs/queue";
import { processRun } from "../run/process-run";
import type { TaskProcessor } from "./index";

export const runTask: TaskProcessor = (payload, context) =>
  processRun(RunJobSchema.parse(payload).runId, {
    db: context.db,
    databaseUrl: context.databaseUrl,
    shutdown: context.signal,
    setCurrentRun: (runId) => context.heartbeat.setCurrentRun(runId),
    log: context.log,
  });
