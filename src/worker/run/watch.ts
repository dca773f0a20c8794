// While a run is going: look every second whether someone asked to cancel it, and stop it then.
import { errorMessage } from "../../core/error-message";
import type { Db } from "../../server/db/client";

export const CANCEL_POLL_MS = 1_000;

export class RunCancelledError extends Error {
  constructor() {
    super("cancelled");
  }
}

export function watchRun(db: Db, runId: string, controller: AbortController, log: (message: string) => void) {
  let failing = false;
  const timer = setInterval(() => {
    db.run.findUnique({ where: { id: runId }, select: { cancelRequested: true } }).then(
      (row) => {
        failing = false;
        if (row?.cancelRequested && !controller.signal.aborted) controller.abort(new RunCancelledError());
      },
      (error: unknown) => {
        if (!failing) log(`run ${runId}: cancel check failed, will keep trying: ${errorMessage(error)}`);
        failing = true;
      },
    );
  }, CANCEL_POLL_MS);
  return { stop: () => clearInterval(timer) };
}
