// Download URLs and hashes a workflow carries (properties.models on nodes, top-level `models`).
import { modelBaseName, normaliseModelName, type ModelRef } from "../model";
import { canonicalFolder } from "../registry";
import { isRecord } from "./graph";

/** A URL/hash the workflow gives for a file name, whether or not a node still loads that file. */
export type ModelLink = {
  name: string;
  url: string | null;
  hash: { type: string; value: string } | null;
  folder: string | null;
};

function nonEmptyString(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value.trim() : null;
}

/** The valid entries of a `models` list ({name, url, directory, hash?, hash_type?}); junk is skipped. */
export function parseModelLinks(value: unknown): ModelLink[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    if (!isRecord(entry)) return [];
    const name = nonEmptyString(entry.name);
    if (!name) return [];
    const hashValue = nonEmptyString(entry.hash);
    const directory = nonEmptyString(entry.directory);
    return [
      {
        name,
        url: nonEmptyString(entry.url),
        hash: hashValue ? { type: nonEmptyString(entry.hash_type) ?? "sha256", value: hashValue } : null,
        folder: directory ? canonicalFolder(directory) : null,
      },
    ];
  });
}

/** Same file: equal names across separators, or a bare file name matching a name with a subfolder. */
function namesMatch(link: ModelLink, ref: ModelRef): boolean {
  const linkName = normaliseModelName(link.name);
  const refName = normaliseModelName(ref.name);
  if (linkName === refName) return true;
  return !linkName.includes("/") && linkName === modelBaseName(refName);
}

function folderMatches(link: ModelLink, ref: ModelRef): boolean {
  return link.folder === null || link.folder === ref.folder;
}

/**
 * Gives each reference the first URL/hash that names its file. A link that names no loaded file is
 * stale (ComfyUI's frontend treats it so): it stays in the links list for resolvers, nothing more.
 */
export function attachLinks(refs: ModelRef[], links: readonly ModelLink[], requireFolder: boolean): void {
  for (const ref of refs) {
    for (const link of links) {
      if (!namesMatch(link, ref) || (requireFolder && !folderMatches(link, ref))) continue;
      if (ref.url === null && link.url) ref.url = link.url;
      if (ref.hash === null && link.hash) ref.hash = link.hash;
    }
  }
}
