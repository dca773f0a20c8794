// What `comfyfixer run` prints: each workflow with its models' final states, the summary, and the outcome — the same
// whether the run went on here or on a dashboard's workers.
import type { Resolution } from "../../core/model";
import { outcomeLine, type RunSummary } from "../../core/run/summary";
import { modelStatusRule, type ModelStatus } from "../../core/status";
import { formatBytes } from "../../core/format";

export type RunReportModel = {
  name: string;
  folder: string;
  nodeType: string;
  active: boolean;
  /** Every workflow that needs it. */
  workflows: string[];
  status: ModelStatus;
  /** Where the file is (present, misplaced) or went (installed, or where it would go). */
  path: string | null;
  sha256: string | null;
  bytes: number;
  error: string | null;
  resolution: Resolution | null;
};

export type RunReportWorkflow = { path: string; format: string | null; error: string | null };

export type RunReport = {
  runId?: string;
  status?: string;
  /** All installed, or what needs attention, in one line. */
  outcome: string;
  workflows: Array<RunReportWorkflow & { models: RunReportModel[] }>;
  summary: RunSummary;
};

export function buildRunReport(
  workflows: RunReportWorkflow[],
  models: RunReportModel[],
  summary: RunSummary,
  extra: { runId?: string; status?: string } = {},
): RunReport {
  return {
    ...extra,
    outcome: outcomeLine(summary),
    workflows: workflows.map((workflow) => ({ ...workflow, models: models.filter((model) => model.workflows.includes(workflow.path)) })),
    summary,
  };
}

/** 0 when every model a workflow really needs is on disk at the end; 3 when some are not. */
export function runExitCode(report: RunReport): number {
  const unsatisfied = report.workflows.some((workflow) => workflow.models.some((model) => model.active && !modelStatusRule(model.status).satisfied));
  return unsatisfied ? 3 : 0;
}

export function formatRunReport(report: RunReport): string {
  const lines: string[] = [];
  for (const workflow of report.workflows) {
    lines.push(`${workflow.path}${workflow.error ? ` — ${workflow.error}` : ""}`);
    for (const model of workflow.models) {
      const detail = model.error ?? (model.status === "installed" ? `${formatBytes(model.bytes)} → ${model.path}` : "");
      lines.push(`  ${model.status.padEnd(10)} ${model.folder}/${model.name}${model.active ? "" : " (inactive)"}${detail ? ` — ${detail}` : ""}`);
    }
  }
  const s = report.summary;
  lines.push(
    "",
    `${s.workflows_scanned} workflow(s), ${s.models_found} model(s): ${s.models_missing} missing, ${s.models_resolved} resolved, ` +
      `${s.models_downloaded} downloaded (${formatBytes(s.bytes_downloaded)}), ${s.models_failed} failed.` +
      (report.runId ? ` Run ${report.runId}.` : ""),
    report.outcome,
  );
  return lines.join("\n");
}
