// Runs: create, cancel, retry, and a person's pick for a model the resolvers could not settle.
import type { Prisma } from "../../generated/prisma/client";
import type { Db } from "../db/client";
import { publishRunEvent } from "../events/publish";
import { AppError } from "../errors";
import type { RunQueue } from "../jobs/run-queue";
import { modelsRootFor } from "./models-root";
import { storeWorkflowInputs } from "./run-workflows";
import { isPickable, isRunFinished, type CreateRunInput } from "./run-schemas";
import { getSettings } from "./settings";
import { getModelView, type ModelView } from "./run-queries";

export async function createRun(db: Db, queue: RunQueue, input: CreateRunInput): Promise<{ id: string }> {
  const settings = await getSettings(db);
  const modelsRoot = modelsRootFor(settings, input.modelsRoot);
  const workflows = await storeWorkflowInputs(input.workflows, settings);
  const run = await db.run.create({
    data: {
      modelsRoot,
      dryRun: input.dryRun,
      options: input.overrides as Prisma.InputJsonObject,
      workflows: { create: workflows.map((workflow) => ({ path: workflow.path, content: workflow.content })) },
    },
    select: { id: true },
  });
  await queue.enqueueRun(run.id);
  return run;
}

async function findRun(db: Db, id: string) {
  const run = await db.run.findUnique({ where: { id }, select: { id: true, status: true } });
  if (!run) throw new AppError("NOT_FOUND", `Run ${id} does not exist.`);
  return run;
}

export async function cancelRun(db: Db, id: string): Promise<{ id: string; status: string }> {
  const run = await findRun(db, id);
  if (isRunFinished(run.status)) {
    throw new AppError("CONFLICT", `Run ${id} has already ${run.status === "cancelled" ? "been cancelled" : "finished"}.`);
  }
  // A queued run no worker has taken ends here; a running one is stopped by its worker within a second.
  const stoppedHere = await db.run.updateMany({
    where: { id, status: "queued" },
    data: { status: "cancelled", cancelRequested: true, finishedAt: new Date() },
  });
  if (stoppedHere.count === 1) {
    await publishRunEvent(db, id, { type: "run.finished", status: "cancelled", message: "Cancelled before a worker took it." });
    return { id, status: "cancelled" };
  }
  await db.run.update({ where: { id }, data: { cancelRequested: true } });
  return { id, status: "cancelling" };
}

async function reopen(db: Db, queue: RunQueue, id: string, message: string): Promise<void> {
  await db.run.update({
    where: { id },
    data: { status: "queued", cancelRequested: false, finishedAt: null, error: null },
  });
  await publishRunEvent(db, id, { type: "run.status", status: "queued", message });
  await queue.enqueueRun(id);
}

/** Gives a finished run's failed models another go: from the download when they had a URL, else from the search. */
export async function retryRun(db: Db, queue: RunQueue, id: string): Promise<{ id: string; models: number }> {
  const run = await findRun(db, id);
  if (!isRunFinished(run.status)) {
    throw new AppError("CONFLICT", `Run ${id} is still ${run.status}; retry it once it has finished.`);
  }
  const failed = await db.modelRef.findMany({
    where: { runId: id, status: { in: ["failed", "not_found", "needs_auth", "resolving", "downloading", "verifying"] } },
    select: { id: true, resolution: true },
  });
  if (failed.length === 0 && run.status !== "cancelled") {
    throw new AppError("CONFLICT", `Run ${id} has no failed models to retry.`);
  }
  for (const model of failed) {
    const resolved = (model.resolution as { status?: string } | null)?.status === "resolved";
    await db.modelRef.update({
      where: { id: model.id },
      data: { status: resolved ? "resolved" : "missing", error: null, finishedAt: null },
    });
  }
  await reopen(db, queue, id, `Retrying ${failed.length} model(s).`);
  return { id, models: failed.length };
}

/** A person chose one of the candidates, or pasted a URL: the model downloads from there. */
export async function pickCandidate(db: Db, queue: RunQueue, input: { runId: string; modelId: string; url: string }): Promise<ModelView> {
  const model = await db.modelRef.findFirst({ where: { id: input.modelId, runId: input.runId } });
  if (!model) throw new AppError("NOT_FOUND", `Model ${input.modelId} is not part of run ${input.runId}.`);
  if (!isPickable(model.status)) {
    throw new AppError("CONFLICT", `${model.name} is ${model.status}; only an ambiguous, not found or failed model can be given a URL.`);
  }
  const previous = model.resolution as { candidates?: Array<{ url: string; source: string; sha256: string | null; size: number | null }> } | null;
  const candidates = previous?.candidates ?? [];
  const chosen = candidates.find((candidate) => candidate.url === input.url);
  const resolution = {
    status: "resolved",
    source: chosen?.source ?? "manual",
    url: input.url,
    sha256: chosen?.sha256 ?? null,
    size: chosen?.size ?? null,
    reason: chosen ? "picked by a person from the candidates" : "URL given by a person",
    candidates,
  };
  await db.modelRef.update({
    where: { id: model.id },
    data: { status: "resolved", resolution, source: resolution.source, url: input.url, sha256: resolution.sha256, size: resolution.size, error: null },
  });
  await publishRunEvent(db, input.runId, {
    type: "model.status",
    model: { id: model.id, name: model.name, folder: model.folder },
    status: "resolved",
    message: resolution.reason,
    data: { resolution, source: resolution.source, url: input.url },
  });
  const run = await findRun(db, input.runId);
  // A running worker picks the model up before it finishes; a finished run is opened again for it.
  if (isRunFinished(run.status)) await reopen(db, queue, input.runId, `Downloading ${model.name} from the picked URL.`);
  return getModelView(db, model.id);
}
