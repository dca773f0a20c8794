// Which entries of the known-models index name the file a workflow asks for: same folder key, same file name.
import { modelBaseName, normaliseModelName, type ModelRef } from "../../model";
import { canonicalFolder } from "../../registry/folders";
import type { KnownModel, KnownModelsIndex } from "./index-data";

/** The folder an entry belongs to, as a ComfyUI folder key (a pack path stays as it is). */
const entryFolder = (entry: KnownModel) => (entry.folderKey ? canonicalFolder(entry.folderKey) : entry.folder);

/** The name ComfyUI lists an entry under: its subfolder below the folder key, then its file name. */
function listedName(entry: KnownModel): string {
  if (!entry.folderKey) return entry.name;
  const subfolder = entry.folder.split("/").slice(1).join("/");
  return subfolder ? `${subfolder}/${entry.name}` : entry.name;
}

export type KnownMatch = { entry: KnownModel; /** The workflow writes exactly the name ComfyUI lists it under (subfolder too). */ listed: boolean };

/**
 * Entries for a reference: those listed under exactly the workflow's name first, then those with the same file name in
 * another subfolder of the same folder. Names compare case-sensitively, as ComfyUI's folders do on Linux.
 */
export function knownModelsFor(index: KnownModelsIndex, ref: Pick<ModelRef, "name" | "folder">): KnownMatch[] {
  const folder = canonicalFolder(ref.folder);
  const name = normaliseModelName(ref.name);
  const base = modelBaseName(name);
  const matches = index.models
    .filter((entry) => entryFolder(entry) === folder && entry.name === base)
    .map((entry) => ({ entry, listed: listedName(entry) === name }));
  return [...matches.filter((match) => match.listed), ...matches.filter((match) => !match.listed)];
}
