// Finds the model files one node loads: registry slots, LoRA rows, prompt text, then the fallback.
import {
  DOCUMENTATION_NODES,
  VALUE_SOURCE_NODES,
  inferFolder,
  isPlaceholder,
  isTaesdPseudoName,
  looksLikeModelFile,
  lookupNode,
  type ModelSlot,
  type NodeSpec,
} from "../registry";
import type { GraphNode, WidgetValues } from "./graph";
import { embeddingNames, inlineLoraNames } from "./prompt-text";
import { readRows, type FoundModel } from "./rows";

/** A named widget value may be any file name; a positional one must look like a model file. */
function isFileName(value: unknown, named: boolean): value is string {
  if (typeof value !== "string") return false;
  const trimmed = value.trim();
  if (!trimmed || isPlaceholder(trimmed) || isTaesdPseudoName(trimmed)) return false;
  if (named) return !trimmed.includes("\n") && trimmed.length < 512;
  return looksLikeModelFile(trimmed);
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

/**
 * Widgets shift between node versions: positions move, and inputs are renamed (`t5_model` became `model_name`).
 * When a slot's place holds something that is neither a file nor a deliberate "None", take the next
 * model-looking value no slot claimed.
 */
function readSlots(widgets: WidgetValues, slots: readonly ModelSlot[]): FoundModel[] {
  const positional = Array.isArray(widgets);
  const valueAt = (slot: ModelSlot): unknown =>
    positional ? (widgets as readonly unknown[])[slot.position] : (widgets as Record<string, unknown>)[slot.input];
  const claimed = new Set<string | number>(slots.map((slot) => (positional ? slot.position : slot.input)));
  const entries: Array<[string | number, unknown]> = positional ? [...(widgets as readonly unknown[]).entries()] : Object.entries(widgets);
  const spare = entries.flatMap(([place, value]) => (!claimed.has(place) && looksLikeModelFile(value) ? [value] : []));
  const found: FoundModel[] = [];
  for (const slot of slots) {
    const value = valueAt(slot);
    if (slot.fromUrl) {
      found.push(...fromUrlSlot(value, slot));
      continue;
    }
    if (isFileName(value, !positional)) {
      found.push({ name: value, folder: slot.folder, active: true });
      continue;
    }
    const deliberatelyEmpty = typeof value === "string" && (isPlaceholder(value) || isTaesdPseudoName(value));
    const replacement = deliberatelyEmpty ? undefined : spare.shift();
    if (replacement) found.push({ name: replacement, folder: slot.folder, active: true });
  }
  return found;
}

function stringValues(widgets: WidgetValues): string[] {
  return Object.values(widgets).filter((value): value is string => typeof value === "string");
}

function fromPromptText(texts: readonly string[], parsesLoras: boolean): FoundModel[] {
  const found: FoundModel[] = [];
  for (const text of texts) {
    for (const name of embeddingNames(text)) found.push({ name, folder: "embeddings", active: true });
    if (parsesLoras) for (const name of inlineLoraNames(text)) found.push({ name, folder: "loras", active: true });
  }
  return found;
}

/** Unknown node: every value that looks like a model file, folder guessed from names around it. */
function fallback(node: GraphNode): FoundModel[] {
  const entries = Array.isArray(node.widgets) ? node.widgets.map((value) => [undefined, value] as const) : Object.entries(node.widgets);
  return entries.flatMap(([widgetName, value]) => {
    if (!looksLikeModelFile(value) || isPlaceholder(value)) return [];
    const folder = inferFolder({ widgetName, nodeType: node.type, fileName: value });
    return [{ name: value, folder, active: true, inferred: true }];
  });
}

function fromSpec(node: GraphNode, spec: NodeSpec): FoundModel[] {
  const found = spec.slots ? readSlots(node.widgets, spec.slots) : [];
  const rows = spec.rows ? readRows(node.widgets, spec.rows) : [];
  found.push(...rows);
  // Structured LoRA rows already say which LoRAs load and whether they are on; their text repeats them.
  const parsesLoras = (spec.parsesLoraText === true || node.feedsLoraParser) && rows.length === 0;
  found.push(...fromPromptText(stringValues(node.widgets), parsesLoras));
  return found;
}

/** Every model file a node needs, with `active` already combined with the node's mode. */
export function modelsOfNode(node: GraphNode): FoundModel[] {
  if (DOCUMENTATION_NODES.has(node.type)) return [];
  const spec = lookupNode(node.type);
  let found: FoundModel[];
  if (spec) found = fromSpec(node, spec);
  else if (VALUE_SOURCE_NODES.has(node.type)) found = fromPromptText(stringValues(node.widgets), node.feedsLoraParser);
  else found = [...fallback(node), ...fromPromptText(stringValues(node.widgets), node.feedsLoraParser)];
  return node.active ? found : found.map((model) => ({ ...model, active: false }));
}
