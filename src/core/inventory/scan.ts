// Walks one models folder: bounded, off the main thread, skipping hidden and partial files, safe with symlink loops.
import { stat, type Stats } from "node:fs";
import { availableParallelism } from "node:os";
import { sep } from "node:path";
import pLimit, { type LimitFunction } from "p-limit";
import { createThreadPool, ThreadError, type ThreadPool } from "../threads/pool";
import { LIST_THREAD_SOURCE } from "./list-thread";
import type { InventoryFile } from "./types";

export type ScanContext = {
  /** Bounds how many directories are being listed at once, across every folder of one inventory. */
  directoryLimit: LimitFunction;
  signal?: AbortSignal;
  warn: (message: string) => void;
};

/** What the listing thread answers for one directory; arrays are parallel, one slot per entry. */
type DirectoryListing = {
  names: string[];
  kinds: number[];
  symlinks: boolean[];
  codes: Array<string | null>;
  ids: string[];
  sizes: Float64Array;
  mtimes: Float64Array;
};
const KIND = { file: 0, directory: 1, unreadable: 2 } as const;

// `.part.resume` is the download engine's note beside a partial download.
const SKIPPED_SUFFIXES = [".part", ".part.resume", ".tmp"];

/** Hidden entries (.cache, .git, …) and partial downloads are never models. */
export function isSkippedName(name: string): boolean {
  if (name.startsWith(".")) return true;
  const lower = name.toLowerCase();
  return SKIPPED_SUFFIXES.some((suffix) => lower.endsWith(suffix));
}

let listPool: ThreadPool | undefined;

function listInThread(directory: string): Promise<DirectoryListing> {
  listPool ??= createThreadPool(LIST_THREAD_SOURCE, Math.max(1, Math.min(availableParallelism(), 4)));
  return listPool.run<DirectoryListing>({ directory });
}

export function createScanContext(options: { signal?: AbortSignal; warn: (message: string) => void }): ScanContext {
  return { directoryLimit: pLimit(8), ...options };
}

function statPath(path: string): Promise<Stats> {
  return new Promise((resolve, reject) => stat(path, (error, stats) => (error ? reject(error) : resolve(stats))));
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? "error";
}

/** Lists every file below `root` (each folder's files by name, then its subfolders); null when `root` does not exist. */
export async function scanFolder(root: string, folder: string, context: ScanContext): Promise<InventoryFile[] | null> {
  let rootStats: Stats;
  try {
    rootStats = await statPath(root);
  } catch (error) {
    if (errorCode(error) === "ENOENT" || errorCode(error) === "ENOTDIR") return null;
    context.warn(`Cannot open ${root} (${errorCode(error)}); check that ComfyFixer may read it.`);
    return [];
  }
  if (!rootStats.isDirectory()) {
    context.warn(`${root} is a file, not a folder; skipped.`);
    return [];
  }
  const base = root.length > 1 ? root.replace(/[/\\]+$/, "") : root;
  return walk({ folder, root, directory: base, prefix: "", ancestors: [`${rootStats.dev}:${rootStats.ino}`] }, context);
}

/** One directory to list: where it is, the path prefix of its files, and the folders above it. */
type Visit = { folder: string; root: string; directory: string; prefix: string; ancestors: string[] };

// Ancestors (not every folder seen) guard against loops, so two links to one folder are both listed, as ComfyUI does.
async function walk(visit: Visit, context: ScanContext): Promise<InventoryFile[]> {
  context.signal?.throwIfAborted();
  const files: InventoryFile[] = [];
  const subdirectories = await context.directoryLimit(() => listDirectory(visit, files, context));
  const nested = await Promise.all(subdirectories.map((sub) => walk(sub, context)));
  for (const below of nested) for (const file of below) files.push(file);
  return files;
}

async function listDirectory(visit: Visit, files: InventoryFile[], context: ScanContext): Promise<Visit[]> {
  const { folder, root, directory, prefix, ancestors } = visit;
  let listing: DirectoryListing;
  try {
    listing = await listInThread(directory);
  } catch (error) {
    const code = error instanceof ThreadError ? (error.code ?? error.message) : errorCode(error);
    context.warn(`Cannot read folder ${directory} (${code}); its models were not counted. Check its permissions.`);
    return [];
  }
  const subdirectories: Visit[] = [];
  listing.names.forEach((name, index) => {
    if (isSkippedName(name)) return;
    const path = directory + sep + name;
    const relativePath = prefix + name;
    const kind = listing.kinds[index];
    const id = listing.ids[index]!;
    if (kind === KIND.file) {
      files.push({ folder, root, relativePath, absolutePath: path, size: listing.sizes[index]!, mtimeMs: listing.mtimes[index]!, fileId: id });
    } else if (kind === KIND.directory) {
      if (ancestors.includes(id)) context.warn(`${path} links back to a folder above it; not followed again.`);
      else subdirectories.push({ folder, root, directory: path, prefix: relativePath + "/", ancestors: [...ancestors, id] });
    } else if (kind === KIND.unreadable) {
      const reason = listing.symlinks[index] ? "a broken symlink" : `unreadable (${listing.codes[index]})`;
      context.warn(`${path} is ${reason}; skipped.`);
    }
  });
  return subdirectories;
}
