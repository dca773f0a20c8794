// How the web app and the worker's supervisor hand a run to the workers.
import type PgBoss from "pg-boss";
import { serverEnv } from "../env";
import { enqueue, startBoss } from "./queue";

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
