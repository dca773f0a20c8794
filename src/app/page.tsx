"use client";
// Runs: the history of runs, filterable by status and searchable by workflow or model name.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { RUN_STATUSES, type RunStatus } from "../core/status";
import { elapsedSeconds, formatBytes, formatDateTime, formatDuration } from "../core/format";
import { useCan } from "./_components/session";
import { OutcomeChip } from "./_components/outcome-chip";
import { StatusChip, statusLabel } from "./_components/status-chip";
import { EmptyState, ErrorBox, PageTitle, Pagination, inputClass, primaryButtonClass, TableHead } from "./_components/ui";
import { useTRPC } from "./trpc";

const PAGE_SIZE = 20;

export default function RunsPage() {
  const trpc = useTRPC();
  const canOperate = useCan("runs.operate");
  const [status, setStatus] = useState<RunStatus | "">("");
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const deferredSearch = useDeferredValue(search.trim());
  const runs = useQuery({
    ...trpc.runs.list.queryOptions({ status: status || undefined, search: deferredSearch || undefined, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
    // The list is a summary; while something runs, refresh it now and then (the run page itself is live).
    refetchInterval: (query) => (query.state.data?.items.some((run) => run.status === "running" || run.status === "queued") ? 3_000 : false),
  });
  const filtered = status !== "" || deferredSearch !== "";

  return (
    <>
      <PageTitle title="Runs">
        {canOperate && (
          <Link href="/runs/new" className={primaryButtonClass}>
            New run
          </Link>
        )}
      </PageTitle>
      <div className="mb-4 flex flex-wrap items-end gap-4">
        <div className="w-44">
          <label htmlFor="run-status" className="mb-1 block text-sm font-medium">
            Status
          </label>
          <select
            id="run-status"
            className={inputClass}
            value={status}
            onChange={(event) => {
              setStatus(event.target.value as RunStatus | "");
              setPage(1);
            }}
          >
            <option value="">All</option>
            {RUN_STATUSES.map((value) => (
              <option key={value} value={value}>
                {statusLabel(value)}
              </option>
            ))}
          </select>
        </div>
        <div className="w-80">
          <label htmlFor="run-search" className="mb-1 block text-sm font-medium">
            Search workflow or model
          </label>
          <input
            id="run-search"
            type="search"
            className={inputClass}
            placeholder="e.g. flux or juggernaut"
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
              setPage(1);
            }}
          />
        </div>
      </div>
      {runs.error && <ErrorBox title="Could not load runs" message={runs.error.message} />}
      {!runs.data && !runs.error && <p className="text-sm text-zinc-500">Loading runs…</p>}
      {runs.data &&
        runs.data.items.length === 0 &&
        (filtered ? (
          <EmptyState title="No runs match">Clear the status filter or the search to see every run.</EmptyState>
        ) : (
          <EmptyState title="No runs yet">
            Start one with{" "}
            <Link href="/runs/new" className="text-sky-600 underline dark:text-sky-400">
              New run
            </Link>
            , or from a terminal with <code className="font-mono">comfyfixer run WORKFLOW --server URL</code>.
          </EmptyState>
        ))}
      {runs.data && runs.data.items.length > 0 && (
        <div className="overflow-x-auto rounded-xl border border-zinc-200 dark:border-zinc-800">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Runs, newest first</caption>
            <TableHead
              className="bg-zinc-50 text-xs uppercase tracking-wide text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400"
              columns={[
                { label: "Status", className: "px-4 py-2" },
                { label: "Started", className: "px-4 py-2" },
                { label: "Duration", className: "px-4 py-2" },
                { label: "Workflows", className: "px-4 py-2" },
                { label: "Started by", className: "px-4 py-2" },
                { label: "Models", className: "px-4 py-2", title: "present / missing / installed / failed" },
                { label: "Downloaded", className: "px-4 py-2 text-right" },
              ]}
            />
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {runs.data.items.map((run) => (
                <tr key={run.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-900/60">
                  <td className="px-4 py-2">
                    <Link
                      href={`/runs/${run.id}`}
                      className="inline-flex items-center gap-2 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-500"
                      aria-label={`Run ${run.id.slice(0, 8)}, ${run.status}`}
                    >
                      <StatusChip status={run.status} />
                      {run.dryRun && <span className="text-xs text-zinc-500">dry run</span>}
                    </Link>
                    {run.outcome && !run.dryRun && (
                      <div className="mt-1">
                        <OutcomeChip outcome={run.outcome} />
                      </div>
                    )}
                  </td>
                  <td className="px-4 py-2 whitespace-nowrap">{formatDateTime(run.startedAt ?? run.createdAt)}</td>
                  <td className="px-4 py-2 whitespace-nowrap">
                    {formatDuration(elapsedSeconds(run.startedAt, run.finishedAt ?? (run.startedAt ? new Date() : null)))}
                  </td>
                  <td className="max-w-xs truncate px-4 py-2" title={run.workflowNames.join(", ")}>
                    <Link href={`/runs/${run.id}`} className="hover:underline">
                      {run.workflowNames.join(", ") || "—"}
                    </Link>
                  </td>
                  <td className="px-4 py-2 text-xs">{run.startedBy ?? "—"}</td>
                  <td className="px-4 py-2 whitespace-nowrap tabular-nums">
                    <ModelCounts counts={run.counts} />
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{formatBytes(run.bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {runs.data && <Pagination page={page} total={runs.data.total} pageSize={runs.data.pageSize} onPage={setPage} />}
    </>
  );
}

function ModelCounts({ counts }: { counts: { present: number; missing: number; installed: number; failed: number } }) {
  const parts = [
    { label: "present", value: counts.present, className: "text-emerald-600 dark:text-emerald-400" },
    { label: "missing", value: counts.missing, className: "text-amber-600 dark:text-amber-400" },
    { label: "installed", value: counts.installed, className: "text-sky-600 dark:text-sky-400" },
    { label: "failed", value: counts.failed, className: "text-red-600 dark:text-red-400" },
  ];
  return (
    <span aria-label={parts.map((part) => `${part.value} ${part.label}`).join(", ")}>
      {parts.map((part, index) => (
        <span key={part.label}>
          {index > 0 && <span className="text-zinc-400"> / </span>}
          <span className={part.value > 0 ? part.className : "text-zinc-400"} title={part.label}>
            {part.value}
          </span>
        </span>
      ))}
    </span>
  );
}
