// What a running ComfyUI teaches about the nodes installed there, asked once and cached per server.
import pLimit from "p-limit";
import type { SearchCache } from "../resolve/types";
import type { NodeSpec } from "../registry/spec";
import { createComfyUIClient } from "./client";
import { fetchFolderListing, fetchFolderNames } from "./folders";
import { learnNodeFolders } from "./node-folders";

/** Node types the user's ComfyUI has, with the folders their file widgets read. */
export type LearnedNodes = {
  server: string;
  lookup(nodeType: string): NodeSpec | undefined;
  /** How many node types it knows. */
  size: number;
};

/** Folder keys that list no model files a node loads. */
const NOT_MODEL_FOLDERS = new Set(["custom_nodes"]);

const LISTING_CONCURRENCY = 4;

/** A stored mapping: plain data (no RegExp), so any SearchCache store keeps it. */
type Stored = { version: 1; nodes: Record<string, NodeSpec> };

function cacheKey(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `comfyui-node-folders:v1:${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

function learned(server: string, nodes: Record<string, NodeSpec>): LearnedNodes {
  return { server, lookup: (nodeType) => (Object.hasOwn(nodes, nodeType) ? nodes[nodeType] : undefined), size: Object.keys(nodes).length };
}

function isStored(value: unknown): value is Stored {
  return typeof value === "object" && value !== null && (value as Stored).version === 1 && typeof (value as Stored).nodes === "object";
}

/**
 * Reads /object_info and every folder's file list (/models, /models/{folder}) from the ComfyUI at `baseUrl`, and maps
 * each node's combo to the folder whose files it offers. The answer is cached per server (the cache's TTL applies); a
 * node pack installed since is learned when the entry expires.
 */
export async function learnFromComfyUI(baseUrl: string, options: { cache: SearchCache; signal?: AbortSignal }): Promise<LearnedNodes> {
  const key = cacheKey(baseUrl);
  const cached = await options.cache.get(key);
  if (isStored(cached)) return learned(baseUrl, cached.nodes);
  const client = createComfyUIClient(baseUrl);
  try {
    const [objectInfo, folderNames] = await Promise.all([client.getJson("/object_info", options.signal), fetchFolderNames(client, options.signal)]);
    if (objectInfo === null || folderNames === null) {
      throw new Error(`ComfyUI at ${client.baseUrl} did not answer /object_info and /models; is it a ComfyUI server (0.3 or newer)?`);
    }
    const limit = pLimit(LISTING_CONCURRENCY);
    const folders = folderNames.filter((folder) => !NOT_MODEL_FOLDERS.has(folder));
    const listed = await Promise.all(folders.map((folder) => limit(() => fetchFolderListing(client, folder, options.signal))));
    const listings = new Map(
      folders.flatMap((folder, index) => (listed[index] ? [[folder, new Set(listed[index]!.map((name) => name.replace(/\\/g, "/")))] as const] : [])),
    );
    const nodes = learnNodeFolders(objectInfo, listings);
    await options.cache.set(key, { version: 1, nodes } satisfies Stored);
    return learned(baseUrl, nodes);
  } finally {
    await client.close();
  }
}
