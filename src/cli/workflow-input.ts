// What analyze and resolve both start from: the workflows under the given paths, and the models folder to check.
import { buildInventory, locateModel } from "../core/inventory";
import { analyzeWorkflowFile, collectWorkflowFiles, type PresenceFn, type WorkflowAnalysis } from "../core/workflow";

/** Every workflow under the paths, analysed; a path that cannot be read is an analysis with its error. */
export async function analysePaths(paths: string[]): Promise<WorkflowAnalysis[]> {
  const { files, errors } = await collectWorkflowFiles(paths);
  return [
    ...errors.map(({ path, error }) => ({ path, format: null, error, models: [], links: [] })),
    ...(await Promise.all(files.map((file) => analyzeWorkflowFile(file)))),
  ];
}

/** Presence answers from the models folder, or undefined when none was given. */
export async function presenceChecker(modelsDir: string | undefined, extraModelPaths: string[]): Promise<PresenceFn | undefined> {
  if (!modelsDir && extraModelPaths.length === 0) return undefined;
  const inventory = await buildInventory({ modelsDir, extraModelPaths });
  return (model) => locateModel(inventory, model);
}
