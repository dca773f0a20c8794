// The first two phases of a run: read every workflow, then check the install for each model it needs.
import { analyzeWorkflowBytes, analyzeWorkflowFile, uniqueModels, type ModelLink, type WorkflowAnalysis } from "../workflow";
import { buildInventory, locateModel, targetPathFor, type Inventory, type Presence } from "../inventory";
import { modelKey, type ModelRef } from "../model";

export type WorkflowSource = { path: string; bytes?: Uint8Array };

export type PlannedModel = {
  ref: ModelRef;
  /** Every workflow that needs this file. */
  workflows: string[];
  status: "present" | "missing" | "skipped";
  presence: Presence | null;
  targetPath: string;
  /** Why a model is skipped, or where a misplaced file was found. */
  message: string | null;
};

export type RunPlan = {
  analyses: WorkflowAnalysis[];
  links: ModelLink[];
  inventory: Inventory;
  models: PlannedModel[];
};

export type PlanOptions = {
  workflows: WorkflowSource[];
  modelsRoot: string;
  comfyuiUrl?: string;
  extraModelPaths?: string[];
  /** Download models of bypassed/muted nodes and switched-off LoRA rows too. */
  includeInactive?: boolean;
  signal?: AbortSignal;
  onPhase?: (phase: "analysis" | "inventory", state: "started" | "finished", ms?: number) => void | Promise<void>;
  onWarning?: (message: string) => void;
};

/** Reads every workflow (from disk, or from the bytes given), never throwing: a bad file is an analysis with an error. */
export async function analyseSources(workflows: WorkflowSource[]): Promise<WorkflowAnalysis[]> {
  return Promise.all(workflows.map((workflow) => (workflow.bytes ? analyzeWorkflowBytes(workflow.bytes, workflow.path) : analyzeWorkflowFile(workflow.path))));
}

function presenceStatus(ref: ModelRef, presence: Presence, includeInactive: boolean): Pick<PlannedModel, "status" | "message"> {
  if (presence.status === "present") return { status: "present", message: null };
  if (presence.status === "misplaced") {
    return { status: "skipped", message: presence.message ?? `Found elsewhere (${presence.path}); ComfyUI looks in ${presence.expectedPath}.` };
  }
  if (!ref.active && !includeInactive) {
    return { status: "skipped", message: "Only used by a bypassed or muted node (or a switched-off LoRA row); not downloaded." };
  }
  return { status: "missing", message: null };
}

export async function planRun(options: PlanOptions): Promise<RunPlan> {
  const timed = async <T>(phase: "analysis" | "inventory", work: () => Promise<T>): Promise<T> => {
    await options.onPhase?.(phase, "started");
    const started = performance.now();
    const result = await work();
    await options.onPhase?.(phase, "finished", Math.round(performance.now() - started));
    return result;
  };

  const analyses = await timed("analysis", () => analyseSources(options.workflows));
  const refs = analyses.flatMap((analysis) => analysis.models);
  const workflowsByKey = new Map<string, Set<string>>();
  for (const ref of refs) {
    const key = modelKey(ref);
    workflowsByKey.set(key, (workflowsByKey.get(key) ?? new Set()).add(ref.workflow));
  }

  const inventory = await timed("inventory", () =>
    buildInventory({
      modelsDir: options.modelsRoot,
      comfyuiUrl: options.comfyuiUrl || undefined,
      extraModelPaths: options.extraModelPaths,
      signal: options.signal,
      onWarning: options.onWarning,
    }),
  );

  const models = uniqueModels(refs).map((ref): PlannedModel => {
    const presence = locateModel(inventory, ref);
    return {
      ref,
      workflows: [...(workflowsByKey.get(modelKey(ref)) ?? [])],
      presence,
      targetPath: targetPathFor(inventory, ref.folder, ref.name),
      ...presenceStatus(ref, presence, options.includeInactive ?? false),
    };
  });

  return {
    analyses,
    links: analyses.flatMap((analysis) => analysis.links),
    inventory,
    models,
  };
}
