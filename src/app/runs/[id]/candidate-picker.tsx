"use client";
// For an ambiguous model: the resolver's candidates to choose from, or a URL to paste.
import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import type { ModelView } from "../../../server/services/run-schemas";
import { formatBytes } from "../../../core/format";
import { ErrorBox, inputClass, primaryButtonClass, secondaryButtonClass } from "../../_components/ui";
import { useTRPC } from "../../trpc";

export function CandidatePicker({ runId, model, onPicked }: { runId: string; model: ModelView; onPicked: (model: ModelView) => void }) {
  const trpc = useTRPC();
  const urlId = useId();
  const [url, setUrl] = useState("");
  const pick = useMutation(trpc.runs.pickCandidate.mutationOptions({ onSuccess: onPicked }));
  const candidates = model.resolution?.candidates ?? [];

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (url.trim()) pick.mutate({ runId, modelId: model.id, url: url.trim() });
  }

  return (
    <div
      className="space-y-3 rounded-lg border border-amber-400/40 bg-amber-50/50 p-4 dark:bg-amber-950/20"
      aria-label={`Choose a file for ${model.name}`}
      role="group"
    >
      {model.resolution?.reason && <p className="text-sm text-zinc-600 dark:text-zinc-300">{model.resolution.reason}</p>}
      {candidates.length > 0 && (
        <table className="w-full text-left text-xs">
          <caption className="sr-only">Candidates for {model.name}</caption>
          <thead className="text-zinc-500 dark:text-zinc-400">
            <tr>
              <th scope="col" className="py-1 pr-3">
                Source
              </th>
              <th scope="col" className="py-1 pr-3">
                File
              </th>
              <th scope="col" className="py-1 pr-3">
                Size
              </th>
              <th scope="col" className="py-1 pr-3">
                SHA-256
              </th>
              <th scope="col" className="py-1 pr-3">
                Base model
              </th>
              <th scope="col" className="py-1 pr-3">
                Link
              </th>
              <th scope="col" className="py-1">
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {candidates.map((candidate) => (
              <tr key={candidate.url} className="border-t border-zinc-200 dark:border-zinc-800">
                <td className="py-1.5 pr-3">{candidate.source}</td>
                <td className="py-1.5 pr-3 font-mono break-all">{candidate.fileName}</td>
                <td className="py-1.5 pr-3 whitespace-nowrap">{formatBytes(candidate.size)}</td>
                <td className="py-1.5 pr-3 font-mono" title={candidate.sha256 ?? undefined}>
                  {candidate.sha256 ? `${candidate.sha256.slice(0, 12)}…` : "—"}
                </td>
                <td className="py-1.5 pr-3">{candidate.baseModel ?? "—"}</td>
                <td className="py-1.5 pr-3">
                  {candidate.page ? (
                    <a href={candidate.page} target="_blank" rel="noreferrer noopener" className="text-sky-600 underline dark:text-sky-400">
                      page
                    </a>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="py-1.5 text-right">
                  <button
                    type="button"
                    className={secondaryButtonClass}
                    disabled={pick.isPending}
                    aria-label={`Use ${candidate.fileName} from ${candidate.source}`}
                    onClick={() => pick.mutate({ runId, modelId: model.id, url: candidate.url })}
                  >
                    Use this
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-2">
        <div className="min-w-64 flex-1">
          <label htmlFor={urlId} className="mb-1 block text-xs font-medium">
            Or paste a download URL
          </label>
          <input id={urlId} type="url" className={inputClass} placeholder="https://…" value={url} onChange={(event) => setUrl(event.target.value)} />
        </div>
        <button type="submit" className={primaryButtonClass} disabled={pick.isPending || url.trim() === ""}>
          Download from URL
        </button>
      </form>
      {pick.error && <ErrorBox title="Not picked" message={pick.error.message} />}
    </div>
  );
}
