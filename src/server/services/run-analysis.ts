// A dry look before a run: which models the chosen workflows need and which the install lacks.
import { buildInventory, locateModel } from "../../core/inventory";
import { analyseSources, learnedNodesOf } from "../../core/run/plan";
import { createPostgresSearchCache } from "../stores/search-cache";
import { buildAnalysisReport, collectWorkflowFiles } from "../../core/workflow";
import type { Db } from "../db/client";
import type { ServerEnv } from "../env";
import { modelsRootFor } from "./models-root";
import { storeWorkflowInputs, workflowSource } from "./run-workflows";
import type { WorkflowInput } from "./run-schemas";
import { getSettings } from "./settings";

export async function analyseWorkflowInputs(db: Db, env: ServerEnv, input: { workflows: WorkflowInput[]; modelsRoot?: string }) {
  const settings = await getSettings(db);
  const stored = await storeWorkflowInputs(input.workflows, settings);
  // A server that cannot answer is reported by the inventory below, which asks the same server.
  const learned = await learnedNodesOf(settings.paths.comfyui_url || undefined, createPostgresSearchCache(db, settings.cache), () => undefined);
  const analyses = await analyseSources(stored.map(workflowSource), { learned });
  const inventory = await buildInventory({
    modelsDir: modelsRootFor(settings, env, input.modelsRoot),
    comfyuiUrl: settings.paths.comfyui_url || undefined,
    variables: env.engine.variables,
  });
  return buildAnalysisReport(analyses, (ref) => locateModel(inventory, ref));
}

export async function listWorkflowFiles(db: Db) {
  const settings = await getSettings(db);
  const folders = await Promise.all(
    settings.paths.workflow_folders.map(async (folder) => {
      const found = await collectWorkflowFiles([folder]);
      return { folder, files: found.files, error: found.errors.map((entry) => entry.error).join("; ") || null };
    }),
  );
  return { folders };
}
