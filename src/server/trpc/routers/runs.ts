// runs.*: start, watch, cancel and retry runs; the dashboard's and `comfyfixer run --server`'s procedures.
// Anyone signed in reads; operators and admins act, and every action goes to the audit log.
import { z } from "zod";
import { auditableUrl } from "../../audit/audit-log";
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
import { audit, authorized, router } from "../init";

const RunIdSchema = z.object({ id: z.uuid() });

export const runsRouter = router({
  create: authorized("runs.operate")
    .input(CreateRunInputSchema)
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const run = await createRun(ctx, input, ctx.actor.userId);
      await audit(ctx, "run.started", run.id, { modelsRoot: run.modelsRoot, workflows: input.workflows.length, dryRun: input.dryRun });
      return { id: run.id };
    }),
  analyze: authorized("read")
    .input(z.object({ workflows: z.array(WorkflowInputSchema).min(1).max(500), modelsRoot: z.string().optional() }))
    .output(AnalysisReportSchema)
    .query(({ ctx, input }) => analyseWorkflowInputs(ctx.db, ctx.env, input)),
  workflowFiles: authorized("read")
    .output(z.object({ folders: z.array(z.object({ folder: z.string(), files: z.array(z.string()), error: z.string().nullable() })) }))
    .query(({ ctx }) => listWorkflowFiles(ctx.db)),
  list: authorized("read")
    .input(ListRunsInputSchema)
    .output(z.object({ items: z.array(RunListItemSchema), total: z.number(), page: z.number(), pageSize: z.number() }))
    .query(({ ctx, input }) => listRuns(ctx.db, input)),
  get: authorized("read")
    .input(RunIdSchema)
    .output(RunDetailSchema)
    .query(({ ctx, input }) => getRun(ctx.db, input.id)),
  events: authorized("read")
    .input(RunIdSchema.extend({ afterSeq: z.number().int().min(0).default(0) }))
    .output(z.array(RunEventSchema))
    .query(({ ctx, input }) => getRunEvents(ctx.db, input.id, input.afterSeq)),
  cancel: authorized("runs.operate")
    .input(RunIdSchema)
    .output(z.object({ id: z.string(), status: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const result = await cancelRun(ctx.db, input.id);
      await audit(ctx, "run.cancelled", input.id, { status: result.status });
      return result;
    }),
  retry: authorized("runs.operate")
    .input(RunIdSchema)
    .output(z.object({ id: z.string(), models: z.number() }))
    .mutation(async ({ ctx, input }) => {
      const result = await retryRun(ctx.db, ctx.queue, input.id);
      await audit(ctx, "run.retried", input.id, { models: result.models });
      return result;
    }),
  pickCandidate: authorized("runs.operate")
    .input(PickCandidateInputSchema)
    .output(ModelViewSchema)
    .mutation(async ({ ctx, input }) => {
      const model = await pickCandidate(ctx.db, ctx.queue, input);
      // A URL that is none of the resolvers' candidates was pasted by the person.
      await audit(ctx, model.source === "manual" ? "run.pasted" : "run.picked", input.runId, {
        model: `${model.folder}/${model.name}`,
        url: auditableUrl(input.url),
      });
      return model;
    }),
});
