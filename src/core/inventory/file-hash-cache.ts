// The hash cache for the CLI: a small JSON file in the user's cache folder.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeJsonAtomically } from "../config/atomic-json";
import type { HashCache, HashCacheEntry } from "./hash-files";

type StoredEntry = { size: number; mtimeMs: number; sha256: string; hashedAt: string };
type StoredFile = { version: 1; entries: Record<string, StoredEntry> };

/** `dir` is the CLI's cache folder (EngineEnv.cacheDir). */
export function createFileHashCache(options: { dir: string }): HashCache & { file: string } {
  const file = join(options.dir, "hashes.json");
  let entries: Promise<Record<string, StoredEntry>> | undefined;
  const load = () => (entries ??= readEntries(file));
  let writing = Promise.resolve();

  return {
    file,
    async get(path, size, mtimeMs) {
      const entry = (await load())[path];
      return entry && entry.size === size && entry.mtimeMs === mtimeMs ? entry.sha256 : null;
    },
    async setMany(newEntries: HashCacheEntry[]) {
      const all = await load();
      const hashedAt = new Date().toISOString();
      for (const { path, size, mtimeMs, sha256 } of newEntries) all[path] = { size, mtimeMs, sha256, hashedAt };
      // Writes go one after another, each whole, so a crash never leaves half a file.
      const write = () => writeJsonAtomically(file, { version: 1, entries: all } satisfies StoredFile);
      // A failed write does not stop the later ones.
      writing = writing.then(write, write);
      await writing;
    },
  };
}

async function readEntries(file: string): Promise<Record<string, StoredEntry>> {
  try {
    const parsed = JSON.parse(await readFile(file, "utf8")) as Partial<StoredFile>;
    return parsed.version === 1 && parsed.entries && typeof parsed.entries === "object" ? parsed.entries : {};
  } catch {
    // No cache yet, or an unreadable one: start afresh; it only costs re-hashing.
    return {};
  }
}
