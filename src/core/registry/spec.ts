// The shape of the node registry's data: which widget of a node type names a model file, and in which folder.

/**
 * A rule on a widget's value, the first that matches decides: the value names a file in another folder (ComfyUI picks
 * the folder by the name, as VAELoader does for video tiny autoencoders; absent: the slot's own folder), or it is a
 * built-in choice that names no file at all (`folder: null`). `name` rewrites the value into the file name, or into
 * several (`$1` for a captured group).
 */
export type ValueRule = { match: RegExp; folder?: string | null; name?: string | readonly string[] };

/** One widget that names a model file: its input name (API format), its UI position, and its folder. */
export type ModelSlot = {
  input: string;
  position: number;
  folder: string;
  /** The value names a folder of files (a diffusers or Hugging Face model folder), not one file. */
  directory?: boolean;
  /** The widget holds a download URL; the file name is the URL's last path segment. */
  fromUrl?: boolean;
  values?: readonly ValueRule[];
  /** Other folders the node's list also offers; a file found in any of them is where the node reads it. */
  alsoIn?: readonly string[];
};

type NumberedRows = {
  kind: "numbered";
  folder: string;
  /** Name template with {n} for the row number, e.g. "lora_name_{n}". */
  name: string;
  /** UI widget position of row 1's name, and widgets per row. */
  first: number;
  stride: number;
  /** Optional on/off widget per row, e.g. "switch_{n}" with "On", at this offset from the row's name. */
  toggle?: { name: string; on: string; offset: number };
  /** Widget holding how many rows are shown, if any; rows past it are not used. */
  count?: { name: string; position: number };
};

/** Multi-row LoRA widgets that need their own reading (see workflow/rows.ts). */
export type RowLayout = { kind: "powerLora"; folder: string } | { kind: "loraManager"; folder: string } | NumberedRows;

export type NodeSpec = {
  /** Where the node declares its inputs in its pack: `path/file.py:line`. */
  source: string;
  slots?: readonly ModelSlot[];
  rows?: readonly RowLayout[];
  /** The node parses `<lora:name:weight>` syntax in its text widgets (and in text wired into it). */
  parsesLoraText?: boolean;
};

/** A node spec as the registry hands it out: with the pack (repository and commit) it was read from. */
export type RegisteredNode = NodeSpec & { pack: string };

/** One pack's loaders, read at one commit of its repository. */
export type PackRegistry = { repo: string; commit: string; nodes: Readonly<Record<string, NodeSpec>> };

type SlotOptions = Pick<ModelSlot, "values" | "alsoIn" | "fromUrl">;

export const file = (input: string, position: number, folder: string, options: SlotOptions = {}): ModelSlot => ({ input, position, folder, ...options });

export const directory = (input: string, position: number, folder: string, options: SlotOptions = {}): ModelSlot => ({
  input,
  position,
  folder,
  directory: true,
  ...options,
});

export const numbered = (layout: Omit<NumberedRows, "kind">): NumberedRows => ({ kind: "numbered", ...layout });

type NodeOptions = Pick<NodeSpec, "rows" | "parsesLoraText">;

/** A node: its source, then optionally its row layouts / LoRA-text flag, then its file slots in widget order. */
export function node(source: string, ...rest: Array<NodeOptions | ModelSlot>): NodeSpec {
  const [first, ...others] = rest;
  const options = first && !("input" in first) ? first : {};
  const slots = (first && "input" in first ? rest : others) as ModelSlot[];
  return { source, ...options, ...(slots.length > 0 ? { slots } : {}) };
}

export const pack = (repo: string, commit: string, nodes: Record<string, NodeSpec>): PackRegistry => ({ repo, commit, nodes });
