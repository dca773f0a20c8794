// A run's model as a database row and back: the one place that writes RunModel's columns from the engine's RunModel
// and its changes, and reads them back into the engine's shape and the API's view.
import { z } from "zod";
import { ModelLinkSchema, ResolutionSchema, type Resolution } from "../../core/model";
import type { ModelChange, PlannedModel, RunModel } from "../../core/run/ports";
import { isFinalModelStatus } from "../../core/status";
import type { Prisma } from "../../generated/prisma/client";
import { storable } from "../db/storable";
import type { ModelView } from "./run-schemas";

export const runModelSelect = {
  id: true,
  name: true,
  folder: true,
  nodeType: true,
  nodeId: true,
  workflows: true,
  active: true,
  workflowUrl: true,
  hashType: true,
  hashValue: true,
  links: true,
  status: true,
  foundAt: true,
  targetPath: true,
  targetName: true,
  sha256: true,
  size: true,
  bytes: true,
  resolution: true,
  error: true,
  attempts: true,
  startedAt: true,
  finishedAt: true,
} satisfies Prisma.RunModelSelect;

export type RunModelRow = Prisma.RunModelGetPayload<{ select: typeof runModelSelect }>;

const LinksSchema = z.array(ModelLinkSchema);

/** The stored resolution, or null when it is missing or was written in a shape this version does not read. */
export function parseResolution(value: unknown): Resolution | null {
  const parsed = ResolutionSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function toRunModel(row: RunModelRow): RunModel {
  const name = row.targetName ?? row.name.replace(/\\/g, "/");
  return {
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
    },
    workflows: row.workflows,
    links: LinksSchema.safeParse(row.links).data ?? [],
    status: row.status,
    target: row.targetPath ? { folder: row.folder, name, key: `${row.folder}/${name}`, absolutePath: row.targetPath } : null,
    foundAt: row.foundAt,
    resolution: parseResolution(row.resolution),
    sha256: row.sha256,
    bytes: Number(row.bytes),
    size: row.size === null ? null : Number(row.size),
    error: row.error,
    attempts: row.attempts,
  };
}

export function plannedRow(runId: string, model: PlannedModel): Prisma.RunModelCreateManyInput {
  return storable({
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
    links: model.links as Prisma.InputJsonArray,
    status: model.status,
    foundAt: model.foundAt,
    targetPath: model.target?.absolutePath ?? null,
    targetName: model.target?.name ?? null,
    error: model.error,
  });
}

/** The columns a change writes. */
export function changeData(change: ModelChange): Prisma.RunModelUpdateInput {
  const { resolution, target } = change;
  return storable({
    status: change.status,
    ...(resolution !== undefined ? { resolution: (resolution ?? undefined) as Prisma.InputJsonObject | undefined } : {}),
    ...(target ? { targetPath: target.absolutePath, targetName: target.name } : {}),
    ...(change.sha256 !== undefined ? { sha256: change.sha256 } : {}),
    ...(change.size !== undefined ? { size: change.size } : {}),
    ...(change.bytes !== undefined ? { bytes: change.bytes } : {}),
    ...(change.error !== undefined ? { error: change.error } : {}),
    ...(change.attempts !== undefined ? { attempts: change.attempts } : {}),
    ...(change.status === "downloading" ? { startedAt: new Date() } : {}),
    ...(isFinalModelStatus(change.status) ? { finishedAt: new Date() } : {}),
  });
}

export function toModelView(row: RunModelRow): ModelView {
  const resolution = parseResolution(row.resolution);
  return {
    id: row.id,
    name: row.name,
    folder: row.folder,
    nodeType: row.nodeType,
    workflows: row.workflows,
    active: row.active,
    status: row.status,
    foundAt: row.foundAt,
    targetPath: row.targetPath,
    source: resolution?.source ?? null,
    url: resolution?.url ?? null,
    sha256: row.sha256,
    size: row.size === null ? null : Number(row.size),
    bytes: Number(row.bytes),
    resolution,
    error: row.error,
    attempts: row.attempts,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}
