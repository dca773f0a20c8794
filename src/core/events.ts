// The progress events a run emits (DESIGN.md): one JSON shape for the worker, the SSE stream, the CLI and the dashboard.
import type { ModelStatus } from "./model";

export const RUN_EVENT_TYPES = ["run.status", "run.phase", "model.status", "model.progress", "log", "run.finished"] as const;
export type RunEventType = (typeof RUN_EVENT_TYPES)[number];

export type RunEventModel = { id: string; name: string; folder: string };

export type RunEvent = {
  runId: string;
  seq: number;
  type: RunEventType;
  model?: RunEventModel;
  bytes?: number;
  total?: number | null;
  rate?: number;
  status?: string;
  message?: string;
  /** Extra fields a type may carry (phase timings, a model's resolution, …). */
  data?: Record<string, unknown>;
  at: string;
};

/** An event before the publisher numbers and timestamps it. */
export type RunEventInput = Omit<RunEvent, "runId" | "seq" | "at">;

export type ModelStatusEventInput = RunEventInput & { type: "model.status"; status: ModelStatus };

export const isFinalEvent = (event: Pick<RunEvent, "type">) => event.type === "run.finished";
