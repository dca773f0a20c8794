// Where a source's download URL sends the bytes (its redirect to storage), asked once and handed to the one download
// that needs it. The resolver sees that redirect already when it checks a Civitai download, and asks Hugging Face's
// /resolve while it settles the rest, so the download that follows skips one API answer. In memory for minutes,
// never persisted: storage URLs are signed for this caller and expire.
import type { HttpClient } from "../net/http";
import type { StorageLocator } from "./types";
import { prepareSource } from "./prepare";

/** Well inside the shortest signed-URL lifetime (an hour on the Hub), and long enough to outlast a resolution. */
export const STORAGE_MEMO_TTL_MS = 5 * 60 * 1000;

export type StorageLocatorOptions = {
  /** How long an answer asked ahead is kept (default STORAGE_MEMO_TTL_MS). */
  ttlMs?: number;
  /** How long a question asked ahead may take before it is dropped (default 30 s, the API timeout's default). */
  askTimeoutMs?: number;
  now?: () => number;
};

type Entry = { storage: Promise<URL | null>; expiresAt: number };

/** Resolves to null when the signal aborts first. */
function unlessAborted<T>(promise: Promise<T | null>, signal: AbortSignal | undefined): Promise<T | null> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.resolve(null);
  return new Promise((resolve) => {
    const onAbort = () => resolve(null);
    signal.addEventListener("abort", onAbort, { once: true });
    void promise.then((value) => {
      signal.removeEventListener("abort", onAbort);
      resolve(value);
    });
  });
}

export function createStorageLocator(http: HttpClient, options: StorageLocatorOptions = {}): StorageLocator {
  const ttlMs = options.ttlMs ?? STORAGE_MEMO_TTL_MS;
  const askTimeoutMs = options.askTimeoutMs ?? 30_000;
  const now = options.now ?? Date.now;
  const memo = new Map<string, Entry>();
  const keep = (source: URL, storage: Promise<URL | null>) => {
    for (const [key, entry] of memo) if (entry.expiresAt <= now()) memo.delete(key);
    memo.set(source.href, { storage, expiresAt: now() + ttlMs });
  };
  const take = (source: URL, signal?: AbortSignal): Promise<URL | null> => {
    const entry = memo.get(source.href);
    memo.delete(source.href);
    if (!entry || entry.expiresAt <= now()) return Promise.resolve(null);
    return unlessAborted(entry.storage, signal);
  };
  return {
    take,
    async locate(source, signal) {
      return (await take(source, signal)) ?? prepareSource(http, source, signal);
    },
    prefetch(source) {
      if (memo.has(source.href)) return;
      keep(
        source,
        prepareSource(http, source, AbortSignal.timeout(askTimeoutMs)).catch(() => null),
      );
    },
    remember(source, storage) {
      keep(source, Promise.resolve(storage));
    },
  };
}
