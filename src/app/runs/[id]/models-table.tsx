"use client";
// The run's models: status, per-file progress and speed, source, and the picker for ambiguous ones.
import { Fragment, useState } from "react";
import { isPickable } from "../../../core/status";
import type { ModelView } from "../../../server/services/run-schemas";
import { formatBytes, formatEta, formatRate } from "../../../core/format";
import { ProgressBar } from "../../_components/progress-bar";
import { StatusChip } from "../../_components/status-chip";
import { secondaryButtonClass, TableHead } from "../../_components/ui";
import type { ModelSpeed } from "../run-events";
import { CandidatePicker } from "./candidate-picker";
import { ResolutionAttempts } from "./resolution-attempts";

const SHOWS_PROGRESS: ReadonlySet<string> = new Set(["downloading", "verifying", "installed", "failed"]);
/** Statuses a person can settle by choosing a candidate or pasting a URL (the server's rule too). */

export function ModelsTable({
  runId,
  models,
  speeds,
  onPicked,
}: {
  runId: string;
  models: ModelView[];
  speeds: Record<string, ModelSpeed>;
  /** null when the viewer's role may not pick: the picker is not offered. */
  onPicked: ((model: ModelView) => void) | null;
}) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Models this run needs</caption>
        <TableHead
          columns={[
            { label: "Model", className: "py-2 pr-3" },
            { label: "Folder", className: "py-2 pr-3" },
            { label: "Status", className: "py-2 pr-3" },
            { label: "Progress", className: "w-64 py-2 pr-3" },
            { label: "Source", className: "py-2 pr-3" },
            { label: "Size", className: "py-2 text-right" },
          ]}
        />
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {models.map((model) => {
            const speed = speeds[model.id];
            const picking = open === model.id;
            return (
              <Fragment key={model.id}>
                <tr data-model={model.name} data-status={model.status}>
                  <td className="max-w-sm py-2 pr-3">
                    <span className="font-mono text-xs break-all">{model.name}</span>
                    {!model.active && <span className="ml-2 text-xs text-zinc-500">(bypassed node)</span>}
                    {model.error && <p className="mt-0.5 text-xs text-red-600 dark:text-red-400">{model.error}</p>}
                    <ResolutionAttempts model={model} />
                  </td>
                  <td className="py-2 pr-3 text-xs">{model.folder || "unknown"}</td>
                  <td className="py-2 pr-3">
                    <div className="flex items-center gap-2">
                      <StatusChip status={model.status} />
                      {onPicked && isPickable(model.status) && (
                        <button type="button" className={secondaryButtonClass} aria-expanded={picking} onClick={() => setOpen(picking ? null : model.id)}>
                          {picking ? "Close" : model.status === "ambiguous" ? "Choose…" : "Give a URL…"}
                        </button>
                      )}
                    </div>
                  </td>
                  <td className="py-2 pr-3">
                    {SHOWS_PROGRESS.has(model.status) || model.bytes > 0 ? (
                      <>
                        <ProgressBar size="sm" label={`Download of ${model.name}`} value={model.bytes} max={model.size} />
                        <p className="mt-1 text-xs tabular-nums text-zinc-500 dark:text-zinc-400">
                          {formatBytes(model.bytes)}
                          {model.size !== null && ` of ${formatBytes(model.size)}`}
                          {speed && model.status === "downloading" && ` · ${formatRate(speed.rate)} · ${formatEta(speed.etaSeconds)}`}
                        </p>
                      </>
                    ) : (
                      <span className="text-xs text-zinc-400">—</span>
                    )}
                  </td>
                  <td className="py-2 pr-3 text-xs">
                    {model.url ? (
                      <a href={model.url} target="_blank" rel="noreferrer noopener" className="text-sky-600 hover:underline dark:text-sky-400">
                        {model.source ?? "link"}
                      </a>
                    ) : (
                      (model.source ?? "—")
                    )}
                  </td>
                  <td className="py-2 text-right text-xs tabular-nums">{formatBytes(model.size)}</td>
                </tr>
                {picking && onPicked && (
                  <tr>
                    <td colSpan={6} className="pb-3">
                      <CandidatePicker
                        runId={runId}
                        model={model}
                        onPicked={(picked) => {
                          setOpen(null);
                          onPicked(picked);
                        }}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
