// Runs: create one, retry its failed models, and a person's pick for a model the resolvers could not settle.
import type { Resolution } from "../../core/model";
import { isPickable, isRunFinished, MODEL_STATUS_RULES, retryStatus, type ModelStatus } from "../../core/status";
import type { Prisma } from "../../generated/prisma/client";
import type { Db } from "../db/client";
import type { ServerEnv } from "../env";
import { AppError } from "../errors";
import { publishRunEvent } from "../events/publish";
import type { RunQueue } from "../jobs/run-queue";
import { modelsRootFor } from "./models-root";
import { announceReopened, reopenRun } from "./run-lifecycle";
import { parseResolution } from "./run-model-rows";
import { getModelView, type ModelView } from "./run-queries";
import type { CreateRunInput } from "./run-schemas";
import { storeWorkflowInputs } from "./run-workflows";
import { getSettings } from "./settings";

export async function createRun(
  { db, queue, env }: { db: Db; queue: RunQueue; env: ServerEnv },
  input: CreateRunInput,
  startedById: string | null,
): Promise<{ id: string; modelsRoot: string }> {
  const settings = await getSettings(db);
  const modelsRoot = modelsRootFor(settings, env, input.modelsRoot);
  const workflows = await storeWorkflowInputs(input.workflows, settings);
  const run = await db.run.create({
    data: {
      modelsRoot,
      createdById: startedById,
      dryRun: input.dryRun,
      options: input.overrides as Prisma.InputJsonObject,
      workflows: { create: workflows.map((workflow) => ({ path: workflow.path, content: workflow.content })) },
    },
    select: { id: true, modelsRoot: true },
  });
  await queue.enqueueRun(run.id);
  return run;
}

const RETRIED_STATUSES = (Object.keys(MODEL_STATUS_RULES) as ModelStatus[]).filter((status) => MODEL_STATUS_RULES[status].retried);

/** Gives a finished run's failed models another go: from the download when they had a resolved source, else from the search. */
export async function retryRun(db: Db, queue: RunQueue, id: string): Promise<{ id: string; models: number }> {
  const run = await db.run.findUnique({ where: { id }, select: { status: true } });
  if (!run) throw new AppError("NOT_FOUND", `Run ${id} does not exist.`);
  if (!isRunFinished(run.status)) throw new AppError("CONFLICT", `Run ${id} is still ${run.status}; retry it once it has finished.`);
  const retried = await db.$transaction(async (tx) => {
    const models = await tx.runModel.findMany({ where: { runId: id, status: { in: RETRIED_STATUSES } }, select: { id: true, resolution: true } });
    if (models.length === 0 && run.status !== "cancelled") throw new AppError("CONFLICT", `Run ${id} has no failed models to retry.`);
    for (const model of models) {
      await tx.runModel.update({
        where: { id: model.id },
        data: { status: retryStatus({ resolution: parseResolution(model.resolution) }), error: null, finishedAt: null },
      });
    }
    await reopenRun(tx, id);
    return models.length;
  });
  await announceReopened(db, queue, id, `Retrying ${retried} model(s).`);
  return { id, models: retried };
}

/** A person chose one of the candidates, or pasted a URL: the model downloads from there, in this run. */
export async function pickCandidate(db: Db, queue: RunQueue, input: { runId: string; modelId: string; url: string }): Promise<ModelView> {
  const { model, resolution, reopened } = await db.$transaction(async (tx) => {
    const model = await tx.runModel.findFirst({ where: { id: input.modelId, runId: input.runId } });
    if (!model) throw new AppError("NOT_FOUND", `Model ${input.modelId} is not part of run ${input.runId}.`);
    if (!isPickable(model.status)) {
      throw new AppError("CONFLICT", `${model.name} is ${model.status}; only an ambiguous, not found, locked or failed model can be given a URL.`);
    }
    const candidates = parseResolution(model.resolution)?.candidates ?? [];
    const chosen = candidates.find((candidate) => candidate.url === input.url);
    const resolution: Resolution = {
      status: "resolved",
      source: chosen?.source ?? "manual",
      url: input.url,
      sha256: chosen?.sha256 ?? null,
      size: chosen?.size ?? null,
      reason: chosen ? "picked by a person from the candidates" : "URL given by a person",
      candidates,
      page: chosen?.page ?? null,
    };
    await tx.runModel.update({
      where: { id: model.id },
      data: {
        status: "resolved",
        resolution: resolution as Prisma.InputJsonObject,
        sha256: resolution.sha256,
        size: resolution.size,
        error: null,
        finishedAt: null,
      },
    });
    return { model, resolution, reopened: (await reopenRun(tx, input.runId)) === "reopened" };
  });
  await publishRunEvent(db, input.runId, {
    type: "model.status",
    model: { id: model.id, name: model.name, folder: model.folder },
    status: "resolved",
    message: resolution.reason,
    resolution,
  });
  if (reopened) await announceReopened(db, queue, input.runId, `Downloading ${model.name} from the picked URL.`);
  return getModelView(db, model.id);
}
