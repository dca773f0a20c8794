// While a run is going: touch its heartbeat every second and stop it when someone asks to cancel.
import type { Db } from "../../server/db/client";

export const RUN_HEARTBEAT_MS = 1_000;

export class RunCancelledError extends Error {
  constructor() {
    super("cancelled");
  }
}

export function watchRun(db: Db, runId: string, controller: AbortController, log: (message: string) => void) {
  let failing = false;
  const timer = setInterval(() => {
    db.$queryRaw<Array<{ cancelRequested: boolean }>>`
      UPDATE "Run" SET "heartbeatAt" = now() WHERE id = ${runId}::uuid RETURNING "cancelRequested"`.then(
      ([row]) => {
        failing = false;
        if (row?.cancelRequested && !controller.signal.aborted) controller.abort(new RunCancelledError());
      },
      (error: unknown) => {
        if (!failing) log(`run ${runId}: heartbeat failed, will keep trying: ${error instanceof Error ? error.message : String(error)}`);
        failing = true;
      },
    );
  }, RUN_HEARTBEAT_MS);
  return { stop: () => clearInterval(timer) };
}
