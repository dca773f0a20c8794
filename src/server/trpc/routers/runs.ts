// runs.*: start, watch, cancel and retry runs; the dashboard's and `comfyfixer run --server`'s procedures.
import { z } from "zod";
import { analyseWorkflowInputs, listWorkflowFiles } from "../../services/run-analysis";
import { getRun, getRunEvents, listRuns } from "../../services/run-queries";
import {
  AnalysisReportSchema,
  CreateRunInputSchema,
  ListRunsInputSchema,
  ModelViewSchema,
  PickCandidateInputSchema,
  RunDetailSchema,
  RunListItemSchema,
  WorkflowInputSchema,
} from "../../services/run-schemas";
import { RunEventSchema } from "../../../core/events";
import { cancelRun } from "../../services/run-lifecycle";
import { createRun, pickCandidate, retryRun } from "../../services/runs";
import { publicProcedure, router } from "../init";

const RunIdSchema = z.object({ id: z.uuid() });

export const runsRouter = router({
  create: publicProcedure
    .input(CreateRunInputSchema)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => createRun(ctx, input)),
  analyze: publicProcedure
    .input(z.object({ workflows: z.array(WorkflowInputSchema).min(1).max(500), modelsRoot: z.string().optional() }))
    .output(AnalysisReportSchema)
    .query(({ ctx, input }) => analyseWorkflowInputs(ctx.db, ctx.env, input)),
  workflowFiles: publicProcedure
    .output(z.object({ folders: z.array(z.object({ folder: z.string(), files: z.array(z.string()), error: z.string().nullable() })) }))
    .query(({ ctx }) => listWorkflowFiles(ctx.db)),
  list: publicProcedure
    .input(ListRunsInputSchema)
    .output(z.object({ items: z.array(RunListItemSchema), total: z.number(), page: z.number(), pageSize: z.number() }))
    .query(({ ctx, input }) => listRuns(ctx.db, input)),
  get: publicProcedure
    .input(RunIdSchema)
    .output(RunDetailSchema)
    .query(({ ctx, input }) => getRun(ctx.db, input.id)),
  events: publicProcedure
    .input(RunIdSchema.extend({ afterSeq: z.number().int().min(0).default(0) }))
    .output(z.array(RunEventSchema))
    .query(({ ctx, input }) => getRunEvents(ctx.db, input.id, input.afterSeq)),
  cancel: publicProcedure
    .input(RunIdSchema)
    .output(z.object({ id: z.string(), status: z.string() }))
    .mutation(({ ctx, input }) => cancelRun(ctx.db, input.id)),
  retry: publicProcedure
    .input(RunIdSchema)
    .output(z.object({ id: z.string(), models: z.number() }))
    .mutation(({ ctx, input }) => retryRun(ctx.db, ctx.queue, input.id)),
  pickCandidate: publicProcedure
    .input(PickCandidateInputSchema)
    .output(ModelViewSchema)
    .mutation(({ ctx, input }) => pickCandidate(ctx.db, ctx.queue, input)),
});
