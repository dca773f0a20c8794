// Reading runs for the dashboard and the CLI: the history page, a run's detail, its events.
import type { RunEvent } from "../../core/events";
import { outcomeOf, RunSummarySchema, type RunOutcome, type RunSummary } from "../../core/run/summary";
import { isRunFinished, type RunStatus } from "../../core/status";
import type { Prisma } from "../../generated/prisma/client";
import type { Db } from "../db/client";
import { readRunEvents } from "../events/publish";
import { AppError } from "../errors";
import { runModelSelect, toModelView } from "./run-model-rows";
import type { ModelCounts, ModelView, RunDetail, RunListItem } from "./run-schemas";

export type { ModelView };

const runSelect = {
  id: true,
  status: true,
  dryRun: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  error: true,
  createdBy: { select: { email: true } },
  workflows: { select: { path: true }, orderBy: { createdAt: "asc" } },
} satisfies Prisma.RunSelect;

type RunRow = Prisma.RunGetPayload<{ select: typeof runSelect }>;

type CountedRow = { status: ModelView["status"]; active: boolean; _count: number; bytes: number };

function countModels(rows: CountedRow[]): { counts: ModelCounts; bytes: number; attention: RunOutcome } {
  const counts: ModelCounts = { total: 0, present: 0, missing: 0, installed: 0, failed: 0, ambiguous: 0, skipped: 0 };
  let bytes = 0;
  for (const row of rows) {
    counts.total += row._count;
    if (row.status === "present" || row.status === "installed" || row.status === "failed" || row.status === "ambiguous" || row.status === "skipped") {
      counts[row.status] += row._count;
    }
    if (row.status !== "present" && row.status !== "skipped") counts.missing += row._count;
    if (row.status === "installed") bytes += row.bytes;
  }
  const models = rows.flatMap((row) => Array.from({ length: row._count }, () => ({ status: row.status, active: row.active })));
  return { counts, bytes, attention: outcomeOf(models) };
}

async function countsByRun(db: Db, runIds: string[]) {
  const grouped = await db.runModel.groupBy({
    by: ["runId", "status", "active"],
    where: { runId: { in: runIds } },
    _count: { _all: true },
    _sum: { bytes: true },
  });
  const byRun = new Map<string, CountedRow[]>();
  for (const row of grouped) {
    const list = byRun.get(row.runId) ?? [];
    list.push({ status: row.status as CountedRow["status"], active: row.active, _count: row._count._all, bytes: Number(row._sum.bytes ?? 0) });
    byRun.set(row.runId, list);
  }
  return (runId: string) => countModels(byRun.get(runId) ?? []);
}

function toListItem(run: RunRow, counted: ReturnType<typeof countModels>): RunListItem {
  const { workflows, createdBy, ...rest } = run;
  const { attention, ...counts } = counted;
  return {
    ...rest,
    startedBy: createdBy?.email ?? null,
    workflowNames: workflows.map((workflow) => workflow.path),
    ...counts,
    outcome: isRunFinished(run.status) ? attention : null,
  };
}

export async function listRuns(
  db: Db,
  input: { status?: RunStatus; search?: string; page: number; pageSize: number },
): Promise<{ items: RunListItem[]; total: number; page: number; pageSize: number }> {
  const search = input.search?.trim();
  const where: Prisma.RunWhereInput = {
    ...(input.status ? { status: input.status } : {}),
    ...(search
      ? {
          OR: [
            { workflows: { some: { path: { contains: search, mode: "insensitive" } } } },
            { models: { some: { name: { contains: search, mode: "insensitive" } } } },
          ],
        }
      : {}),
  };
  const [total, runs] = await Promise.all([
    db.run.count({ where }),
    db.run.findMany({
      where,
      select: runSelect,
      orderBy: { createdAt: "desc" },
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
    }),
  ]);
  const counted = await countsByRun(
    db,
    runs.map((run) => run.id),
  );
  return { items: runs.map((run) => toListItem(run, counted(run.id))), total, page: input.page, pageSize: input.pageSize };
}

export async function getRun(db: Db, id: string): Promise<RunDetail> {
  const run = await db.run.findUnique({
    where: { id },
    select: {
      ...runSelect,
      modelsRoot: true,
      options: true,
      summary: true,
      phaseTimings: true,
      lastSeq: true,
      workflows: { select: { id: true, path: true, format: true, error: true, modelCount: true }, orderBy: { createdAt: "asc" } },
      models: { select: runModelSelect, orderBy: [{ folder: "asc" }, { name: "asc" }] },
    },
  });
  if (!run) throw new AppError("NOT_FOUND", `Run ${id} does not exist.`);
  const counted = await countsByRun(db, [id]);
  const models = run.models.map(toModelView);
  const { createdBy, ...rest } = run;
  const { attention, ...counts } = counted(id);
  return {
    ...rest,
    startedBy: createdBy?.email ?? null,
    workflowNames: run.workflows.map((workflow) => workflow.path),
    ...counts,
    outcome: isRunFinished(run.status) ? attention : null,
    options: run.options as Record<string, unknown>,
    summary: readSummary(run.summary, models),
    phaseTimings: run.phaseTimings as Record<string, number>,
    models,
  };
}

/** A stored summary; one saved before runs had an outcome gets it from the models. */
function readSummary(stored: Prisma.JsonValue, models: ModelView[]): RunSummary | null {
  if (stored === null) return null;
  const current = RunSummarySchema.safeParse(stored);
  if (current.success) return current.data;
  const upgraded = RunSummarySchema.safeParse({ ...(stored as object), ...outcomeOf(models) });
  return upgraded.success ? upgraded.data : null;
}

export async function getModelView(db: Db, modelId: string): Promise<ModelView> {
  const row = await db.runModel.findUnique({ where: { id: modelId }, select: runModelSelect });
  if (!row) throw new AppError("NOT_FOUND", `Model ${modelId} does not exist.`);
  return toModelView(row);
}

export async function getRunEvents(db: Db, id: string, afterSeq: number): Promise<RunEvent[]> {
  const run = await db.run.findUnique({ where: { id }, select: { id: true } });
  if (!run) throw new AppError("NOT_FOUND", `Run ${id} does not exist.`);
  return readRunEvents(db, id, afterSeq);
}
