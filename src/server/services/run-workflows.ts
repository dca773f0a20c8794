// Workflows a run was asked to read: files under the configured workflow folders, or uploads kept with the run.
import { realpath, stat } from "node:fs/promises";
import { basename, sep } from "node:path";
import type { Settings } from "../../core/config/schema";
import type { WorkflowSource } from "../../core/run/plan";
import { AppError } from "../errors";
import type { WorkflowInput } from "./run-schemas";

/** A workflow as stored on a run: a path on the server, or an upload's name and its bytes (base64). */
export type StoredWorkflow = { path: string; content: string | null };

async function isInside(folder: string, file: string): Promise<boolean> {
  const root = await realpath(folder).catch(() => null);
  return root !== null && (file === root || file.startsWith(root.endsWith(sep) ? root : root + sep));
}

async function checkedPath(path: string, settings: Settings): Promise<string> {
  const real = await realpath(path).catch(() => {
    throw new AppError("BAD_REQUEST", `Workflow ${path} does not exist or cannot be read.`);
  });
  if (!(await stat(real)).isFile()) throw new AppError("BAD_REQUEST", `Workflow ${path} is not a file.`);
  for (const folder of settings.paths.workflow_folders) {
    if (await isInside(folder, real)) return real;
  }
  throw new AppError(
    "FORBIDDEN",
    `Workflow ${path} is not inside a configured workflow folder. Add its folder under Settings → workflow folders, or upload the file instead.`,
  );
}

/** A safe display name for an upload: its base name only, never a path. */
export function uploadName(fileName: string): string {
  const name = basename(fileName.replace(/\\/g, "/"))
    .replace(/[\u0000-\u001f]/g, "")
    .trim();
  return name || "workflow.json";
}

export async function storeWorkflowInputs(inputs: WorkflowInput[], settings: Settings): Promise<StoredWorkflow[]> {
  return Promise.all(
    inputs.map(async (input): Promise<StoredWorkflow> => {
      if ("path" in input) return { path: await checkedPath(input.path, settings), content: null };
      const bytes = Buffer.from(input.content, input.encoding === "base64" ? "base64" : "utf8");
      return { path: uploadName(input.fileName), content: bytes.toString("base64") };
    }),
  );
}

export function workflowSource(stored: StoredWorkflow): WorkflowSource {
  return stored.content === null ? { path: stored.path } : { path: stored.path, bytes: Buffer.from(stored.content, "base64") };
}
