// `comfyfixer run --server URL`: submits the run to a dashboard, follows its event stream, prints the same report.
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import { basename } from "node:path";
import superjson from "superjson";
import { errorMessage } from "../../core/error-message";
import type { RunEvent } from "../../core/events";
import { summariseRun } from "../../core/run/summary";
import type { RunDetail } from "../../server/services/run-schemas";
import type { AppRouter } from "../../server/trpc/root";
import type { ProgressDisplay } from "../progress";
import { buildRunReport, type RunReport } from "./report";
import { followRunEvents, StreamRefusedError } from "./sse-client";

/** The server's refusal as one line for the terminal; anything else is rethrown. */
export function serverRefusal(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const code = (error.data as { code?: string } | undefined)?.code;
    if (code === "UNAUTHORIZED") return `The server refused the API key (revoked, or not a key of this server): ${error.message}`;
    if (code === "FORBIDDEN" || code === "BAD_REQUEST" || code === "NOT_FOUND") return `The server refused the run: ${error.message}`;
  }
  if (error instanceof StreamRefusedError) return `The server refused the run's event stream: ${error.message}`;
  throw error;
}

export type RemoteRunOptions = {
  server: string;
  /** Sent as `Authorization: Bearer`; the run acts with the key's account and role. */
  apiKey: string | undefined;
  workflows: Array<{ path: string; bytes: Buffer }>;
  /** One of the server's models roots; the server's default when undefined. */
  modelsRoot: string | undefined;
  dryRun: boolean;
  concurrency?: number;
  includeInactive: boolean;
  display: ProgressDisplay;
  signal: AbortSignal;
};

const isText = (path: string) => path.toLowerCase().endsWith(".json");

function showEvent(display: ProgressDisplay, event: RunEvent) {
  switch (event.type) {
    case "model.status":
      return display.status(`${event.model.folder}/${event.model.name}`, event.status, event.message);
    case "model.progress":
      return display.progress(`${event.model.folder}/${event.model.name}`, event.bytes, event.total, event.rate);
    case "log":
      return display.log(event.message);
    default:
      return;
  }
}

/** The server's run as the report a local run prints. */
export function reportFromRun(run: RunDetail): RunReport {
  const models = run.models.map((model) => ({
    name: model.name,
    folder: model.folder,
    nodeType: model.nodeType,
    active: model.active,
    workflows: model.workflows,
    status: model.status,
    path: (model.status === "present" || model.status === "skipped" ? model.foundAt : null) ?? model.targetPath,
    sha256: model.sha256,
    bytes: model.bytes,
    error: model.error,
    resolution: model.resolution,
  }));
  const summary = run.summary ?? summariseRun({ workflowCount: run.workflows.length, models, downloadMs: 0, cache: { hits: 0, misses: 0 } });
  return buildRunReport(run.workflows, models, summary, { runId: run.id, status: run.status });
}

export async function runOnServer(options: RemoteRunOptions): Promise<RunReport> {
  const base = options.server.replace(/\/+$/, "");
  const headers: Record<string, string> = options.apiKey ? { Authorization: `Bearer ${options.apiKey}` } : {};
  const client = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${base}/api/trpc`, transformer: superjson, headers })] });
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
      headers,
      signal: new AbortController().signal,
      onEvent: (event) => showEvent(options.display, event),
      onReconnect: (error) => options.display.log(`event stream dropped (${errorMessage(error)}); reconnecting`),
    });
  } finally {
    options.signal.removeEventListener("abort", cancelOnInterrupt);
  }
  return reportFromRun(await client.runs.get.query({ id }));
}
