// SHA-256 of whole files (the inventory's hashes), and Civitai's short form of it.
import { stat } from "node:fs/promises";
import { createHasher, type Hasher } from "./hasher";

export type FileDigest = { sha256: string; size: number };

let shared: Hasher | undefined;

/** The process's hasher for whole files; its threads start on first use and never keep the process alive. */
function sharedHasher(): Hasher {
  return (shared ??= createHasher());
}

/** SHA-256 of a whole file, streamed in a worker thread; progress reports bytes hashed so far. */
export async function sha256File(
  path: string,
  options: { onProgress?: (bytesHashed: number) => void; signal?: AbortSignal; hasher?: Hasher } = {},
): Promise<FileDigest> {
  const hasher = options.hasher ?? sharedHasher();
  try {
    const { size } = await stat(path);
    const handle = hasher.create();
    try {
      await hasher.hashRange(handle, path, 0, size, options);
    } catch (error) {
      hasher.drop(handle);
      throw error;
    }
    return { sha256: await hasher.digest(handle), size };
  } catch (error) {
    throw Object.assign(new Error(`Cannot hash ${path}: ${(error as Error).message}`), { code: (error as { code?: unknown }).code ?? undefined });
  }
}

/** Civitai's short file id: the first 10 hex digits of SHA-256 (Civitai stores it upper case and matches any case). */
export function autoV2(sha256: string): string {
  return sha256.slice(0, 10).toUpperCase();
}
