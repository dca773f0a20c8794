// A run's models in Postgres, behind the engine's RunStore port: every change is written before the event that
// announces it, so a replay never shows what was not saved; a lost connection is retried, not fatal.
import { stat } from "node:fs/promises";
import { errorMessage } from "../../core/error-message";
import type { DownloadProgress } from "../../core/download/types";
import type { RunEventInput } from "../../core/events";
import { eventModel, type RunModel, type RunStore } from "../../core/run/ports";
import type { Db } from "../../server/db/client";
import { withDbRetry } from "../../server/db/retry";
import { storable } from "../../server/db/storable";
import { publishRunEvent } from "../../server/events/publish";
import { changeData, plannedRow, runModelSelect, toRunModel } from "../../server/services/run-model-rows";
import { createPostgresHashCache } from "../../server/stores/hash-cache";
import { throttleByKey } from "./throttle";

/** At most ~4 progress events a second per download. */
const PROGRESS_INTERVAL_MS = 250;

export function createPostgresRunStore(db: Db, runId: string, log: (message: string) => void): RunStore {
  const retrying = <T>(work: () => Promise<T>) => withDbRetry(work, { onRetry: (error) => log(`database unreachable, retrying: ${errorMessage(error)}`) });
  const publish = (event: RunEventInput) => retrying(() => publishRunEvent(db, runId, event)).then(() => undefined);

  // Progress writes on their way, by model: a status change waits for them, so progress never follows the status.
  const progressInFlight = new Map<string, Promise<void>>();
  const progress = throttleByKey<{ model: RunModel; progress: DownloadProgress }>(PROGRESS_INTERVAL_MS, (key, { model, progress }) => {
    // One after the other per model, so the last progress saved is the last one sent.
    const write = (progressInFlight.get(key) ?? Promise.resolve())
      .then(() =>
        retrying(async () => {
          await db.runModel.update({ where: { id: model.id }, data: { bytes: progress.bytes } });
          await publishRunEvent(db, runId, { type: "model.progress", model: eventModel(model), ...progress, rate: Math.round(progress.rate) });
        }),
      )
      .catch((error: unknown) => log(`progress not saved: ${errorMessage(error)}`))
      .finally(() => {
        if (progressInFlight.get(key) === write) progressInFlight.delete(key);
      });
    progressInFlight.set(key, write);
  });

  // The installed file's SHA-256 is known already: keep it in the hash cache, so the inventory never hashes it again.
  const hashCache = createPostgresHashCache(db);
  const rememberHash = async (path: string, sha256: string) => {
    const file = await stat(path).catch(() => null);
    if (!file) return;
    await hashCache
      .setMany([{ path, size: file.size, mtimeMs: file.mtimeMs, sha256 }])
      .catch((error: unknown) => log(`hash not cached: ${errorMessage(error)}`));
  };

  const loadModels = async () => {
    const rows = await retrying(() => db.runModel.findMany({ where: { runId }, select: runModelSelect, orderBy: [{ folder: "asc" }, { name: "asc" }] }));
    return rows.map(toRunModel);
  };

  return {
    publish,
    loadModels,

    async savePlan(plan) {
      await retrying(() =>
        db.$transaction(async (tx) => {
          const stored = await tx.runWorkflow.findMany({ where: { runId }, select: { id: true, path: true } });
          for (const analysis of plan.analyses) {
            const row = stored.find((workflow) => workflow.path === analysis.path);
            if (row)
              await tx.runWorkflow.update({
                where: { id: row.id },
                data: storable({ format: analysis.format, error: analysis.error, modelCount: analysis.models.length }),
              });
          }
          await tx.runModel.createMany({ data: plan.models.map((model) => plannedRow(runId, model)), skipDuplicates: true });
        }),
      );
      return loadModels();
    },

    async update(model, change) {
      if (change.status !== "downloading") {
        progress.clear(model.id);
        await progressInFlight.get(model.id);
      }
      if (change.status === "installed" && model.target && change.sha256) await rememberHash(model.target.absolutePath, change.sha256);
      await retrying(() => db.runModel.update({ where: { id: model.id }, data: changeData(change) }));
      const { resolution } = change;
      await publish({
        type: "model.status",
        model: eventModel(model),
        status: change.status,
        ...(change.error ? { message: change.error } : change.status === "resolved" || change.status === "ambiguous" ? { message: resolution?.reason } : {}),
        ...(resolution ? { resolution } : {}),
        ...(change.target ? { targetPath: change.target.absolutePath } : {}),
        ...(change.sha256 ? { sha256: change.sha256 } : {}),
        ...(change.size != null ? { size: change.size } : {}),
        ...(change.bytes !== undefined ? { bytes: change.bytes } : {}),
      });
    },

    progress(model, value) {
      progress.push(model.id, { model, progress: value });
    },

    async settle() {
      progress.clearAll();
      await Promise.all(progressInFlight.values());
    },
  };
}
