// The first two phases of a run: read every workflow, then check the install for each model it needs and decide
// where each missing one goes. One bad reference is that model's status, never the plan's failure.
import { errorMessage } from "../error-message";
import { targetFor, buildInventory, locateModel, type Inventory, type Presence } from "../inventory";
import type { InstallTarget } from "../install/target";
import { isUnplaced, type ModelRef } from "../model";
import type { RunPhase } from "../status";
import { learnFromComfyUI, type LearnedNodes } from "../comfyui";
import type { SearchCache } from "../resolve/types";
import { analyzeWorkflowBytes, analyzeWorkflowFile, linksNaming, uniqueModels, type AnalyzeOptions, type WorkflowAnalysis } from "../workflow";
import type { PlannedModel, RunPlan } from "./ports";

export type WorkflowSource = { path: string; bytes?: Uint8Array };

export type PlanOptions = {
  workflows: WorkflowSource[];
  modelsRoot: string;
  comfyuiUrl?: string;
  /** Where what that ComfyUI teaches about its nodes is kept between runs (the engine's search cache). */
  nodeFolderCache?: SearchCache;
  extraModelPaths?: string[];
  /** Environment variables for `$VAR` in extra_model_paths.yaml. */
  variables?: Readonly<Record<string, string | undefined>>;
  /** Download models of bypassed/muted nodes and switched-off LoRA rows too. */
  includeInactive?: boolean;
  signal?: AbortSignal;
  onPhase?: (phase: RunPhase, state: "started" | "finished", ms?: number) => void | Promise<void>;
  onWarning?: (message: string) => void;
};

/** Reads every workflow (from disk, or from the bytes given), never throwing: a bad file is an analysis with an error. */
export async function analyseSources(workflows: WorkflowSource[], options: AnalyzeOptions = {}): Promise<WorkflowAnalysis[]> {
  return Promise.all(
    workflows.map((workflow) => (workflow.bytes ? analyzeWorkflowBytes(workflow.bytes, workflow.path, options) : analyzeWorkflowFile(workflow.path, options))),
  );
}

/**
 * What the user's ComfyUI says about node types the registry does not list; none without a server. A server that
 * cannot answer costs a warning, not the run: the analysis then places those nodes' files by their evidence.
 */
export async function learnedNodesOf(
  comfyuiUrl: string | undefined,
  cache: SearchCache | undefined,
  warn: (message: string) => void,
  signal?: AbortSignal,
): Promise<LearnedNodes | undefined> {
  if (!comfyuiUrl || !cache) return undefined;
  try {
    return await learnFromComfyUI(comfyuiUrl, { cache, signal });
  } catch (error) {
    signal?.throwIfAborted();
    warn(`Could not learn the installed nodes from ComfyUI: ${errorMessage(error)} Files of nodes ComfyFixer does not know are placed by their names.`);
    return undefined;
  }
}

type Placement = Pick<PlannedModel, "status" | "target" | "foundAt" | "error">;

function placement(ref: ModelRef, inventory: Inventory, includeInactive: boolean): Placement {
  if (isUnplaced(ref)) {
    const presence = locateModel(inventory, ref);
    return { status: "unplaced", target: null, foundAt: presence.path, error: presence.message };
  }
  let target: InstallTarget;
  try {
    target = targetFor(inventory, ref);
  } catch (error) {
    return { status: "refused", target: null, foundAt: null, error: errorMessage(error) };
  }
  const presence: Presence = locateModel(inventory, ref);
  if (presence.status === "present") return { status: "present", target, foundAt: presence.path, error: null };
  if (presence.status === "misplaced") {
    return {
      status: "skipped",
      target,
      foundAt: presence.path,
      error: presence.message ?? `Found elsewhere (${presence.path}); ComfyUI looks in ${target.absolutePath}.`,
    };
  }
  if (!ref.active && !includeInactive) {
    return { status: "skipped", target, foundAt: null, error: "Only used by a bypassed or muted node (or a switched-off LoRA row); not downloaded." };
  }
  return { status: "missing", target, foundAt: null, error: null };
}

export async function planRun(options: PlanOptions): Promise<RunPlan> {
  const timed = async <T>(phase: RunPhase, work: () => Promise<T>): Promise<T> => {
    await options.onPhase?.(phase, "started");
    const started = performance.now();
    const result = await work();
    await options.onPhase?.(phase, "finished", Math.round(performance.now() - started));
    return result;
  };

  const analyses = await timed("analysis", async () => {
    const learned = await learnedNodesOf(options.comfyuiUrl, options.nodeFolderCache, (message) => options.onWarning?.(message), options.signal);
    return analyseSources(options.workflows, { learned });
  });
  const links = analyses.flatMap((analysis) => analysis.links);
  const inventory = await timed("inventory", () =>
    buildInventory({
      modelsDir: options.modelsRoot,
      comfyuiUrl: options.comfyuiUrl || undefined,
      extraModelPaths: options.extraModelPaths,
      variables: options.variables,
      signal: options.signal,
      onWarning: options.onWarning,
    }),
  );

  const models = uniqueModels(analyses.flatMap((analysis) => analysis.models)).map(({ ref, workflows }): PlannedModel => ({
    ref,
    workflows,
    links: linksNaming(ref, links),
    resolution: null,
    sha256: null,
    bytes: 0,
    size: null,
    attempts: 0,
    ...placement(ref, inventory, options.includeInactive ?? false),
  }));
  return { analyses, inventory, models };
}
