// The model hashes an image's generation parameters carry (the A1111 "parameters" text that image savers for ComfyUI
// write beside the workflow): `Model hash:` (AutoV2 of the checkpoint), the `Hashes: {"model", "vae", "lora:NAME",
// "embed:NAME", "hypernet:NAME"}` JSON that Civitai's own WebUI extension adds (AutoV2 values, its `civitai_hashes`), and
// A1111's `Lora hashes:` / `TI hashes:`. They let Civitai's by-hash lookup find a file whatever its name.
import { modelBaseName, type ModelHash, type ModelRef } from "../model";
import { MODEL_RELATED_FILE_PATTERN } from "../registry/folders";

/** A hash for a model the image names by its stem (A1111 writes names without extension). */
export type ImageModelHash = { stem: string; folder: "checkpoints" | "loras" | "embeddings" | "vae" | "hypernetworks"; hash: ModelHash };

const hashOf = (value: string): ModelHash | null => {
  const hex = value.trim().toLowerCase();
  if (/^[0-9a-f]{64}$/.test(hex)) return { type: "SHA256", value: hex };
  if (/^[0-9a-f]{10}$/.test(hex)) return { type: "AutoV2", value: hex };
  return null;
};

/** `key: value` pairs of the last line of A1111 parameters; quoted values may hold commas. */
function fields(text: string): Map<string, string> {
  const line = text.split("\n").find((candidate) => /(^|, )Steps: /.test(candidate)) ?? text;
  const found = new Map<string, string>();
  for (const match of line.matchAll(/([A-Za-z][\w ]*?): ("(?:[^"\\]|\\.)*"|\{[^}]*\}|[^,]*)(?:,|$)/g)) {
    found.set(match[1]!.trim(), match[2]!.trim().replace(/^"|"$/g, ""));
  }
  return found;
}

const FOLDER_OF_PREFIX: Record<string, ImageModelHash["folder"]> = { lora: "loras", lyco: "loras", embed: "embeddings", hypernet: "hypernetworks" };

export function imageModelHashes(parameters: string): ImageModelHash[] {
  const found = fields(parameters);
  const hashes: ImageModelHash[] = [];
  const add = (stem: string | undefined, folder: ImageModelHash["folder"], value: string | undefined) => {
    const hash = value ? hashOf(value) : null;
    if (stem && hash) hashes.push({ stem: stem.trim(), folder, hash });
  };
  const model = found.get("Model");
  add(model, "checkpoints", found.get("Model hash"));
  const civitai = found.get("Hashes");
  if (civitai) {
    try {
      for (const [key, value] of Object.entries(JSON.parse(civitai) as Record<string, unknown>)) {
        if (typeof value !== "string") continue;
        const [prefix, ...rest] = key.split(":");
        if (key === "model") add(model, "checkpoints", value);
        else if (key === "vae") add(found.get("VAE"), "vae", value);
        else if (prefix && FOLDER_OF_PREFIX[prefix] && rest.length > 0) add(rest.join(":"), FOLDER_OF_PREFIX[prefix], value);
      }
    } catch {
      // Not Civitai's JSON after all: the other fields still count.
    }
  }
  for (const [field, folder] of [
    ["Lora hashes", "loras"],
    ["TI hashes", "embeddings"],
  ] as const) {
    for (const pair of (found.get(field) ?? "").split(",")) {
      const at = pair.lastIndexOf(":");
      if (at > 0) add(pair.slice(0, at), folder, pair.slice(at + 1));
    }
  }
  return hashes;
}

/** Gives each reference without a hash the image's hash for its file (same folder, same name without extension). */
export function attachImageHashes(refs: ModelRef[], hashes: readonly ImageModelHash[]): void {
  for (const ref of refs) {
    if (ref.hash) continue;
    const stem = modelBaseName(ref.name).replace(MODEL_RELATED_FILE_PATTERN, "").toLowerCase();
    const match = hashes.find(
      (entry) => entry.folder === ref.folder && modelBaseName(entry.stem).replace(MODEL_RELATED_FILE_PATTERN, "").toLowerCase() === stem,
    );
    if (match) ref.hash = match.hash;
  }
}
