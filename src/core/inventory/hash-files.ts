// Hashes inventory files once: a cache keyed by (path, size, mtime) answers for every unchanged file.
import pLimit from "p-limit";
import { autoV2, sha256File } from "../hashing/file-digest";
import { defaultHashThreads } from "../hashing/hasher";
import type { InventoryFile } from "./types";

export type HashCacheEntry = { path: string; size: number; mtimeMs: number; sha256: string };

/** One interface, two stores: a local JSON file for the CLI, Postgres for the server. */
export type HashCache = {
  get(path: string, size: number, mtimeMs: number): Promise<string | null>;
  setMany(entries: HashCacheEntry[]): Promise<void>;
};

export type HashedFile = { path: string; size: number; sha256: string; autoV2: string; fromCache: boolean };

export type HashProgress = {
  /** The file whose bytes were just hashed. */
  path: string;
  fileBytes: number;
  fileSize: number;
  filesDone: number;
  filesTotal: number;
  /** Bytes hashed so far across all files (cached files count as done). */
  bytesDone: number;
  bytesTotal: number;
};

export type HashFilesOptions = {
  cache: HashCache;
  concurrency?: number;
  onProgress?: (progress: HashProgress) => void;
};

export type HashReport = {
  byPath: Map<string, HashedFile>;
  hashedCount: number;
  cachedCount: number;
  hashedBytes: number;
  failures: Array<{ path: string; message: string }>;
};

// Hashes are saved as they come, so an interrupted run keeps its work, but not so often that a
// whole-file cache store is rewritten after every small file.
const CACHE_FLUSH_INTERVAL_MS = 5_000;
const CACHE_LOOKUPS_IN_FLIGHT = 256;

/** Hashes each distinct file path once; unreadable files are reported in `failures`, not thrown. */
export async function hashFiles(files: readonly InventoryFile[], options: HashFilesOptions): Promise<HashReport> {
  const unique = [...new Map(files.map((file) => [file.absolutePath, file])).values()];
  const report: HashReport = { byPath: new Map(), hashedCount: 0, cachedCount: 0, hashedBytes: 0, failures: [] };
  const record = (file: InventoryFile, sha256: string, fromCache: boolean) => {
    report.byPath.set(file.absolutePath, { path: file.absolutePath, size: file.size, sha256, autoV2: autoV2(sha256), fromCache });
  };

  // Cache lookups first, many at once (a store may batch them), then only the misses go to the hash threads.
  const lookup = pLimit(CACHE_LOOKUPS_IN_FLIGHT);
  const cached = await Promise.all(unique.map((file) => lookup(() => options.cache.get(file.absolutePath, file.size, file.mtimeMs))));
  const toHash: InventoryFile[] = [];
  unique.forEach((file, index) => {
    const sha256 = cached[index];
    if (sha256) record(file, sha256, true);
    else toHash.push(file);
  });
  report.cachedCount = unique.length - toHash.length;

  const bytesTotal = unique.reduce((sum, file) => sum + file.size, 0);
  let bytesDone = bytesTotal - toHash.reduce((sum, file) => sum + file.size, 0);
  let filesDone = report.cachedCount;
  const progress = (file: InventoryFile, fileBytes: number, done: number) =>
    options.onProgress?.({ path: file.absolutePath, fileBytes, fileSize: file.size, filesDone, filesTotal: unique.length, bytesDone: done, bytesTotal });

  let pending: HashCacheEntry[] = [];
  let lastFlush = Date.now();
  const flush = async () => {
    lastFlush = Date.now();
    const batch = pending;
    pending = [];
    if (batch.length > 0) await options.cache.setMany(batch);
  };

  const hashing = pLimit(options.concurrency ?? defaultHashThreads());
  await Promise.all(
    toHash.map((file) =>
      hashing(async () => {
        try {
          const digest = await sha256File(file.absolutePath, { onProgress: (fileBytes) => progress(file, fileBytes, bytesDone + fileBytes) });
          report.hashedCount++;
          report.hashedBytes += digest.size;
          record(file, digest.sha256, false);
          pending.push({ path: file.absolutePath, size: file.size, mtimeMs: file.mtimeMs, sha256: digest.sha256 });
          if (Date.now() - lastFlush >= CACHE_FLUSH_INTERVAL_MS) await flush();
        } catch (error) {
          report.failures.push({ path: file.absolutePath, message: (error as Error).message });
        }
        filesDone++;
        bytesDone += file.size;
        progress(file, file.size, bytesDone);
      }),
    ),
  );
  await flush();
  return report;
}
