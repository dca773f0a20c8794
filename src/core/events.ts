// The events a run emits, one schema for the worker, the SSE stream, the CLI and the dashboard:
// a union discriminated on `type`, each with its own typed fields, numbered by a per-run `seq`.
import { z } from "zod";
import { ResolutionSchema } from "./model";
import { ModelStatusSchema, RunPhaseSchema, RunStatusSchema } from "./status";
import { RunSummarySchema } from "./run/summary";
import { LOG_LEVELS } from "./config/schema";

export const RunEventModelSchema = z.object({ id: z.string(), name: z.string(), folder: z.string() });
export type RunEventModel = z.infer<typeof RunEventModelSchema>;

const LogLevelSchema = z.enum(LOG_LEVELS);

const envelope = { runId: z.string(), seq: z.number().int(), at: z.string() };

const RunStatusEvent = z.object({ type: z.literal("run.status"), status: RunStatusSchema, message: z.string().optional() });
const RunPhaseEvent = z.object({ type: z.literal("run.phase"), phase: RunPhaseSchema, state: z.enum(["started", "finished"]), ms: z.number().optional() });
const ModelStatusEvent = z.object({
  type: z.literal("model.status"),
  model: RunEventModelSchema,
  status: ModelStatusSchema,
  message: z.string().optional(),
  resolution: ResolutionSchema.optional(),
  /** Where the file is going (or went), relative to the models root: `folder/name`. */
  targetPath: z.string().optional(),
  sha256: z.string().optional(),
  size: z.number().optional(),
  bytes: z.number().optional(),
});
const ModelProgressEvent = z.object({
  type: z.literal("model.progress"),
  model: RunEventModelSchema,
  bytes: z.number(),
  total: z.number().nullable(),
  rate: z.number(),
  etaSeconds: z.number().nullable(),
});
const LogEvent = z.object({ type: z.literal("log"), level: LogLevelSchema, message: z.string(), model: RunEventModelSchema.optional() });
const RunFinishedEvent = z.object({
  type: z.literal("run.finished"),
  status: RunStatusSchema,
  message: z.string().optional(),
  summary: RunSummarySchema.optional(),
});

/** An event before the publisher numbers and timestamps it. */
export const RunEventInputSchema = z.discriminatedUnion("type", [
  RunStatusEvent,
  RunPhaseEvent,
  ModelStatusEvent,
  ModelProgressEvent,
  LogEvent,
  RunFinishedEvent,
]);
export type RunEventInput = z.infer<typeof RunEventInputSchema>;

export const RunEventSchema = z.discriminatedUnion("type", [
  RunStatusEvent.extend(envelope),
  RunPhaseEvent.extend(envelope),
  ModelStatusEvent.extend(envelope),
  ModelProgressEvent.extend(envelope),
  LogEvent.extend(envelope),
  RunFinishedEvent.extend(envelope),
]);
export type RunEvent = z.infer<typeof RunEventSchema>;
export type RunEventType = RunEvent["type"];
export type RunEventOf<T extends RunEventType> = Extract<RunEvent, { type: T }>;

export const isFinalEvent = (event: Pick<RunEvent, "type">) => event.type === "run.finished";
