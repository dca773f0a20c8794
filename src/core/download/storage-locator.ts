// Where a source's download URL sends the bytes (its redirect to storage), asked once and handed to the one download
// that needs it. The resolver sees that redirect already when it checks a Civitai download, and asks Hugging Face's
// /resolve while it settles the rest, so the download that follows skips one API answer. In memory for minutes,
// never persisted: storage URLs are signed for this caller and expire.
import type { HttpClient } from "../net/http";
import type { StorageLocator } from "./types";
import { prepareSource } from "./prepare";

/** Well inside the shortest signed-URL lifetime (an hour on the Hub), and long enough to outlast a resolution. */
export const STORAGE_MEMO_TTL_MS = 5 * 60 * 1000;

type Entry = { storage: Promise<URL | null>; expiresAt: number };

export function createStorageLocator(http: HttpClient, options: { ttlMs?: number; now?: () => number } = {}): StorageLocator {
  const ttlMs = options.ttlMs ?? STORAGE_MEMO_TTL_MS;
  const now = options.now ?? Date.now;
  const memo = new Map<string, Entry>();
  const keep = (source: URL, storage: Promise<URL | null>) => {
    for (const [key, entry] of memo) if (entry.expiresAt <= now()) memo.delete(key);
    memo.set(source.href, { storage, expiresAt: now() + ttlMs });
  };
  const take = (source: URL): Promise<URL | null> => {
    const entry = memo.get(source.href);
    memo.delete(source.href);
    if (!entry || entry.expiresAt <= now()) return Promise.resolve(null);
    return entry.storage;
  };
  return {
    take,
    async locate(source, signal) {
      return (await take(source)) ?? prepareSource(http, source, signal);
    },
    prefetch(source) {
      if (memo.has(source.href)) return;
      keep(
        source,
        prepareSource(http, source, AbortSignal.timeout(ttlMs)).catch(() => null),
      );
    },
    remember(source, storage) {
      keep(source, Promise.resolve(storage));
    },
  };
}
