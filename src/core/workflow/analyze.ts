// Workflow text → every model reference it needs, with URLs and hashes. Never throws.
import type { ModelRef } from "../model";
import { flattenApiPrompt, flattenUiWorkflow, isApiPrompt, isRecord, isUiWorkflow, type WorkflowFormat } from "./graph";
import { modelsOfNode, type LearnedNodes } from "./extract";
import type { ModelLink } from "../model";
import { attachLinks, parseModelLinks } from "./metadata";
import { errorMessage } from "../error-message";

export type WorkflowAnalysis = {
  path: string;
  format: WorkflowFormat | null;
  error: string | null;
  /** One entry per reference (per node, per row); see uniqueModels for one per file. */
  models: ModelRef[];
  /** Every URL/hash entry seen in the workflow, stale ones included, for resolvers to look up. */
  links: ModelLink[];
};

export type AnalyzeOptions = {
  /** Node types learned from the user's ComfyUI, used for types the registry does not list. */
  learned?: LearnedNodes;
};

export function failedAnalysis(path: string, error: string): WorkflowAnalysis {
  return { path, format: null, error, models: [], links: [] };
}

/** ComfyUI writes NaN/Infinity into some workflows; JSON.parse refuses them. */
function parseLenientJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!/\b(NaN|-?Infinity)\b/.test(text)) throw error;
    return JSON.parse(text.replace(/(?<=[:,[]\s*)(?:NaN|-?Infinity)(?=\s*[,\]}])/g, "null"));
  }
}

/** Wrappers that API clients and tools put around a workflow ({prompt}, {workflow}, {input: {workflow}}…). */
const WRAPPER_KEYS = ["workflow", "prompt", "input", "extra_data", "extra_pnginfo", "data"] as const;

type Located = { format: "ui"; workflow: Record<string, unknown> } | { format: "api"; workflow: Record<string, unknown> };

function locateWorkflow(value: unknown, depth = 0): Located | null {
  if (isUiWorkflow(value)) return { format: "ui", workflow: value };
  if (!isRecord(value) || depth > 3) return null;
  for (const key of WRAPPER_KEYS) {
    const inner = value[key];
    const found = locateWorkflow(typeof inner === "string" ? safeParse(inner) : inner, depth + 1);
    if (found?.format === "ui") return found;
  }
  if (isApiPrompt(value)) return { format: "api", workflow: value };
  for (const key of WRAPPER_KEYS) {
    const found = locateWorkflow(value[key], depth + 1);
    if (found) return found;
  }
  return null;
}

function safeParse(text: string): unknown {
  try {
    return parseLenientJson(text);
  } catch {
    return null;
  }
}

function analyseParsed(parsed: unknown, path: string, options: AnalyzeOptions): WorkflowAnalysis {
  const located = locateWorkflow(parsed);
  if (!located) {
    return failedAnalysis(
      path,
      "Not a ComfyUI workflow: found neither `nodes` (UI format) nor `{id: {class_type, inputs}}` (API format). " +
        "Export the workflow from ComfyUI (Save or Export (API)) and try again.",
    );
  }
  const nodes = located.format === "ui" ? flattenUiWorkflow(located.workflow) : flattenApiPrompt(located.workflow);
  const models: ModelRef[] = [];
  const links: ModelLink[] = [];
  for (const node of nodes) {
    const nodeLinks = parseModelLinks(node.modelsMetadata);
    const refs: ModelRef[] = modelsOfNode(node, { learned: options.learned, declared: nodeLinks }).map((found) => ({
      name: found.name,
      folder: found.folder,
      nodeType: node.type,
      nodeId: node.id,
      workflow: path,
      url: found.url ?? null,
      hash: null,
      active: found.active,
      ...(found.inferred ? { inferred: true } : {}),
      ...(found.directory ? { directory: true } : {}),
      ...(found.alsoIn ? { alsoIn: [...found.alsoIn] } : {}),
    }));
    attachLinks(refs, nodeLinks, false);
    models.push(...refs);
    links.push(...nodeLinks);
    for (const ref of refs)
      if (ref.url && !nodeLinks.some((link) => link.url === ref.url)) {
        links.push({ name: ref.name, url: ref.url, hash: null, folder: ref.folder });
      }
  }
  const topLevel = parseModelLinks(located.workflow.models);
  attachLinks(models, topLevel, true);
  links.push(...topLevel);
  return { path, format: located.format, error: null, models, links };
}

export function analyzeWorkflowText(text: string, path: string, options: AnalyzeOptions = {}): WorkflowAnalysis {
  let parsed: unknown;
  try {
    parsed = parseLenientJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const reason = errorMessage(error);
    return failedAnalysis(path, `Not valid JSON (${reason}); is this a ComfyUI workflow file?`);
  }
  try {
    return analyseParsed(parsed, path, options);
  } catch (error) {
    const reason = errorMessage(error);
    return failedAnalysis(path, `Could not read this workflow: ${reason}`);
  }
}
