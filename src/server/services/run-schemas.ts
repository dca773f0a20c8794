// The runs API's shapes: inputs validated at the tRPC boundary, and the compositions of core's contracts that the
// dashboard and the CLI read (statuses, resolutions, summaries and events are defined once, in core).
import { z } from "zod";
import { ResolutionSchema, ResolutionSourceSchema } from "../../core/model";
import { RunOutcomeSchema, RunSummarySchema } from "../../core/run/summary";
import { ModelStatusSchema, RunStatusSchema } from "../../core/status";

/** A workflow given by path (under a configured workflow folder) or uploaded (text, or base64 for PNG/WebP). */
export const WorkflowInputSchema = z.union([
  z.object({ path: z.string().min(1) }),
  z.object({
    fileName: z.string().min(1).max(255),
    content: z.string().max(50 * 1024 * 1024),
    encoding: z.enum(["utf8", "base64"]).default("utf8"),
  }),
]);
export type WorkflowInput = z.infer<typeof WorkflowInputSchema>;

export const RunOverridesSchema = z.object({
  concurrency: z.number().int().min(1).max(10).optional(),
  includeInactive: z.boolean().optional(),
});

export const CreateRunInputSchema = z.object({
  workflows: z.array(WorkflowInputSchema).min(1, "Add at least one workflow.").max(500),
  /** One of the models roots an admin configured (see settings.get's modelsRoots); defaults to the first. */
  modelsRoot: z.string().optional(),
  dryRun: z.boolean().default(false),
  overrides: RunOverridesSchema.default({}),
});
export type CreateRunInput = z.infer<typeof CreateRunInputSchema>;

export const ListRunsInputSchema = z.object({
  status: RunStatusSchema.optional(),
  search: z.string().trim().max(200).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});

export const ModelCountsSchema = z.object({
  total: z.number(),
  present: z.number(),
  missing: z.number(),
  installed: z.number(),
  failed: z.number(),
  ambiguous: z.number(),
  skipped: z.number(),
});
export type ModelCounts = z.infer<typeof ModelCountsSchema>;

export const PhaseTimingsSchema = z.record(z.string(), z.number());

export const RunListItemSchema = z.object({
  id: z.string(),
  status: RunStatusSchema,
  dryRun: z.boolean(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  workflowNames: z.array(z.string()),
  counts: ModelCountsSchema,
  bytes: z.number(),
  error: z.string().nullable(),
  /** The email of whoever started it; null for runs from before accounts, or when that account was removed. */
  startedBy: z.string().nullable(),
  /** Once the run is over: all installed, or what is left for a person. */
  outcome: RunOutcomeSchema.nullable(),
});
export type RunListItem = z.infer<typeof RunListItemSchema>;

export const ModelViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  folder: z.string(),
  nodeType: z.string(),
  workflows: z.array(z.string()),
  active: z.boolean(),
  status: ModelStatusSchema,
  foundAt: z.string().nullable(),
  targetPath: z.string().nullable(),
  source: ResolutionSourceSchema.nullable(),
  url: z.string().nullable(),
  sha256: z.string().nullable(),
  size: z.number().nullable(),
  bytes: z.number(),
  resolution: ResolutionSchema.nullable(),
  error: z.string().nullable(),
  attempts: z.number(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});
export type ModelView = z.infer<typeof ModelViewSchema>;

export const RunDetailSchema = RunListItemSchema.extend({
  modelsRoot: z.string(),
  options: z.record(z.string(), z.unknown()),
  summary: RunSummarySchema.nullable(),
  phaseTimings: PhaseTimingsSchema,
  lastSeq: z.number(),
  workflows: z.array(z.object({ id: z.string(), path: z.string(), format: z.string().nullable(), error: z.string().nullable(), modelCount: z.number() })),
  models: z.array(ModelViewSchema),
});
export type RunDetail = z.infer<typeof RunDetailSchema>;

export const PickCandidateInputSchema = z.object({
  runId: z.uuid(),
  modelId: z.uuid(),
  url: z.url("Paste a full http(s) URL."),
});

export const AnalysisReportSchema = z.object({
  workflows: z.array(
    z.object({
      path: z.string(),
      format: z.enum(["ui", "api"]).nullable(),
      error: z.string().nullable(),
      models: z.array(
        z.object({
          name: z.string(),
          folder: z.string(),
          nodeType: z.string(),
          nodeId: z.string(),
          url: z.string().nullable(),
          hash: z.object({ type: z.string(), value: z.string() }).nullable(),
          active: z.boolean(),
          inferred: z.boolean().optional(),
          status: z.enum(["present", "missing", "misplaced", "unplaced"]),
          presence: z.object({ path: z.string().nullable(), expectedPath: z.string().nullable(), message: z.string().nullable() }).optional(),
        }),
      ),
    }),
  ),
  summary: z.object({
    workflows: z.number(),
    failed: z.number(),
    references: z.number(),
    unique: z.number(),
    present: z.number(),
    missing: z.number(),
    misplaced: z.number(),
    unplaced: z.number(),
  }),
});
