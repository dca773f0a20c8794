// What a run is made of and where it is kept: the model in a run (one shape from the plan to the screen), the change
// the pipeline makes to it, and the RunStore port the worker (Postgres) and the CLI (memory) each implement.
import type { DownloadProgress } from "../download/types";
import type { RunEventInput } from "../events";
import type { InstallTarget } from "../install/target";
import type { Inventory } from "../inventory/types";
import type { ModelLink, ModelRef, Resolution } from "../model";
import type { ModelStatus } from "../status";
import type { WorkflowAnalysis } from "../workflow/analyze";

export type RunModel = {
  /** Stable within the run: the database id, or the model key in the CLI. */
  id: string;
  ref: ModelRef;
  /** Every workflow of the run that needs this file. */
  workflows: string[];
  /** The links the run's workflows give for this file, for the resolver. */
  links: ModelLink[];
  status: ModelStatus;
  /** Where the file goes (and where ComfyUI looks); null when its name or folder cannot be installed safely. */
  target: InstallTarget | null;
  /** Where a present or misplaced file was found. */
  foundAt: string | null;
  resolution: Resolution | null;
  sha256: string | null;
  /** Bytes on disk so far (the file's size once installed). */
  bytes: number;
  /** The file's size, when a source says it or once it is installed. */
  size: number | null;
  /** What went wrong, why it is skipped or refused, or where a misplaced file is. */
  error: string | null;
  attempts: number;
};

/** A model as the plan decides it, before a store gives it an id. */
export type PlannedModel = Omit<RunModel, "id">;

/** What the first two phases found: every workflow's analysis, the install's inventory, and each model's place. */
export type RunPlan = {
  analyses: WorkflowAnalysis[];
  inventory: Inventory;
  models: PlannedModel[];
};

/** A move of one model to a new status, with what the move learnt. */
export type ModelChange = { status: ModelStatus } & Partial<Pick<RunModel, "resolution" | "target" | "sha256" | "bytes" | "size" | "error" | "attempts">>;

export type RunStore = {
  /** The run's models as saved; empty before the plan. */
  loadModels(): Promise<RunModel[]>;
  /** Saves the plan's models (and the workflows' analysis) and returns them with their ids. */
  savePlan(plan: RunPlan): Promise<RunModel[]>;
  /** Persists a change, then announces it: a replay never shows what was not saved. The pipeline waits for it. */
  update(model: RunModel, change: ModelChange): Promise<void>;
  /** Download progress; the store throttles what it keeps and sends. */
  progress(model: RunModel, progress: DownloadProgress): void;
  publish(event: RunEventInput): Promise<void>;
  /** Waits for progress already on its way and drops what is still held back: after it, the run can be finished. */
  settle(): Promise<void>;
};

/** A model as events and logs name it. */
export const eventModel = (model: Pick<RunModel, "id" | "ref">) => ({ id: model.id, name: model.ref.name, folder: model.ref.folder });

/** Applies a change to the model in memory (the store persists it). */
export function applyChange(model: RunModel, change: ModelChange): void {
  Object.assign(model, change);
}
