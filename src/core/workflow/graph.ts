// Flattens a parsed workflow (UI or API format, with subgraphs and group nodes) into one list of nodes.
import { lookupNode } from "../registry";

export type WorkflowFormat = "ui" | "api";

/** Widget values as a node stores them: positional (UI) or by input name (API, some UI nodes). */
export type WidgetValues = readonly unknown[] | Readonly<Record<string, unknown>>;

/** One node of the workflow, wherever it sits (top level, subgraph, group node). */
export type GraphNode = {
  /** "12", or "12:5" for node 5 inside subgraph/group node 12. */
  id: string;
  type: string;
  active: boolean;
  widgets: WidgetValues;
  /** properties.models as written on the node (validated later). */
  modelsMetadata: unknown;
  /** The node's output is wired into a node that parses `<lora:…>` text. */
  feedsLoraParser: boolean;
  /** Its `inputs` and `outputs` socket lists as written (UI format only): evidence of what an unknown loader loads. */
  sockets?: { inputs: unknown; outputs: unknown };
};

type Json = Record<string, unknown>;

const INACTIVE_MODES = new Set([2, 4]);
const MAX_NESTING = 16;
/**
 * Nodes a workflow may expand to. Subgraphs inside subgraphs multiply (ten levels of a subgraph used ten times
 * inside the next is 10^10 nodes); the largest real workflows have a few thousand.
 */
export const MAX_EXPANDED_NODES = 100_000;

export class WorkflowTooLargeError extends Error {
  constructor() {
    super(
      `it expands to more than ${MAX_EXPANDED_NODES.toLocaleString("en")} nodes (subgraphs or group nodes used inside each other); ComfyUI could not run it either.`,
    );
    this.name = "WorkflowTooLargeError";
  }
}

export function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nodeTypeOf(node: Json): string | null {
  const type = node.type ?? node.class_type;
  return typeof type === "string" && type.length > 0 ? type : null;
}

function parsesLoraText(type: string | undefined): boolean {
  return type !== undefined && lookupNode(type)?.parsesLoraText === true;
}

/** A UI link as [id, origin, originSlot, target, targetSlot, type] or as an object (subgraphs). */
function linkEnds(link: unknown): { origin: unknown; target: unknown } | null {
  if (Array.isArray(link)) return { origin: link[1], target: link[3] };
  if (isRecord(link)) return { origin: link.origin_id, target: link.target_id };
  return null;
}

/** Ids of nodes (as strings) whose output feeds a LoRA-text-parsing node in the same graph. */
function loraFeeders(nodes: readonly unknown[], links: unknown): Set<string> {
  const typeById = new Map<string, string>();
  for (const node of nodes) {
    if (!isRecord(node)) continue;
    const type = nodeTypeOf(node);
    if (type) typeById.set(String(node.id), type);
  }
  const feeders = new Set<string>();
  if (!Array.isArray(links)) return feeders;
  for (const link of links) {
    const ends = linkEnds(link);
    if (ends && parsesLoraText(typeById.get(String(ends.target)))) feeders.add(String(ends.origin));
  }
  return feeders;
}

type UiContext = {
  prefix: string;
  parentActive: boolean;
  subgraphs: ReadonlyMap<string, Json>;
  groupNodes: Readonly<Json>;
  /** Subgraph ids and group-node types being expanded, to stop on one that contains itself. */
  expanding: ReadonlySet<string>;
  /** Nodes left to visit in the whole workflow. */
  budget: { left: number };
  out: GraphNode[];
};

function widgetsOf(node: Json): WidgetValues {
  const values = node.widgets_values;
  if (Array.isArray(values) || isRecord(values)) return values;
  return [];
}

function walkUiGraph(nodes: unknown, links: unknown, context: UiContext): void {
  if (!Array.isArray(nodes) || context.expanding.size > MAX_NESTING) return;
  const feeders = loraFeeders(nodes, links);
  for (const node of nodes) {
    if (!isRecord(node)) continue;
    if (--context.budget.left < 0) throw new WorkflowTooLargeError();
    const type = nodeTypeOf(node);
    if (!type) continue;
    const localId = String(node.id ?? "?");
    const id = context.prefix + localId;
    const active = context.parentActive && !INACTIVE_MODES.has(Number(node.mode));
    const subgraph = context.subgraphs.get(type);
    if (subgraph && !context.expanding.has(type)) {
      walkUiGraph(subgraph.nodes, subgraph.links, {
        ...context,
        prefix: `${id}:`,
        parentActive: active,
        expanding: new Set([...context.expanding, type]),
      });
      continue;
    }
    const group = context.expanding.has(type) ? null : groupNodeDefinition(type, context.groupNodes);
    if (group) {
      expandGroupNode(node, group, { ...context, prefix: `${id}:`, parentActive: active, expanding: new Set([...context.expanding, type]) });
      continue;
    }
    context.out.push({
      id,
      type,
      active,
      widgets: widgetsOf(node),
      modelsMetadata: isRecord(node.properties) ? node.properties.models : undefined,
      feedsLoraParser: feeders.has(localId),
      sockets: { inputs: node.inputs, outputs: node.outputs },
    });
  }
}

/** Group nodes are typed "workflow>Name" (older frontends: "workflow/Name"). */
function groupNodeDefinition(type: string, groupNodes: Readonly<Json>): Json | null {
  const match = /^workflow[>/](.+)$/.exec(type);
  if (!match?.[1]) return null;
  const definition = groupNodes[match[1]];
  return isRecord(definition) && Array.isArray(definition.nodes) ? definition : null;
}

/**
 * A group node stores the widget values of all its inner nodes, concatenated in inner-node order.
 * Use them when the lengths line up (they are what the user last set); else the definitions' own values.
 */
function expandGroupNode(outer: Json, group: Json, context: UiContext): void {
  const inner = (group.nodes as unknown[]).filter(isRecord);
  const outerValues = Array.isArray(outer.widgets_values) ? outer.widgets_values : null;
  const innerLengths = inner.map((node) => (Array.isArray(node.widgets_values) ? node.widgets_values.length : 0));
  const useOuter = outerValues !== null && outerValues.length === innerLengths.reduce((sum, length) => sum + length, 0);
  let offset = 0;
  const nodes = inner.map((node, index) => {
    const length = innerLengths[index] ?? 0;
    const values = useOuter && outerValues ? outerValues.slice(offset, offset + length) : node.widgets_values;
    offset += length;
    return { ...node, id: node.index ?? index, widgets_values: values };
  });
  walkUiGraph(nodes, undefined, context);
}

function subgraphDefinitions(workflow: Json): Map<string, Json> {
  const definitions = isRecord(workflow.definitions) ? workflow.definitions.subgraphs : undefined;
  const byId = new Map<string, Json>();
  if (!Array.isArray(definitions)) return byId;
  for (const definition of definitions) {
    if (isRecord(definition) && typeof definition.id === "string") byId.set(definition.id, definition);
  }
  return byId;
}

export function flattenUiWorkflow(workflow: Json): GraphNode[] {
  const out: GraphNode[] = [];
  const extra = isRecord(workflow.extra) ? workflow.extra : {};
  walkUiGraph(workflow.nodes, workflow.links, {
    prefix: "",
    parentActive: true,
    subgraphs: subgraphDefinitions(workflow),
    groupNodes: isRecord(extra.groupNodes) ? extra.groupNodes : {},
    expanding: new Set(),
    budget: { left: MAX_EXPANDED_NODES },
    out,
  });
  return out;
}

/** An API-format input wired to another node: [nodeId, outputIndex]. */
function isApiLink(value: unknown): value is [string | number, number] {
  return Array.isArray(value) && value.length === 2 && typeof value[1] === "number" && (typeof value[0] === "string" || typeof value[0] === "number");
}

export function flattenApiPrompt(prompt: Json): GraphNode[] {
  const feeders = new Set<string>();
  const entries = Object.entries(prompt).filter((entry): entry is [string, Json] => isRecord(entry[1]));
  for (const [, node] of entries) {
    if (!parsesLoraText(nodeTypeOf(node) ?? undefined) || !isRecord(node.inputs)) continue;
    for (const value of Object.values(node.inputs)) if (isApiLink(value)) feeders.add(String(value[0]));
  }
  const out: GraphNode[] = [];
  for (const [id, node] of entries) {
    const type = nodeTypeOf(node);
    if (!type) continue;
    const inputs = isRecord(node.inputs) ? node.inputs : {};
    const widgets = Object.fromEntries(Object.entries(inputs).filter(([, value]) => !isApiLink(value)));
    out.push({
      id,
      type,
      active: !INACTIVE_MODES.has(Number(node.mode)),
      widgets,
      modelsMetadata: isRecord(node.properties) ? node.properties.models : undefined,
      feedsLoraParser: feeders.has(id),
    });
  }
  return out;
}

export function isUiWorkflow(value: unknown): value is Json {
  return isRecord(value) && Array.isArray(value.nodes);
}

export function isApiPrompt(value: unknown): value is Json {
  if (!isRecord(value)) return false;
  const nodes = Object.values(value);
  return nodes.length > 0 && nodes.some((node) => isRecord(node) && typeof node.class_type === "string");
}
