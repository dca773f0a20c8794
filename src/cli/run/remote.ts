// `comfyfixer run --server URL`: submits the run to a dashboard, follows its event stream, prints the same report.
import { createTRPCClient, httpLink } from "@trpc/client";
import { basename } from "node:path";
import type { RunEvent } from "../../core/events";
import { modelKey } from "../../core/model";
import type { AppRouter } from "../../server/trpc/root";
import type { RunDetail } from "../../server/services/run-schemas";
import type { AnalysisReport } from "../../core/workflow";
import type { ProgressDisplay } from "../progress";
import { buildRunReport, type FinalModelState, type RunReport } from "./report";
import { followRunEvents } from "./sse-client";

export type RemoteRunOptions = {
  server: string;
  workflows: Array<{ path: string; bytes: Buffer }>;
  modelsRoot: string;
  dryRun: boolean;
  concurrency?: number;
  includeInactive: boolean;
  display: ProgressDisplay;
  signal: AbortSignal;
};

const isText = (path: string) => path.toLowerCase().endsWith(".json");

function showEvent(display: ProgressDisplay, event: RunEvent) {
  const label = event.model ? `${event.model.folder}/${event.model.name}` : "";
  if (event.type === "model.status" && event.model) display.status(label, event.status as never, event.message);
  else if (event.type === "model.progress" && event.model) display.progress(label, event.bytes ?? 0, event.total ?? null, event.rate ?? 0);
  else if (event.type === "log" && event.message) display.log(event.message);
}

/** The server's run as the report the local run prints. */
export function reportFromRun(run: RunDetail): RunReport {
  const analysis: AnalysisReport = {
    workflows: run.workflows.map((workflow) => ({
      path: workflow.path,
      format: workflow.format as "ui" | "api" | null,
      error: workflow.error,
      models: run.models
        .filter((model) => model.workflows.includes(workflow.path))
        .map((model) => ({
          name: model.name,
          folder: model.folder,
          nodeType: model.nodeType,
          nodeId: "",
          url: null,
          hash: null,
          active: model.active,
          status: "missing",
        })),
    })),
    summary: {
      workflows: run.workflows.length,
      failed: run.workflows.filter((workflow) => workflow.error).length,
      references: 0,
      unique: run.models.length,
      present: run.counts.present,
      missing: run.counts.missing,
      misplaced: 0,
    },
  };
  const final = new Map<string, FinalModelState>(
    run.models.map((model) => [
      modelKey(model),
      {
        status: model.status,
        path: model.status === "present" ? model.foundAt : model.targetPath,
        sha256: model.sha256,
        bytes: model.bytes,
        error: model.error,
        resolution: model.resolution as FinalModelState["resolution"],
      },
    ]),
  );
  const summary = run.summary ?? {
    workflows_scanned: run.workflows.length,
    models_found: run.models.length,
    models_missing: 0,
    models_resolved: 0,
    models_downloaded: 0,
    models_failed: 0,
    bytes_downloaded: 0,
    average_rate: null,
    cache_hits: 0,
    cache_misses: 0,
  };
  return buildRunReport(analysis, (key) => final.get(key), summary, { runId: run.id, status: run.status });
}

export async function runOnServer(options: RemoteRunOptions): Promise<RunReport> {
  const base = options.server.replace(/\/+$/, "");
  const client = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${base}/api/trpc` })] });
  const { id } = await client.runs.create.mutate({
    workflows: options.workflows.map((workflow) => ({
      fileName: basename(workflow.path),
      content: workflow.bytes.toString(isText(workflow.path) ? "utf8" : "base64"),
      encoding: isText(workflow.path) ? "utf8" : "base64",
    })),
    modelsRoot: options.modelsRoot,
    dryRun: options.dryRun,
    overrides: { ...(options.concurrency ? { concurrency: options.concurrency } : {}), includeInactive: options.includeInactive },
  });
  options.display.log(`Run ${id} started on ${base}.`);
  // Ctrl-C cancels the run on the server; the stream is still followed to its end so the report is complete.
  const cancelOnInterrupt = () => void client.runs.cancel.mutate({ id }).catch(() => undefined);
  options.signal.addEventListener("abort", cancelOnInterrupt, { once: true });
  try {
    await followRunEvents({
      url: `${base}/api/runs/${id}/events`,
      signal: new AbortController().signal,
      onEvent: (event) => showEvent(options.display, event),
      onReconnect: (error) => options.display.log(`event stream dropped (${error instanceof Error ? error.message : String(error)}); reconnecting`),
    });
  } finally {
    options.signal.removeEventListener("abort", cancelOnInterrupt);
  }
  const run = (await client.runs.get.query({ id })) as unknown as RunDetail;
  return reportFromRun(run);
}
