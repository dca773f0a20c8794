// The analysis report shared by the CLI, the server and later pipeline stages: per workflow, per model, a summary.
import { isUnplaced, modelKey, type ModelRef } from "../model";
import type { LocatedRef, Presence } from "../inventory";
import type { WorkflowAnalysis } from "./analyze";
import { uniqueModels } from "./unique";

/** Where a model stands in the models folder; absent when no models folder was given. */
export type PresenceFn = (model: LocatedRef) => Presence;

export type ReportedModel = {
  name: string;
  folder: string;
  nodeType: string;
  nodeId: string;
  url: string | null;
  hash: { type: string; value: string } | null;
  active: boolean;
  inferred?: boolean;
  status: Presence["status"];
  /** Only for misplaced and unplaced models: where the file is, where it should be, and why. */
  presence?: { path: string | null; expectedPath: string | null; message: string | null };
};

export type AnalysisReport = {
  workflows: { path: string; format: "ui" | "api" | null; error: string | null; models: ReportedModel[] }[];
  summary: {
    workflows: number;
    failed: number;
    references: number;
    unique: number;
    present: number;
    missing: number;
    misplaced: number;
    /** Files of unknown nodes whose folder nothing tells: reported for a person, never downloaded. */
    unplaced: number;
  };
};

const MISSING: Presence = { status: "missing", path: null, expectedPath: null, message: null };
const UNPLACED: Presence = {
  status: "unplaced",
  path: null,
  expectedPath: null,
  message: "Loaded by a node ComfyFixer does not know; nothing says which folder ComfyUI reads it from.",
};

function reportModel(ref: ModelRef, presence: Presence): ReportedModel {
  const model: ReportedModel = {
    name: ref.name,
    folder: ref.folder,
    nodeType: ref.nodeType,
    nodeId: ref.nodeId,
    url: ref.url,
    hash: ref.hash,
    active: ref.active,
    ...(ref.inferred ? { inferred: true } : {}),
    status: presence.status,
  };
  if (presence.status === "misplaced" || presence.status === "unplaced") {
    model.presence = { path: presence.path, expectedPath: presence.expectedPath, message: presence.message };
  }
  return model;
}

/**
 * Lists each workflow's models once per file (folder + name) with their presence. The summary counts
 * references over all workflows, and unique/present/missing/misplaced over distinct files.
 */
export function buildAnalysisReport(analyses: readonly WorkflowAnalysis[], presenceOf?: PresenceFn): AnalysisReport {
  const cache = new Map<string, Presence>();
  const presence = (ref: ModelRef): Presence => {
    const key = modelKey(ref);
    let found = cache.get(key);
    if (!found) {
      found = presenceOf ? presenceOf(ref) : isUnplaced(ref) ? UNPLACED : MISSING;
      cache.set(key, found);
    }
    return found;
  };
  const workflows = analyses.map((analysis) => ({
    path: analysis.path,
    format: analysis.format,
    error: analysis.error,
    models: uniqueModels(analysis.models).map(({ ref }) => reportModel(ref, presence(ref))),
  }));
  const distinct = uniqueModels(analyses.flatMap((analysis) => analysis.models)).map(({ ref }) => ref);
  const count = (status: Presence["status"]) => distinct.filter((ref) => presence(ref).status === status).length;
  return {
    workflows,
    summary: {
      workflows: analyses.length,
      failed: analyses.filter((analysis) => analysis.error !== null).length,
      references: analyses.reduce((sum, analysis) => sum + analysis.models.length, 0),
      unique: distinct.length,
      present: count("present"),
      missing: count("missing"),
      misplaced: count("misplaced"),
      unplaced: count("unplaced"),
    },
  };
}
