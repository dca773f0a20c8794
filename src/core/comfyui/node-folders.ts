// Learns, from a running ComfyUI, which folder each installed node's file widget lists: a combo whose options are a
// folder's files (ComfyUI's /models/{folder}) loads from that folder. Used for node types the registry does not list.
import { canonicalFolder } from "../registry/folders";
import type { ModelSlot, NodeSpec } from "../registry/spec";

/** The widgets of one node as /object_info describes them, in the order the frontend lays them out. */
type Widget = { input: string; position: number; options: string[] | null };

type InputSpec = readonly unknown[];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Types the frontend draws a widget for; any other type (MODEL, CLIP, a pack's own type) is a socket with no widget value. */
const WIDGET_TYPES = new Set(["INT", "FLOAT", "STRING", "BOOLEAN", "COMBO"]);

/**
 * A combo's choices: the legacy form `[[choices], {options}]` (nodes.py:559-566) or `["COMBO", {options: [...]}]`
 * (comfy_api/latest/_io.py:333-375); a `remote` combo fetches its choices itself and has none here.
 */
function comboOptions(spec: InputSpec): string[] | null {
  if (Array.isArray(spec[0])) return spec[0].filter((option): option is string => typeof option === "string");
  if (spec[0] === "COMBO" && isRecord(spec[1]) && Array.isArray(spec[1].options))
    return spec[1].options.filter((option): option is string => typeof option === "string");
  return null;
}

function takesWidget(spec: InputSpec): boolean {
  if (isRecord(spec[1]) && spec[1].forceInput === true) return false;
  return Array.isArray(spec[0]) || (typeof spec[0] === "string" && WIDGET_TYPES.has(spec[0]));
}

/** A seed (or a widget with control_after_generate) is followed in widgets_values by its control value ("fixed", "randomize"…). */
function addsControlValue(name: string, spec: InputSpec): boolean {
  const options = isRecord(spec[1]) ? spec[1] : {};
  if (options.control_after_generate) return true;
  return (spec[0] === "INT" || spec[0] === "FLOAT") && (name === "seed" || name === "noise_seed");
}

/** The widgets of a node_info (server.py:592-625): required inputs, then optional ones, each in input_order. */
export function widgetsOf(info: unknown): Widget[] {
  if (!isRecord(info) || !isRecord(info.input)) return [];
  const order = isRecord(info.input_order) ? info.input_order : {};
  const widgets: Widget[] = [];
  let position = 0;
  for (const category of ["required", "optional"] as const) {
    const inputs = info.input[category];
    if (!isRecord(inputs)) continue;
    const declared = order[category];
    const names = Array.isArray(declared) ? declared.filter((name): name is string => typeof name === "string" && name in inputs) : Object.keys(inputs);
    for (const name of names) {
      const spec = inputs[name];
      if (!Array.isArray(spec) || !takesWidget(spec)) continue;
      widgets.push({ input: name, position, options: comboOptions(spec) });
      position += addsControlValue(name, spec) ? 2 : 1;
    }
  }
  return widgets;
}

/** Folder key → the files /models/{folder} lists, with `/` separators. */
export type FolderListings = ReadonlyMap<string, ReadonlySet<string>>;

const slash = (name: string) => name.replace(/\\/g, "/");

const looksLikeFileName = (option: string) => /\.[A-Za-z0-9]{1,12}$/.test(option);

/**
 * The folders whose files a combo offers, the one offering most of them first. A folder counts when it offers at
 * least one of the choices, and the first must offer at least half of those that look like file names (a combo of
 * other things that happens to share one name with some folder is no file widget). Choices no folder lists (None,
 * built-in names like VAELoader's taesd) are left out.
 */
function foldersOffering(options: readonly string[], listings: FolderListings): string[] {
  const uncovered = new Set(options.map(slash));
  const fileLike = [...uncovered].filter(looksLikeFileName).length;
  const chosen: string[] = [];
  for (;;) {
    let best: { folder: string; covers: number } | null = null;
    for (const [folder, files] of listings) {
      if (chosen.includes(folder)) continue;
      let covers = 0;
      for (const option of uncovered) if (files.has(option)) covers++;
      if (covers > 0 && (!best || covers > best.covers)) best = { folder, covers };
    }
    if (!best || (chosen.length === 0 && best.covers * 2 < fileLike)) return chosen;
    chosen.push(best.folder);
    for (const option of [...uncovered]) if (listings.get(best.folder)!.has(option)) uncovered.delete(option);
  }
}

/** Node types and the folders their file widgets read, learned from /object_info and the folder listings. */
export function learnNodeFolders(objectInfo: unknown, listings: FolderListings): Record<string, NodeSpec> {
  const learned: Record<string, NodeSpec> = {};
  if (!isRecord(objectInfo)) return learned;
  for (const [nodeType, info] of Object.entries(objectInfo)) {
    const slots: ModelSlot[] = [];
    for (const widget of widgetsOf(info)) {
      if (!widget.options || widget.options.length === 0) continue;
      const folders = [...new Set(foldersOffering(widget.options, listings).map(canonicalFolder))];
      const [folder, ...alsoIn] = folders;
      if (!folder) continue;
      slots.push({ input: widget.input, position: widget.position, folder, ...(alsoIn.length > 0 ? { alsoIn } : {}) });
    }
    const pythonModule = isRecord(info) && typeof info.python_module === "string" ? info.python_module : "?";
    if (slots.length > 0) learned[nodeType] = { source: `/object_info of the user's ComfyUI (${pythonModule})`, slots };
  }
  return learned;
}
