// The hash cache for the CLI: a small JSON file in the user's cache folder.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import type { HashCache, HashCacheEntry } from "./hash-files";

type Env = Readonly<Record<string, string | undefined>>;
type StoredEntry = { size: number; mtimeMs: number; sha256: string; hashedAt: string };
type StoredFile = { version: 1; entries: Record<string, StoredEntry> };

/** `COMFYFIXER_CACHE_DIR`, else `$XDG_CACHE_HOME/comfyfixer`, else `~/.cache/comfyfixer`. */
export function defaultCacheDir(env: Env = process.env): string {
  if (env.COMFYFIXER_CACHE_DIR) return env.COMFYFIXER_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "comfyfixer");
}

export function createFileHashCache(options: { dir?: string } = {}): HashCache & { file: string } {
  const file = join(options.dir ?? defaultCacheDir(), "hashes.json");
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
      writing = writing.then(() => writeAtomically(file, JSON.stringify({ version: 1, entries: all } satisfies StoredFile)));
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

async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, file);
}
