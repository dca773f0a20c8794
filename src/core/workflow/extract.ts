// Finds the model files one node loads: registry slots, LoRA rows, prompt text, then the fallback for unknown nodes.
import { normaliseModelName, UNPLACED_FOLDER, type ModelLink } from "../model";
import {
  DOCUMENTATION_NODES,
  VALUE_SOURCE_NODES,
  inferFolder,
  isPlaceholder,
  looksLikeFileOf,
  looksLikeModelFile,
  lookupNode,
  type ModelSlot,
  type NodeSpec,
} from "../registry";
import { isRecord, type GraphNode, type WidgetValues } from "./graph";
import { embeddingNames, inlineLoraNames } from "./prompt-text";
import { readRows, type FoundModel } from "./rows";

/** Specs for node types the registry does not list, learned from the user's own ComfyUI (see core/comfyui). */
export type LearnedNodes = { lookup(nodeType: string): NodeSpec | undefined };

export type ExtractContext = {
  learned?: LearnedNodes;
  /** The node's own `properties.models` entries: a folder it declares for a file places that file. */
  declared: readonly ModelLink[];
};

/** Older thumbnail combos (pysssss, Lora Auto Trigger Words) save `{content: <file>, image}` instead of the name. */
function unwrap(value: unknown): unknown {
  return isRecord(value) && typeof value.content === "string" ? value.content : value;
}

function fileNameFromUrl(url: string): string | null {
  try {
    const segment = new URL(url).pathname.split("/").filter(Boolean).pop();
    return segment ? decodeURIComponent(segment) : null;
  } catch {
    return null;
  }
}

function fromUrlSlot(value: unknown, slot: ModelSlot): FoundModel[] {
  if (typeof value !== "string" || !/^https?:\/\//i.test(value.trim())) return [];
  const name = fileNameFromUrl(value.trim());
  return name ? [{ name, folder: slot.folder, active: true, url: value.trim() }] : [];
}

/** A file a slot names; in the slot's own folder it keeps the slot's other folders. */
function fileOf(slot: ModelSlot, folder: string, name: string): FoundModel {
  return {
    name,
    folder,
    active: true,
    ...(slot.directory ? { directory: true } : {}),
    ...(slot.alsoIn && folder === slot.folder ? { alsoIn: slot.alsoIn } : {}),
  };
}

const isShortLine = (text: string) => text.length < 512 && !text.includes("\n");

/**
 * What a slot's value names: its files (a value rule may pick another folder, rename it, or say it is a built-in
 * choice), "none" on purpose (a placeholder), or null when it names no file where one was expected. A named (API)
 * value is taken as written; a positional one must look like a file of the slot's folder (or a folder's name).
 */
function filesOfValue(value: string, slot: ModelSlot, named: boolean): FoundModel[] | "none" | null {
  const trimmed = value.trim();
  if (!trimmed || isPlaceholder(trimmed)) return "none";
  const rule = slot.values?.find((candidate) => candidate.match.test(trimmed));
  if (rule) {
    if (rule.folder === null) return "none";
    const folder = rule.folder ?? slot.folder;
    if (rule.name === undefined) return [fileOf(slot, folder, trimmed)];
    const templates = typeof rule.name === "string" ? [rule.name] : rule.name;
    return templates.map((template) => fileOf(slot, folder, trimmed.replace(rule.match, template)));
  }
  const plausible = named || slot.directory ? isShortLine(trimmed) : looksLikeFileOf(trimmed, slot.folder);
  return plausible ? [fileOf(slot, slot.folder, value)] : null;
}

/**
 * Widgets shift between node versions: positions move, and inputs are renamed (`t5_model` became `model_name`).
 * When a slot's place holds something that is neither a file nor a deliberate "None", take the next
 * model-looking value no slot claimed.
 */
function readSlots(widgets: WidgetValues, slots: readonly ModelSlot[]): FoundModel[] {
  const positional = Array.isArray(widgets);
  const valueAt = (slot: ModelSlot): unknown =>
    unwrap(positional ? (widgets as readonly unknown[])[slot.position] : (widgets as Record<string, unknown>)[slot.input]);
  const claimed = new Set<string | number>(slots.map((slot) => (positional ? slot.position : slot.input)));
  const entries: Array<[string | number, unknown]> = positional ? [...(widgets as readonly unknown[]).entries()] : Object.entries(widgets);
  const spare = entries.flatMap(([place, value]) => (!claimed.has(place) && looksLikeModelFile(unwrap(value)) ? [unwrap(value) as string] : []));
  const result: FoundModel[] = [];
  for (const slot of slots) {
    const value = valueAt(slot);
    if (slot.fromUrl) {
      result.push(...fromUrlSlot(value, slot));
      continue;
    }
    const files = typeof value === "string" ? filesOfValue(value, slot, !positional) : null;
    if (files === "none") continue;
    if (files) {
      result.push(...files);
      continue;
    }
    const replacement = spare.shift();
    if (replacement) result.push(fileOf(slot, slot.folder, replacement));
  }
  return result;
}

function stringValues(widgets: WidgetValues): string[] {
  return Object.values(widgets).filter((value): value is string => typeof value === "string");
}

function fromPromptText(texts: readonly string[], parsesLoras: boolean): FoundModel[] {
  const result: FoundModel[] = [];
  for (const text of texts) {
    for (const name of embeddingNames(text)) result.push({ name, folder: "embeddings", active: true });
    if (parsesLoras) for (const name of inlineLoraNames(text)) result.push({ name, folder: "loras", active: true });
  }
  return result;
}

function socketTypes(sockets: unknown): string[] {
  return Array.isArray(sockets) ? sockets.flatMap((socket) => (isRecord(socket) && typeof socket.type === "string" ? [socket.type] : [])) : [];
}

/** Weight formats an unknown node's widget may name (configs and other data files are left out). */
const UNKNOWN_NODE_FILE = /\.(patch|engine|tflite)$/i;

function looksLikeWeights(value: unknown): value is string {
  if (looksLikeModelFile(value)) return true;
  return typeof value === "string" && value.length <= 512 && UNKNOWN_NODE_FILE.test(value.trim()) && !value.includes("\n");
}

/**
 * Unknown node: every value that looks like a model file. The folder the workflow declares for it wins; else the
 * evidence around it decides, marked as a guess; with no evidence it is unplaced (reported, not downloaded).
 */
function fallback(node: GraphNode, declared: readonly ModelLink[]): FoundModel[] {
  const entries = Array.isArray(node.widgets) ? node.widgets.map((value) => [undefined, value] as const) : Object.entries(node.widgets);
  return entries.flatMap(([widgetName, raw]) => {
    const value = unwrap(raw);
    if (!looksLikeWeights(value) || isPlaceholder(value)) return [];
    const declaredFolder = declared.find((link) => link.folder && normaliseModelName(link.name) === normaliseModelName(value))?.folder;
    if (declaredFolder) return [{ name: value, folder: declaredFolder, active: true }];
    const sockets = node.sockets && { inputs: socketTypes(node.sockets.inputs), outputs: socketTypes(node.sockets.outputs) };
    const folder = inferFolder({ widgetName, nodeType: node.type, fileName: value, sockets });
    return [{ name: value, folder: folder ?? UNPLACED_FOLDER, active: true, inferred: true }];
  });
}

function fromSpec(node: GraphNode, spec: NodeSpec): FoundModel[] {
  const result = spec.slots ? readSlots(node.widgets, spec.slots) : [];
  const rows = (spec.rows ?? []).flatMap((layout) => readRows(node.widgets, layout));
  result.push(...rows);
  // Structured LoRA rows already say which LoRAs load and whether they are on; their text repeats them.
  const parsesLoras = (spec.parsesLoraText === true || node.feedsLoraParser) && rows.length === 0;
  result.push(...fromPromptText(stringValues(node.widgets), parsesLoras));
  return result;
}

/** Every model file a node needs, with `active` already combined with the node's mode. */
export function modelsOfNode(node: GraphNode, context: ExtractContext = { declared: [] }): FoundModel[] {
  if (DOCUMENTATION_NODES.has(node.type)) return [];
  const spec = lookupNode(node.type) ?? context.learned?.lookup(node.type);
  let result: FoundModel[];
  if (spec) result = fromSpec(node, spec);
  else if (VALUE_SOURCE_NODES.has(node.type)) result = fromPromptText(stringValues(node.widgets), node.feedsLoraParser);
  else result = [...fallback(node, context.declared), ...fromPromptText(stringValues(node.widgets), node.feedsLoraParser)];
  return node.active ? result : result.map((model) => ({ ...model, active: false }));
}
