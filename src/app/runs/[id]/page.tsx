"use client";
// Run detail: one run followed live — progress, phases, models, throughput, events and actions.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useMemo, useState } from "react";
import type { ModelView, RunDetail } from "../../../server/services/run-schemas";
import { elapsedSeconds, formatBytes, formatDateTime, formatDuration, formatEta, formatRate } from "../../../core/format";
import { ProgressBar } from "../../_components/progress-bar";
import { OutcomeChip } from "../../_components/outcome-chip";
import { StatusChip } from "../../_components/status-chip";
import { useCan } from "../../_components/session";
import { Card, ErrorBox, PageTitle, dangerButtonClass, secondaryButtonClass } from "../../_components/ui";
import { useTRPC } from "../../trpc";
import { isRunFinished } from "../../../core/status";
import { overallProgress } from "../run-events";
import { EventLog } from "./event-log";
import { LiveIndicator } from "./live-indicator";
import { ModelsTable } from "./models-table";
import { PhaseTimeline } from "./phase-timeline";
import { ThroughputChart } from "./throughput-chart";
import { useRunStream } from "./use-run-stream";

export default function RunPage() {
  const { id } = useParams<{ id: string }>();
  const trpc = useTRPC();
  const run = useQuery({ ...trpc.runs.get.queryOptions({ id }), staleTime: Number.POSITIVE_INFINITY });
  if (run.error) {
    return (
      <>
        <ErrorBox title="Could not load this run" message={run.error.message} />
        <p className="mt-4 text-sm">
          <Link href="/" className="text-sky-600 underline dark:text-sky-400">
            Back to all runs
          </Link>
        </p>
      </>
    );
  }
  if (!run.data) return <p className="text-sm text-zinc-500">Loading run…</p>;
  return <RunView run={run.data} />;
}

const COUNTED: { status: ModelView["status"]; label: string }[] = [
  { status: "present", label: "present" },
  { status: "installed", label: "installed" },
  { status: "ambiguous", label: "to choose" },
  { status: "failed", label: "failed" },
  { status: "not_found", label: "not found" },
  { status: "needs_auth", label: "need a token" },
  { status: "skipped", label: "skipped" },
];

function RunView({ run }: { run: RunDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [generation, setGeneration] = useState(0);
  const { live, state } = useRunStream(run.id, { generation });
  const queryKey = trpc.runs.get.queryKey({ id: run.id });
  const finished = isRunFinished(run.status);
  const canOperate = useCan("runs.operate");

  // The run goes on after a retry or a pick: take a fresh snapshot and follow a new stream.
  const restart = async () => {
    await queryClient.invalidateQueries({ queryKey });
    setGeneration((value) => value + 1);
  };
  const cancel = useMutation(trpc.runs.cancel.mutationOptions());
  const retry = useMutation(trpc.runs.retry.mutationOptions({ onSuccess: restart }));
  const onPicked = (model: ModelView) => {
    queryClient.setQueryData(queryKey, (detail: RunDetail | undefined) =>
      detail ? { ...detail, models: detail.models.map((existing) => (existing.id === model.id ? model : existing)) } : detail,
    );
    if (finished) void restart();
  };

  const progress = useMemo(() => overallProgress(run.models, live.speeds), [run.models, live.speeds]);
  const retryable = run.models.some((model) => model.status === "failed" || model.status === "not_found" || model.status === "needs_auth");
  const started = run.startedAt ?? run.createdAt;

  return (
    <div className="space-y-6">
      <PageTitle title={`Run ${run.id.slice(0, 8)}`}>
        <span data-run-status={run.status}>
          <StatusChip status={run.status} />
        </span>
        {run.outcome && !run.dryRun && <OutcomeChip outcome={run.outcome} />}
        {run.dryRun && <span className="text-xs text-zinc-500">dry run</span>}
        <LiveIndicator state={state} />
        {canOperate && !finished && (
          <button type="button" className={dangerButtonClass} disabled={cancel.isPending} onClick={() => cancel.mutate({ id: run.id })}>
            {cancel.isPending ? "Cancelling…" : "Cancel run"}
          </button>
        )}
        {canOperate && finished && retryable && (
          <button type="button" className={secondaryButtonClass} disabled={retry.isPending} onClick={() => retry.mutate({ id: run.id })}>
            Retry failed
          </button>
        )}
      </PageTitle>
      {cancel.error && <ErrorBox title="Not cancelled" message={cancel.error.message} />}
      {retry.error && <ErrorBox title="Not retried" message={retry.error.message} />}
      {run.error && <ErrorBox title="The run stopped with an error" message={run.error} />}

      <Card>
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2 text-sm">
          <span className="font-medium">
            {progress.total > 0
              ? `${formatBytes(progress.done)} of ${formatBytes(progress.total)}`
              : finished
                ? "Nothing was downloaded"
                : "Waiting for the first download…"}
          </span>
          <span className="tabular-nums text-zinc-500 dark:text-zinc-400">
            {finished ? `took ${formatDuration(elapsedSeconds(started, run.finishedAt))}` : `${formatRate(progress.rate)} · ${formatEta(progress.etaSeconds)}`}
          </span>
        </div>
        <ProgressBar
          label="Overall progress"
          value={progress.done}
          max={progress.total > 0 ? progress.total : finished ? 1 : null}
          valueText={`${formatBytes(progress.done)} of ${formatBytes(progress.total)}`}
        />
        <dl className="mt-4 flex flex-wrap gap-x-6 gap-y-1 text-sm">
          <div>
            <dt className="inline text-zinc-500">Started </dt>
            <dd className="inline">{formatDateTime(started)}</dd>
          </div>
          <div>
            <dt className="inline text-zinc-500">Started by </dt>
            <dd className="inline">{run.startedBy ?? "—"}</dd>
          </div>
          <div>
            <dt className="inline text-zinc-500">Models root </dt>
            <dd className="inline font-mono text-xs">{run.modelsRoot}</dd>
          </div>
          {COUNTED.map(({ status, label }) => {
            const count = run.models.filter((model) => model.status === status).length;
            return count > 0 ? (
              <div key={status}>
                <dd className="inline font-semibold tabular-nums">{count}</dd>
                <dt className="inline text-zinc-500"> {label}</dt>
              </div>
            ) : null;
          })}
        </dl>
      </Card>

      <Card title="Phases">
        <PhaseTimeline timings={run.phaseTimings} live={live} runFinished={finished} />
      </Card>

      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Models" className="lg:col-span-2">
          {run.models.length === 0 ? (
            <p className="text-sm text-zinc-500 dark:text-zinc-400">{finished ? "These workflows name no model files." : "Reading the workflows…"}</p>
          ) : (
            <ModelsTable runId={run.id} models={run.models} speeds={live.speeds} onPicked={canOperate ? onPicked : null} />
          )}
        </Card>
        <div className="space-y-6">
          <Card title="Throughput">
            <ThroughputChart samples={live.samples} />
          </Card>
          <Card title="Workflows">
            <ul className="space-y-1 text-sm">
              {run.workflows.map((workflow) => (
                <li key={workflow.id} className="break-all">
                  <span className="font-mono text-xs">{workflow.path.split(/[\\/]/).pop()}</span>{" "}
                  <span className="text-xs text-zinc-500">{workflow.error ?? `${workflow.modelCount} models`}</span>
                </li>
              ))}
            </ul>
          </Card>
        </div>
      </div>

      <Card title="Event log">
        <EventLog lines={live.log} />
      </Card>
    </div>
  );
}
