// A run's models in Postgres: written before every event that announces them, so a replay never shows what was not saved.
import { stat } from "node:fs/promises";
import type { RunEventInput } from "../../core/events";
import type { ModelRef } from "../../core/model";
import type { PlannedModel, RunPlan } from "../../core/pipeline/plan";
import type { DownloadProgress, ModelUpdate, PipelineModel } from "../../core/pipeline/run-models";
import { throttleByKey } from "../../core/pipeline/throttle";
import type { Prisma } from "../../generated/prisma/client";
import type { Db } from "../../server/db/client";
import { publishRunEvent } from "../../server/events/publish";
import { createPostgresHashCache } from "../../server/stores/hash-cache";
import { withDbRetry } from "../../server/db/retry";

/** At most ~4 progress events a second per download. */
const PROGRESS_INTERVAL_MS = 250;
const FINAL_STATUSES = new Set(["installed", "failed", "not_found", "needs_auth", "ambiguous", "present", "skipped"]);

export type RunStore = ReturnType<typeof createRunStore>;

export function createRunStore(db: Db, runId: string, log: (message: string) => void) {
  const retrying = <T>(work: () => Promise<T>) =>
    withDbRetry(work, { onRetry: (error) => log(`database unreachable, retrying: ${error instanceof Error ? error.message : String(error)}`) });
  const publish = (event: RunEventInput) => retrying(() => publishRunEvent(db, runId, event));

  const progress = throttleByKey<{ model: PipelineModel; progress: DownloadProgress }>(PROGRESS_INTERVAL_MS, (_key, { model, progress }) => {
    void retrying(async () => {
      await db.modelRef.update({ where: { id: model.id }, data: { bytes: progress.bytes } });
      await publishRunEvent(db, runId, {
        type: "model.progress",
        model: { id: model.id, name: model.ref.name, folder: model.ref.folder },
        bytes: progress.bytes,
        total: progress.total,
        rate: Math.round(progress.rate),
        data: { etaSeconds: progress.etaSeconds },
      });
    }).catch((error: unknown) => log(`progress not saved: ${error instanceof Error ? error.message : String(error)}`));
  });

  // The installed file's SHA-256 is known already: keep it in the hash cache, so the inventory never hashes it again.
  const hashCache = createPostgresHashCache(db);
  const rememberHash = async (path: string, sha256: string) => {
    const file = await stat(path).catch(() => null);
    if (!file) return;
    await hashCache.setMany([{ path, size: file.size, mtimeMs: file.mtimeMs, sha256 }]).catch((error: unknown) => log(`hash not cached: ${String(error)}`));
  };

  return {
    publish,

    /** Announces a phase of the run starting or finishing (with its duration). */
    async phase(phase: string, state: "started" | "finished", ms?: number): Promise<void> {
      await publish({ type: "run.phase", data: { phase, state, ...(ms !== undefined ? { ms } : {}) } });
    },

    async savePlan(plan: RunPlan): Promise<void> {
      await retrying(() =>
        db.$transaction(async (tx) => {
          const stored = await tx.runWorkflow.findMany({ where: { runId }, select: { id: true, path: true } });
          for (const analysis of plan.analyses) {
            const row = stored.find((workflow) => workflow.path === analysis.path);
            if (row) {
              await tx.runWorkflow.update({
                where: { id: row.id },
                data: { format: analysis.format, error: analysis.error, modelCount: analysis.models.length },
              });
            }
          }
          await tx.modelRef.createMany({ data: plan.models.map((model) => plannedRow(runId, model)), skipDuplicates: true });
        }),
      );
    },

    async loadModels(): Promise<PipelineModel[]> {
      const rows = await retrying(() => db.modelRef.findMany({ where: { runId }, orderBy: [{ folder: "asc" }, { name: "asc" }] }));
      return rows.map((row) => ({
        id: row.id,
        ref: {
          name: row.name,
          folder: row.folder,
          nodeType: row.nodeType,
          nodeId: row.nodeId,
          workflow: row.workflows[0] ?? "",
          url: row.workflowUrl,
          hash: row.hashType && row.hashValue ? { type: row.hashType, value: row.hashValue } : null,
          active: row.active,
        } satisfies ModelRef,
        targetPath: row.targetPath ?? "",
        status: row.status,
        resolution: row.resolution as PipelineModel["resolution"],
      }));
    },

    async update(model: PipelineModel, update: ModelUpdate): Promise<void> {
      if (update.status !== "downloading") progress.clear(model.id);
      if (update.status === "installed" && update.path && update.sha256) await rememberHash(update.path, update.sha256);
      const resolution = update.resolution;
      await retrying(() =>
        db.modelRef.update({
          where: { id: model.id },
          data: {
            status: update.status,
            ...(resolution ? { resolution: resolution as unknown as Prisma.InputJsonObject, source: resolution.source, url: resolution.url } : {}),
            ...(update.path ? { targetPath: update.path } : {}),
            ...(update.sha256 !== undefined ? { sha256: update.sha256 } : {}),
            ...(update.size !== undefined ? { size: update.size } : {}),
            ...(update.bytes !== undefined ? { bytes: update.bytes } : {}),
            ...(update.error !== undefined ? { error: update.error } : {}),
            ...(update.attempts !== undefined ? { attempts: update.attempts } : {}),
            ...(update.status === "downloading" ? { startedAt: new Date() } : {}),
            ...(FINAL_STATUSES.has(update.status) ? { finishedAt: new Date() } : {}),
          },
        }),
      );
      await publish({
        type: "model.status",
        model: { id: model.id, name: model.ref.name, folder: model.ref.folder },
        status: update.status,
        message: update.error ?? (update.status === "resolved" || update.status === "ambiguous" ? resolution?.reason : undefined),
        data: {
          ...(resolution ? { resolution, source: resolution.source, url: resolution.url } : {}),
          ...(update.sha256 ? { sha256: update.sha256 } : {}),
          ...(update.size != null ? { size: update.size } : {}),
          ...(update.bytes !== undefined ? { bytes: update.bytes } : {}),
          ...(update.path ? { targetPath: update.path } : {}),
        },
      });
    },

    progress(model: PipelineModel, value: DownloadProgress): void {
      progress.push(model.id, { model, progress: value });
    },
  };
}

function plannedRow(runId: string, model: PlannedModel): Prisma.ModelRefCreateManyInput {
  return {
    runId,
    name: model.ref.name,
    folder: model.ref.folder,
    nodeType: model.ref.nodeType,
    nodeId: model.ref.nodeId,
    workflows: model.workflows,
    active: model.ref.active,
    workflowUrl: model.ref.url,
    hashType: model.ref.hash?.type ?? null,
    hashValue: model.ref.hash?.value ?? null,
    status: model.status,
    foundAt: model.presence?.status === "present" || model.presence?.status === "misplaced" ? model.presence.path : null,
    targetPath: model.targetPath,
    error: model.message,
  };
}
