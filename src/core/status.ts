// The statuses of a run and of each model in it, their phases and what each one allows, as one table that the
// engine, the worker, the server, the CLI and the dashboard all read.
import { z } from "zod";

/** The phases of a run, in the order they start (resolution, download and verification overlap). */
export const RUN_PHASES = ["analysis", "inventory", "resolution", "download", "verification"] as const;
export const RunPhaseSchema = z.enum(RUN_PHASES);
export type RunPhase = z.infer<typeof RunPhaseSchema>;

export const RUN_STATUSES = ["queued", "running", "completed", "failed", "cancelled"] as const;
export const RunStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatusSchema>;

const FINISHED_RUN_STATUSES: ReadonlySet<RunStatus> = new Set(["completed", "failed", "cancelled"]);
export const isRunFinished = (status: RunStatus) => FINISHED_RUN_STATUSES.has(status);

/** Why a model still needs a person after a run: the headings of a run's outcome. */
export type AttentionReason = "choose" | "token" | "not_found" | "failed" | "refused" | "unplaced";

type ModelStatusRule = {
  /** The run phase a model in this status is in. */
  phase: "resolution" | "download" | "verification" | null;
  /** Nothing more happens to it in this run unless a person acts. */
  final: boolean;
  /** A person may give it a URL (one of the candidates, or a pasted one). */
  pickable: boolean;
  /** Its file is on disk where ComfyUI looks. */
  satisfied: boolean;
  /** What a person must do about it, once the run is over. */
  attention: AttentionReason | null;
  /** A retry of the run takes it up again (from its resolution when it has a resolved one, else from the search). */
  retried: boolean;
};

const rule = (fields: Partial<ModelStatusRule>): ModelStatusRule => ({
  phase: null,
  final: false,
  pickable: false,
  satisfied: false,
  attention: null,
  retried: false,
  ...fields,
});

/** Lifecycle of a model within a run: present | missing → resolving → resolved | ambiguous | … → downloading → verifying → installed | failed. */
export const MODEL_STATUS_RULES = {
  present: rule({ final: true, satisfied: true }),
  missing: rule({}),
  resolving: rule({ phase: "resolution", retried: true }),
  resolved: rule({}),
  ambiguous: rule({ final: true, pickable: true, attention: "choose" }),
  not_found: rule({ final: true, pickable: true, attention: "not_found", retried: true }),
  needs_auth: rule({ final: true, pickable: true, attention: "token", retried: true }),
  downloading: rule({ phase: "download", retried: true }),
  verifying: rule({ phase: "verification", retried: true }),
  installed: rule({ final: true, satisfied: true }),
  failed: rule({ final: true, pickable: true, attention: "failed", retried: true }),
  /** Not downloaded on purpose: only used by a bypassed node, or found elsewhere in the install (misplaced). */
  skipped: rule({ final: true }),
  /** Its name or folder cannot be installed safely (a path out of the models folder, an unknown folder): never downloaded. */
  refused: rule({ final: true, attention: "refused" }),
  /** Loaded by a node ComfyFixer does not know, with nothing that says which folder ComfyUI reads it from: not downloaded. */
  unplaced: rule({ final: true, attention: "unplaced" }),
} as const satisfies Record<string, ModelStatusRule>;

export type ModelStatus = keyof typeof MODEL_STATUS_RULES;
export const MODEL_STATUSES = Object.keys(MODEL_STATUS_RULES) as [ModelStatus, ...ModelStatus[]];
export const ModelStatusSchema = z.enum(MODEL_STATUSES);

export const modelStatusRule = (status: ModelStatus): ModelStatusRule => MODEL_STATUS_RULES[status];
export const isPickable = (status: ModelStatus) => MODEL_STATUS_RULES[status].pickable;
export const isFinalModelStatus = (status: ModelStatus) => MODEL_STATUS_RULES[status].final;
/** Moving bytes now: downloading or checking them. */
export const isTransferring = (status: ModelStatus) => status === "downloading" || status === "verifying";

/** The work a model still has in a run: find a source, or download from the one it has; null when it has none. */
export function pendingStep(model: { status: ModelStatus; resolution: { status: string } | null }): "resolve" | "download" | null {
  switch (model.status) {
    case "missing":
    case "resolving":
      return "resolve";
    case "resolved":
    case "downloading":
    case "verifying":
      return model.resolution?.status === "resolved" ? "download" : "resolve";
    default:
      return null;
  }
}

/** Where a retried model starts again: from its download when it has a resolved source, else from the search. */
export function retryStatus(model: { resolution: { status: string } | null }): "resolved" | "missing" {
  return model.resolution?.status === "resolved" ? "resolved" : "missing";
}
