// Where a model file is installed: decided once, from its folder's download path and the name the workflow writes,
// under the one rule that keeps untrusted names inside the models folders.
import { existsSync, realpathSync } from "node:fs";
import path from "node:path";
import { normaliseModelName } from "../model";
import { MODEL_FILE_PATTERN } from "../registry/folders";

/** A model's file on disk. `key` (folder/name) names it the same on every machine, whatever the mount point. */
export type InstallTarget = {
  /** ComfyUI folder key. */
  folder: string;
  /** Below the folder's path, forward slashes, subfolders kept. */
  name: string;
  key: string;
  absolutePath: string;
};

export class TargetPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TargetPathError";
  }
}

/** Longest file name most file systems take, in bytes (ext4, NTFS, APFS). */
const MAX_NAME_BYTES = 255;

const REFUSALS: Array<[test: (name: string) => boolean, reason: string]> = [
  [(name) => name.trim() === "", "it is empty"],
  [(name) => name.includes("\0"), "it contains a NUL character"],
  [(name) => /[\u0001-\u001f\u007f]/.test(name), "it contains control characters"],
  [(name) => /^[a-zA-Z]:/.test(name), "it starts with a drive letter"],
  [(name) => name.startsWith("/") || name.startsWith("\\") || path.isAbsolute(name), "it is an absolute path"],
  [(name) => name.split(/[\\/]/).some((part) => part === ".."), "it climbs out with '..'"],
  [(name) => name.split(/[\\/]/).some((part) => Buffer.byteLength(part) > MAX_NAME_BYTES), `a part of it is longer than ${MAX_NAME_BYTES} bytes`],
];

function printable(name: string): string {
  const shown = name.replace(/\0/g, "\\0").replace(/[\u0001-\u001f\u007f]/g, "?");
  return shown.length > 120 ? `${shown.slice(0, 117)}…` : shown;
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/** The nearest path at or above `target` that exists, resolved through every symlink, with the rest appended. */
function realpathOfNearestExisting(target: string): string {
  let current = target;
  while (!existsSync(current)) {
    const parent = path.dirname(current);
    if (parent === current) return target;
    current = parent;
  }
  return path.join(realpathSync(current), path.relative(current, target));
}

/** Why a name cannot be installed, or null when it can. */
export function nameRefusal(name: string): string | null {
  return REFUSALS.find(([test]) => test(name))?.[1] ?? null;
}

/**
 * The target for `name` in `folder`, whose downloads go to `folderPath`. Throws TargetPathError for a name that is
 * empty, absolute, on a drive, climbs with `..`, holds NUL or control characters, is too long, or would reach outside
 * the folder through a symlink. The folder itself may be a symlink (a models folder on another disk).
 */
export function installTargetFor(ref: { folder: string; name: string }, folderPath: string): InstallTarget {
  const refusal = nameRefusal(ref.name);
  if (refusal) throw new TargetPathError(`Refusing the model file name "${printable(ref.name)}": ${refusal}. Model names must stay inside the models folder.`);
  const name = normaliseModelName(ref.name).replace(/^\/+/, "");
  const base = path.resolve(folderPath);
  const absolutePath = path.resolve(base, name);
  if (!isInside(base, absolutePath) || absolutePath === base) throw new TargetPathError(`Refusing "${printable(ref.name)}": it would land outside ${base}.`);
  if (!isInside(realpathOfNearestExisting(base), realpathOfNearestExisting(absolutePath))) {
    throw new TargetPathError(`Refusing "${printable(ref.name)}": a symlink inside ${base} leads outside it.`);
  }
  return { folder: ref.folder, name, key: `${ref.folder}/${name}`, absolutePath };
}

/**
 * Embeddings and inline LoRAs are named without an extension; ComfyUI finds them by name plus extension, so the
 * file keeps the extension of the file the source publishes (EasyNegative → EasyNegative.safetensors).
 */
export function withPublishedExtension(target: InstallTarget, publishedFileName: string | null): InstallTarget {
  if (MODEL_FILE_PATTERN.test(target.name) || !publishedFileName) return target;
  const extension = publishedFileName.match(MODEL_FILE_PATTERN)?.[0];
  if (!extension) return target;
  return { ...target, name: target.name + extension, key: target.key + extension, absolutePath: target.absolutePath + extension };
}
