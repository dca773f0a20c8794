"use client";
// Inventory: the models the ComfyUI install has — folders, search, duplicates, misplaced files, disk space.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { formatBytes, formatDateTime } from "../../core/format";
import { ProgressBar } from "../_components/progress-bar";
import { Card, EmptyState, ErrorBox, PageTitle, inputClass, secondaryButtonClass, TableHead } from "../_components/ui";
import { useTRPC } from "../trpc";

/** Rows shown for a search; more only slows the page, and a narrower search finds the rest. */
const MAX_SEARCH_ROWS = 200;

export default function InventoryPage() {
  const trpc = useTRPC();
  const roots = useQuery(trpc.settings.get.queryOptions()).data?.modelsRoots ?? [];
  const [modelsRoot, setModelsRoot] = useState("");
  const inventory = useQuery({ ...trpc.inventory.get.queryOptions({ modelsRoot: modelsRoot || undefined }), staleTime: 30_000 });
  const [search, setSearch] = useState("");
  const needle = useDeferredValue(search.trim().toLowerCase());

  const rootPicker =
    roots.length > 1 ? (
      <select
        aria-label="Models root"
        className={`${inputClass} w-auto font-mono`}
        value={modelsRoot || roots[0]}
        onChange={(event) => setModelsRoot(event.target.value)}
      >
        {roots.map((root) => (
          <option key={root} value={root}>
            {root}
          </option>
        ))}
      </select>
    ) : null;
  const refresh = (
    <button type="button" className={secondaryButtonClass} disabled={inventory.isFetching} onClick={() => void inventory.refetch()}>
      {inventory.isFetching ? "Scanning…" : "Rescan"}
    </button>
  );
  if (inventory.error) {
    return (
      <>
        <PageTitle title="Inventory">
          {rootPicker}
          {refresh}
        </PageTitle>
        <ErrorBox title="Could not read the models folder" message={inventory.error.message} />
        <p className="mt-4 text-sm">
          Check the models root on the{" "}
          <Link href="/settings" className="text-sky-600 underline dark:text-sky-400">
            Settings
          </Link>{" "}
          page.
        </p>
      </>
    );
  }
  if (!inventory.data) {
    return (
      <>
        <PageTitle title="Inventory" />
        <p className="text-sm text-zinc-500">Scanning the models folder…</p>
      </>
    );
  }
  const report = inventory.data;
  const matches = needle ? report.files.filter((file) => `${file.folder}/${file.relativePath}`.toLowerCase().includes(needle)) : [];
  const used = report.disk ? report.disk.totalBytes - report.disk.freeBytes : 0;

  return (
    <div className="space-y-6">
      <PageTitle title="Inventory">
        <span className="text-xs text-zinc-500">scanned {formatDateTime(report.scannedAt)}</span>
        {rootPicker}
        {refresh}
      </PageTitle>

      <div className="grid gap-4 sm:grid-cols-3">
        <Card title="Models">
          <p className="text-2xl font-semibold tabular-nums">{report.totals.files}</p>
          <p className="text-sm text-zinc-500 dark:text-zinc-400">
            {formatBytes(report.totals.bytes)} in {report.folders.filter((folder) => folder.fileCount > 0).length} folders
          </p>
        </Card>
        <Card title="Free disk space">
          {report.disk ? (
            <>
              <p className="text-2xl font-semibold tabular-nums">{formatBytes(report.disk.freeBytes)}</p>
              <div className="mt-2">
                <ProgressBar
                  label="Disk used"
                  value={used}
                  max={report.disk.totalBytes}
                  valueText={`${formatBytes(used)} of ${formatBytes(report.disk.totalBytes)} used`}
                  size="sm"
                />
              </div>
              <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">of {formatBytes(report.disk.totalBytes)}</p>
            </>
          ) : (
            <p className="text-sm text-zinc-500">Unknown</p>
          )}
        </Card>
        <Card title="Models root">
          <p className="font-mono text-xs break-all">{report.modelsRoot}</p>
          <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
            {report.totals.hashedFiles} of {report.totals.files} files hashed
          </p>
        </Card>
      </div>

      {report.warnings.length > 0 && (
        <div role="note" className="rounded-lg border border-amber-400/50 bg-amber-50 p-3 text-sm text-amber-800 dark:bg-amber-950/30 dark:text-amber-200">
          <ul className="list-inside list-disc">
            {report.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      )}

      <Card title="Search">
        <label htmlFor="inventory-search" className="mb-1 block text-sm font-medium">
          Find a model by name
        </label>
        <input
          id="inventory-search"
          type="search"
          className={inputClass}
          placeholder="e.g. sdxl_vae"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        {needle &&
          (matches.length === 0 ? (
            <p className="mt-3 text-sm text-zinc-500">No file matches “{search.trim()}”.</p>
          ) : (
            <FileTable caption={`Files matching ${search.trim()}`} files={matches.slice(0, MAX_SEARCH_ROWS)} />
          ))}
        {matches.length > MAX_SEARCH_ROWS && (
          <p className="mt-2 text-xs text-zinc-500">
            Showing {MAX_SEARCH_ROWS} of {matches.length}; narrow the search to see the rest.
          </p>
        )}
      </Card>

      <Card title="Folders">
        {report.totals.files === 0 && (
          <div className="mb-4">
            <EmptyState title="No model files yet">Start a run to download the models your workflows need into {report.modelsRoot}.</EmptyState>
          </div>
        )}
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Models folders</caption>
          <TableHead
            columns={[
              { label: "Folder", className: "py-2 pr-3" },
              { label: "Paths", className: "py-2 pr-3" },
              { label: "Files", className: "py-2 pr-3 text-right" },
              { label: "Size", className: "py-2 text-right" },
            ]}
          />
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {report.folders
              .filter((folder) => folder.fileCount > 0 || !needle)
              .map((folder) => (
                <tr key={folder.folder} className={folder.fileCount === 0 ? "text-zinc-400" : ""}>
                  <td className="py-1.5 pr-3 font-medium">{folder.folder}</td>
                  <td className="py-1.5 pr-3 font-mono text-xs break-all">{folder.paths.join(", ")}</td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">{folder.fileCount}</td>
                  <td className="py-1.5 text-right tabular-nums">{formatBytes(folder.totalBytes)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Duplicates">
          {report.duplicates.length === 0 ? (
            <p className="text-sm text-zinc-500 dark:text-zinc-400">
              No file is stored twice{report.totals.hashedFiles < report.totals.files ? " (by name and size; unhashed files are compared that way)" : ""}.
            </p>
          ) : (
            <ul className="space-y-3">
              {report.duplicates.map((group) => (
                <li key={group.files.map((file) => file.path).join("|")} className="text-sm">
                  <p>
                    <strong>{formatBytes(group.wastedBytes)}</strong> in extra copies ·{" "}
                    {group.confirmed ? (
                      <span title={group.sha256 ?? undefined}>same SHA-256</span>
                    ) : (
                      <span className="text-amber-600 dark:text-amber-400">same name and size (not hashed yet)</span>
                    )}
                  </p>
                  <ul className="mt-1 font-mono text-xs text-zinc-600 dark:text-zinc-300">
                    {group.files.map((file) => (
                      <li key={file.path} className="break-all">
                        {file.path}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Misplaced files">
          {report.misplaced.length === 0 ? (
            <p className="text-sm text-zinc-500 dark:text-zinc-400">Every model past runs asked for is in the folder ComfyUI reads it from.</p>
          ) : (
            <ul className="space-y-3 text-sm">
              {report.misplaced.map((item) => (
                <li key={`${item.folder}/${item.name}`}>
                  <p className="font-mono text-xs break-all">{item.path}</p>
                  <p className="text-xs text-zinc-500 dark:text-zinc-400">
                    {item.message ?? `Workflows load it from ${item.folder}${item.expectedPath ? ` (${item.expectedPath})` : ""}; move it there.`}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}

function FileTable({ caption, files }: { caption: string; files: { folder: string; relativePath: string; path: string; size: number }[] }) {
  return (
    <table className="mt-3 w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <TableHead
        columns={[
          { label: "File", className: "py-1 pr-3" },
          { label: "Folder", className: "py-1 pr-3" },
          { label: "Size", className: "py-1 text-right" },
        ]}
      />
      <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {files.map((file) => (
          <tr key={file.path}>
            <td className="py-1 pr-3 font-mono text-xs break-all" title={file.path}>
              {file.relativePath}
            </td>
            <td className="py-1 pr-3 text-xs">{file.folder}</td>
            <td className="py-1 text-right text-xs tabular-nums">{formatBytes(file.size)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
