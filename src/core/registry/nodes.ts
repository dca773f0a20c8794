// The node registry: every node type whose widgets name model files, merged from the packs' data modules.
import { LEGACY_NODES } from "./legacy";
import { PACKS } from "./packs";
import type { NodeSpec, PackRegistry, RegisteredNode } from "./spec";

function register(registry: Map<string, RegisteredNode>, packData: PackRegistry): void {
  const packName = `${packData.repo}@${packData.commit}`;
  for (const [type, spec] of Object.entries(packData.nodes)) if (!registry.has(type)) registry.set(type, { ...spec, pack: packName });
}

const REGISTRY: ReadonlyMap<string, RegisteredNode> = (() => {
  const registry = new Map<string, RegisteredNode>();
  for (const packData of [...PACKS, LEGACY_NODES]) register(registry, packData);
  return registry;
})();

/** Every node type the registry knows, with the pack it was read from. */
export const NODE_REGISTRY: ReadonlyMap<string, RegisteredNode> = REGISTRY;

/**
 * pollockjj/ComfyUI-MultiGPU wraps loaders as `<Base>MultiGPU`, `<Base>DisTorch2MultiGPU` and, in older workflows,
 * `<Base>DisTorchMultiGPU` / `<Base>DisTorchLegacyMultiGPU`: its device widgets come after the base node's, so the file
 * widgets keep the base's positions (wrappers.py:25-35; __init__.py:532-582). Longest suffix first.
 */
const WRAPPER_SUFFIXES = ["DisTorchLegacyMultiGPU", "DisTorch2MultiGPU", "DisTorchMultiGPU", "MultiGPU"] as const;

/** The registry's spec for a node type: listed ones first, then a MultiGPU wrapper of a listed loader. */
export function lookupNode(nodeType: string): RegisteredNode | undefined {
  const listed = REGISTRY.get(nodeType);
  if (listed) return listed;
  for (const suffix of WRAPPER_SUFFIXES) {
    if (nodeType.length > suffix.length && nodeType.endsWith(suffix)) return REGISTRY.get(nodeType.slice(0, -suffix.length));
  }
  return undefined;
}

/** Nodes that only document the workflow; their text never names a model the workflow loads. */
export const DOCUMENTATION_NODES: ReadonlySet<string> = new Set([
  "Note",
  "MarkdownNote",
  "Note Plus (mtb)",
  "Label (rgthree)",
  "Fast Groups Bypasser (rgthree)",
  "Fast Groups Muter (rgthree)",
  "Bookmark (rgthree)",
  "PreviewAny",
  "ShowText|pysssss",
  "easy showAnything",
]);

/** Value-carrying nodes whose value is copied into the widget they feed; the target reports it. */
export const VALUE_SOURCE_NODES: ReadonlySet<string> = new Set(["PrimitiveNode", "Reroute"]);

export type { NodeSpec };
