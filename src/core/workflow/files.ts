// Workflow files on disk: find them in folders, read them (JSON or images) without throwing.
import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { analyzeWorkflowText, failedAnalysis, type AnalyzeOptions, type WorkflowAnalysis } from "./analyze";
import { isPng, isWebp, readPngWorkflow, readWebpWorkflow, type EmbeddedWorkflow } from "./image";
import { attachImageHashes, imageModelHashes } from "./image-hashes";
import { errorMessage } from "../error-message";

const WORKFLOW_EXTENSIONS = new Set([".json", ".png", ".webp"]);
const SKIPPED_FOLDERS = new Set(["node_modules"]);

function describe(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = errorMessage(error);
  if (code === "ENOENT") return "No such file or folder.";
  if (code === "EACCES" || code === "EPERM") return "Permission denied; check the file's permissions.";
  return message;
}

function analyseEmbedded(found: EmbeddedWorkflow, path: string, kind: string, options: AnalyzeOptions): WorkflowAnalysis {
  const texts = [found.workflow, found.prompt].filter((text): text is string => text !== undefined);
  let last: WorkflowAnalysis | null = null;
  for (const text of texts) {
    last = analyzeWorkflowText(text, path, options);
    if (!last.error) {
      // Hashes in the image's generation parameters name the exact files, for Civitai's by-hash lookup.
      if (found.parameters) attachImageHashes(last.models, imageModelHashes(found.parameters));
      return last;
    }
  }
  return (
    last ?? failedAnalysis(path, `This ${kind} image has no ComfyUI workflow in its metadata (it was not saved by ComfyUI, or the metadata was stripped).`)
  );
}

/** Sniffs the bytes: PNG text chunks, WebP EXIF, else UTF-8 JSON. Never throws. */
export function analyzeWorkflowBytes(bytes: Uint8Array, path: string, options: AnalyzeOptions = {}): WorkflowAnalysis {
  try {
    if (isPng(bytes)) return analyseEmbedded(readPngWorkflow(bytes), path, "PNG", options);
    if (isWebp(bytes)) return analyseEmbedded(readWebpWorkflow(bytes), path, "WebP", options);
    return analyzeWorkflowText(new TextDecoder("utf-8").decode(bytes), path, options);
  } catch (error) {
    return failedAnalysis(path, `Could not read this workflow: ${describe(error)}`);
  }
}

export async function analyzeWorkflowFile(path: string, options: AnalyzeOptions = {}): Promise<WorkflowAnalysis> {
  try {
    return analyzeWorkflowBytes(await readFile(path), path, options);
  } catch (error) {
    return failedAnalysis(path, `Cannot read ${path}: ${describe(error)}`);
  }
}

async function walkFolder(folder: string, files: string[]): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) await walkFolder(path, files);
    } else if (entry.isFile() && WORKFLOW_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
      files.push(path);
    }
  }
}

/** Expands files and folders (recursively: .json/.png/.webp, no hidden or node_modules folders). */
export async function collectWorkflowFiles(paths: string[]): Promise<{ files: string[]; errors: { path: string; error: string }[] }> {
  const files: string[] = [];
  const errors: { path: string; error: string }[] = [];
  for (const path of paths) {
    try {
      const info = await stat(path);
      if (info.isDirectory()) await walkFolder(path, files);
      else files.push(path);
    } catch (error) {
      errors.push({ path, error: `Cannot read ${path}: ${describe(error)}` });
    }
  }
  return { files: [...new Set(files)], errors };
}
