// Streaming SHA-256 of whole files on a small pool of worker threads, so big models never block the caller.
import { availableParallelism } from "node:os";
import { WorkerPool, workerFile } from "../workers/pool";

export type FileDigest = { sha256: string; size: number };
export type HashFileOptions = { onProgress?: (bytesHashed: number) => void };

export function defaultHashThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), 4));
}

let sharedPool: WorkerPool<{ path: string }, FileDigest, number> | undefined;

/** SHA-256 of a whole file, streamed in a worker thread; progress reports bytes hashed so far. */
export async function sha256File(path: string, options: HashFileOptions = {}): Promise<FileDigest> {
  sharedPool ??= new WorkerPool(workerFile(new URL("./hash-worker.mjs", import.meta.url), "src/core/verify/hash-worker.mjs"), defaultHashThreads());
  try {
    return await sharedPool.run({ path }, options.onProgress);
  } catch (error) {
    throw Object.assign(new Error(`Cannot hash ${path}: ${(error as Error).message}`), { code: (error as { code?: unknown }).code ?? undefined });
  }
}

/** Civitai's short file id: the first 10 hex digits of SHA-256, upper case. */
export function autoV2(sha256: string): string {
  return sha256.slice(0, 10).toUpperCase();
}
