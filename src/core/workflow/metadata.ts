// Download URLs and hashes a workflow carries (properties.models on nodes, top-level `models`).
import { modelBaseName, normaliseModelName, type ModelLink, type ModelRef } from "../model";
import { canonicalFolder } from "../registry/folders";
import { isRecord } from "./graph";

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

/**
 * The links any workflow of a run gives for this reference's file (its own first), for the resolver to try: the same
 * file name in the same folder, whatever subfolder either writes (the resolver trusts a link only for the file it names).
 */
export function linksNaming(ref: ModelRef, links: readonly ModelLink[]): ModelLink[] {
  const own: ModelLink[] = ref.url ? [{ name: ref.name, url: ref.url, hash: ref.hash, folder: ref.folder }] : [];
  const file = modelBaseName(ref.name).toLowerCase();
  const naming = links.filter((link) => link.url && modelBaseName(link.name).toLowerCase() === file && folderMatches(link, ref));
  const seen = new Set<string>();
  return [...own, ...naming].filter((link) => link.url && !seen.has(link.url) && seen.add(link.url));
}
