// What `comfyfixer run` prints: the analysis report with each model's final state, and the run's summary.
import type { ModelStatus, Resolution } from "../../core/model";
import { modelKey } from "../../core/model";
import type { RunSummary } from "../../core/pipeline/summary";
import type { AnalysisReport, ReportedModel } from "../../core/workflow";
import { formatBytes } from "../../core/format";

export type FinalModelState = {
  status: ModelStatus;
  path: string | null;
  sha256: string | null;
  bytes: number;
  error: string | null;
  resolution: Resolution | null;
};

export type RunReportModel = Omit<ReportedModel, "status"> & FinalModelState;

export type RunReport = {
  runId?: string;
  status?: string;
  workflows: Array<Omit<AnalysisReport["workflows"][number], "models"> & { models: RunReportModel[] }>;
  summary: AnalysisReport["summary"] & RunSummary;
};

export function buildRunReport(
  analysis: AnalysisReport,
  finalOf: (key: string) => FinalModelState | undefined,
  summary: RunSummary,
  extra: { runId?: string; status?: string } = {},
): RunReport {
  return {
    ...extra,
    workflows: analysis.workflows.map((workflow) => ({
      ...workflow,
      models: workflow.models.map((model) => {
        const final = finalOf(modelKey(model));
        const base: FinalModelState = {
          status: model.status === "misplaced" ? "skipped" : model.status,
          path: null,
          sha256: null,
          bytes: 0,
          error: null,
          resolution: null,
        };
        return { ...model, ...base, ...final };
      }),
    })),
    summary: { ...analysis.summary, ...summary },
  };
}

/** 0 when every model a workflow really needs is on disk at the end; 3 when some are not. */
export function runExitCode(report: RunReport): number {
  const unsatisfied = report.workflows.some((workflow) =>
    workflow.models.some((model) => model.active && model.status !== "present" && model.status !== "installed"),
  );
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
  );
  return lines.join("\n");
}
