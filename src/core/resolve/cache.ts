// Local search-cache stores (memory, JSON file) with the TTL, on/off switch and size cap from settings.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeJsonAtomically } from "../config/atomic-json";
import type { SearchCache } from "./types";

export type SearchCacheLimits = {
  enabled: boolean;
  ttlHours: number;
  maxSizeMb: number;
  /** Clock for TTL checks (tests move it forward). */
  now?: () => number;
};

type StoredEntry = { value: unknown; sizeBytes: number; createdAt: number };

export const BYTES_PER_MB = 1024 * 1024;

/** Size of a value as it would be stored (its JSON text). */
export function cacheValueSize(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? "null", "utf8");
}

export function isExpired(createdAt: number, now: number, ttlHours: number): boolean {
  return now - createdAt >= ttlHours * 3_600_000;
}

/** Entries in insertion (= age) order; the oldest leave first when the cap is exceeded. */
class BoundedEntries {
  private readonly entries = new Map<string, StoredEntry>();
  private totalBytes = 0;

  constructor(private readonly limits: SearchCacheLimits) {}

  private now(): number {
    return (this.limits.now ?? Date.now)();
  }

  get(key: string): unknown | undefined {
    if (!this.limits.enabled) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (isExpired(entry.createdAt, this.now(), this.limits.ttlHours)) {
      this.delete(key);
      return undefined;
    }
    return structuredClone(entry.value);
  }

  /** False when nothing changed (cache off, or the value alone is larger than the cap). */
  set(key: string, value: unknown, createdAt = this.now()): boolean {
    if (!this.limits.enabled) return false;
    const sizeBytes = cacheValueSize(value);
    const capBytes = this.limits.maxSizeMb * BYTES_PER_MB;
    if (sizeBytes > capBytes) return false;
    this.delete(key);
    this.entries.set(key, { value: structuredClone(value), sizeBytes, createdAt });
    this.totalBytes += sizeBytes;
    for (const oldest of this.entries.keys()) {
      if (this.totalBytes <= capBytes) break;
      this.delete(oldest);
    }
    return true;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.totalBytes -= entry.sizeBytes;
    this.entries.delete(key);
  }

  toJSON(): Array<[string, StoredEntry]> {
    return [...this.entries];
  }

  load(stored: Array<[string, StoredEntry]>): void {
    const now = this.now();
    const fresh = stored.filter(([, entry]) => !isExpired(entry.createdAt, now, this.limits.ttlHours)).sort((a, b) => a[1].createdAt - b[1].createdAt);
    for (const [key, entry] of fresh) this.set(key, entry.value, entry.createdAt);
  }
}

export function createMemorySearchCache(limits: SearchCacheLimits): SearchCache {
  const entries = new BoundedEntries(limits);
  return {
    get: async (key) => entries.get(key),
    set: async (key, value) => void entries.set(key, value),
  };
}

export const SEARCH_CACHE_FILE = "search-cache.json";

export type FileSearchCache = SearchCache & {
  /** Resolves once everything set so far is on disk. */
  flush(): Promise<void>;
};

/** One JSON file; writes are coalesced, replaced atomically, and a broken file counts as empty. */
export function createFileSearchCache(options: SearchCacheLimits & { dir: string }): FileSearchCache {
  const file = join(options.dir, SEARCH_CACHE_FILE);
  const entries = new BoundedEntries(options);
  let loaded: Promise<void> | undefined;
  let writing: Promise<void> = Promise.resolve();
  let dirty = false;

  const load = () =>
    (loaded ??= readFile(file, "utf8")
      .then(
        (text) => {
          const parsed = JSON.parse(text) as { version?: number; entries?: Array<[string, StoredEntry]> };
          if (parsed.version === 1 && Array.isArray(parsed.entries)) entries.load(parsed.entries);
        },
        () => undefined,
      )
      .catch(() => undefined));

  const write = async () => {
    if (!dirty) return;
    dirty = false;
    await writeJsonAtomically(file, { version: 1, entries: entries.toJSON() });
  };

  const flush = () => {
    writing = writing.then(write, write);
    return writing;
  };

  return {
    async get(key) {
      await load();
      return entries.get(key);
    },
    async set(key, value) {
      await load();
      if (!entries.set(key, value)) return;
      dirty = true;
      await flush();
    },
    async flush() {
      await writing;
    },
  };
}
