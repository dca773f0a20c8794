"use client";
// New run: choose workflows (dropped files or the configured workflow folders), see which models
// they need and which are missing, then start the run.
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useState, type DragEvent, type FormEvent } from "react";
import { useCan, useMe } from "../../_components/session";
import { StatusChip } from "../../_components/status-chip";
import { Card, EmptyState, ErrorBox, PageTitle, inputClass, primaryButtonClass, secondaryButtonClass, TableHead } from "../../_components/ui";
import { useTRPC } from "../../trpc";
import { ACCEPTED_EXTENSIONS, isAcceptedFile, readWorkflowFile, type UploadedWorkflow } from "./workflow-files";

const fileNameOf = (path: string) => path.split(/[\\/]/).pop() ?? path;

export default function NewRunPage() {
  const trpc = useTRPC();
  const router = useRouter();
  const me = useMe();
  const canStart = useCan("runs.operate");
  const [uploads, setUploads] = useState<UploadedWorkflow[]>([]);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [modelsRoot, setModelsRoot] = useState("");
  const [dryRun, setDryRun] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [rejected, setRejected] = useState<string[]>([]);

  const folders = useQuery(trpc.runs.workflowFiles.queryOptions());
  const settings = useQuery(trpc.settings.get.queryOptions());
  const workflows = useMemo(() => [...uploads, ...[...picked].map((path) => ({ path }))], [uploads, picked]);
  const analysisInput = { workflows, modelsRoot: modelsRoot.trim() || undefined };
  const analysis = useQuery({
    ...trpc.runs.analyze.queryOptions(analysisInput),
    enabled: workflows.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const create = useMutation(trpc.runs.create.mutationOptions({ onSuccess: ({ id }) => router.push(`/runs/${id}`) }));

  async function addFiles(files: FileList | File[]) {
    const list = [...files];
    setRejected(list.filter((file) => !isAcceptedFile(file.name)).map((file) => file.name));
    const read = await Promise.all(list.filter((file) => isAcceptedFile(file.name)).map(readWorkflowFile));
    setUploads((current) => [...current.filter((existing) => !read.some((file) => file.fileName === existing.fileName)), ...read]);
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    void addFiles(event.dataTransfer.files);
  }

  function togglePath(path: string) {
    setPicked((current) => {
      const next = new Set(current);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  }

  function onStart(event: FormEvent) {
    event.preventDefault();
    create.mutate({ workflows, modelsRoot: modelsRoot.trim() || undefined, dryRun, overrides: {} });
  }

  const summary = analysis.data?.summary;
  const roots = settings.data?.modelsRoots ?? [];

  return (
    <form onSubmit={onStart} className="space-y-6">
      <PageTitle title="New run">
        <label htmlFor="dry-run" className="flex items-center gap-2 text-sm">
          <input id="dry-run" type="checkbox" className="h-4 w-4 accent-sky-600" checked={dryRun} onChange={(event) => setDryRun(event.target.checked)} />
          Dry run (find sources, download nothing)
        </label>
        {canStart && (
          <button type="submit" className={primaryButtonClass} disabled={workflows.length === 0 || create.isPending || roots.length === 0}>
            {create.isPending ? "Starting…" : "Start run"}
          </button>
        )}
      </PageTitle>
      {me.data && !canStart && (
        <p role="note" className="rounded-lg border border-zinc-300 p-3 text-sm dark:border-zinc-700">
          As a {me.data.role} you can see what these workflows need, but starting a run takes the operator or admin role.
        </p>
      )}
      {create.error && <ErrorBox title="The run did not start" message={create.error.message} />}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Upload workflows">
          <div
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            className={`rounded-lg border-2 border-dashed p-6 text-center transition-colors ${dragging ? "border-sky-500 bg-sky-500/10" : "border-zinc-300 dark:border-zinc-700"}`}
          >
            <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-300">Drop ComfyUI workflows here — JSON, or PNG/WebP images saved by ComfyUI.</p>
            <label htmlFor="workflow-upload" className="mb-1 block text-sm font-medium">
              Workflow files
            </label>
            <input
              id="workflow-upload"
              type="file"
              multiple
              accept={ACCEPTED_EXTENSIONS.join(",")}
              className="mx-auto block text-sm file:mr-3 file:rounded-md file:border-0 file:bg-sky-600 file:px-3 file:py-1.5 file:text-white"
              onChange={(event) => {
                if (event.target.files) void addFiles(event.target.files);
                event.target.value = "";
              }}
            />
          </div>
          {rejected.length > 0 && (
            <p role="alert" className="mt-2 text-xs text-red-600 dark:text-red-400">
              Skipped {rejected.join(", ")}: only {ACCEPTED_EXTENSIONS.join(", ")} files hold workflows.
            </p>
          )}
          {uploads.length > 0 && (
            <ul className="mt-3 space-y-1 text-sm" aria-label="Uploaded workflows">
              {uploads.map((upload) => (
                <li key={upload.fileName} className="flex items-center justify-between gap-2">
                  <span className="font-mono text-xs break-all">{upload.fileName}</span>
                  <button
                    type="button"
                    className={secondaryButtonClass}
                    aria-label={`Remove ${upload.fileName}`}
                    onClick={() => setUploads((current) => current.filter((item) => item !== upload))}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card title="From workflow folders">
          {folders.error && <ErrorBox title="Could not list workflow folders" message={folders.error.message} />}
          {folders.data && folders.data.folders.length === 0 && (
            <p className="text-sm text-zinc-500 dark:text-zinc-400">No workflow folders are configured. Add some under Settings → Paths → Workflow folders.</p>
          )}
          <div className="max-h-80 space-y-4 overflow-y-auto">
            {folders.data?.folders.map((folder) => (
              <fieldset key={folder.folder}>
                <legend className="mb-1 font-mono text-xs text-zinc-500 dark:text-zinc-400">{folder.folder}</legend>
                {folder.error && <p className="text-xs text-red-600 dark:text-red-400">{folder.error}</p>}
                {folder.files.length === 0 && !folder.error && <p className="text-xs text-zinc-500">No workflow files here.</p>}
                {folder.files.map((path) => (
                  <label key={path} className="flex items-center gap-2 py-0.5 text-sm">
                    <input type="checkbox" className="h-4 w-4 accent-sky-600" checked={picked.has(path)} onChange={() => togglePath(path)} />
                    <span className="font-mono text-xs break-all">{path.slice(folder.folder.length).replace(/^[\\/]/, "") || fileNameOf(path)}</span>
                  </label>
                ))}
              </fieldset>
            ))}
          </div>
        </Card>
      </div>

      <Card title="Where models go">
        <label htmlFor="models-root" className="mb-1 block text-sm font-medium">
          Models root on the server
        </label>
        {settings.data && roots.length === 0 ? (
          <p className="text-sm text-amber-700 dark:text-amber-300">No models root is set yet: an admin adds one under Settings → Paths.</p>
        ) : (
          <select
            id="models-root"
            className={`${inputClass} font-mono`}
            value={modelsRoot || roots[0] || ""}
            onChange={(event) => setModelsRoot(event.target.value)}
          >
            {roots.map((root, index) => (
              <option key={root} value={root}>
                {root}
                {index === 0 ? " (default)" : ""}
              </option>
            ))}
          </select>
        )}
      </Card>

      <Card title="What these workflows need">
        {workflows.length === 0 && (
          <EmptyState title="No workflows chosen">Upload workflow files or tick some in the workflow folders to see the models they need.</EmptyState>
        )}
        {workflows.length > 0 && analysis.isFetching && !analysis.data && <p className="text-sm text-zinc-500">Analysing…</p>}
        {workflows.length > 0 && analysis.error && <ErrorBox title="Could not analyse these workflows" message={analysis.error.message} />}
        {workflows.length > 0 && summary && (
          <>
            <p role="status" className="mb-4 text-sm">
              {summary.unique} distinct models in {summary.workflows} workflow{summary.workflows === 1 ? "" : "s"}:{" "}
              <strong className="text-emerald-600 dark:text-emerald-400">{summary.present} present</strong>,{" "}
              <strong className="text-amber-600 dark:text-amber-400">{summary.missing} missing</strong>
              {summary.misplaced > 0 && (
                <>
                  , <strong className="text-amber-600 dark:text-amber-400">{summary.misplaced} in the wrong folder</strong>
                </>
              )}
              {summary.unplaced > 0 && (
                <>
                  , <strong className="text-amber-600 dark:text-amber-400">{summary.unplaced} with no known folder</strong>
                </>
              )}
              {summary.failed > 0 && (
                <>
                  ,{" "}
                  <strong className="text-red-600 dark:text-red-400">
                    {summary.failed} unreadable workflow{summary.failed === 1 ? "" : "s"}
                  </strong>
                </>
              )}
              {analysis.isFetching && <span className="ml-2 text-zinc-500">updating…</span>}
            </p>
            <div className="space-y-5">
              {analysis.data!.workflows.map((workflow) => (
                <section key={workflow.path} aria-label={`Models of ${fileNameOf(workflow.path)}`}>
                  <h3 className="mb-1 font-mono text-sm font-medium">{fileNameOf(workflow.path)}</h3>
                  {workflow.error ? (
                    <p className="text-sm text-red-600 dark:text-red-400">{workflow.error}</p>
                  ) : workflow.models.length === 0 ? (
                    <p className="text-sm text-zinc-500">This workflow names no model files.</p>
                  ) : (
                    <table className="w-full text-left text-sm">
                      <TableHead
                        columns={[
                          { label: "Model", className: "py-1 pr-3" },
                          { label: "Folder", className: "py-1 pr-3" },
                          { label: "Node", className: "py-1 pr-3" },
                          { label: "Status", className: "py-1" },
                        ]}
                      />
                      <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                        {workflow.models.map((model) => (
                          <tr key={`${model.folder}/${model.name}/${model.nodeId}`} data-model={model.name}>
                            <td className="py-1 pr-3 font-mono text-xs break-all">
                              {model.name}
                              {!model.active && <span className="ml-2 font-sans text-zinc-500">(bypassed)</span>}
                            </td>
                            <td className="py-1 pr-3 text-xs">{model.folder || "unknown"}</td>
                            <td className="py-1 pr-3 text-xs">
                              {model.nodeType} #{model.nodeId}
                            </td>
                            <td className="py-1">
                              <StatusChip status={model.status} />
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </section>
              ))}
            </div>
          </>
        )}
      </Card>
    </form>
  );
}
