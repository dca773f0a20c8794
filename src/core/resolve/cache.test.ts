// The local search-cache stores: TTL, off switch, size cap with oldest-first eviction, and the JSON file.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BYTES_PER_MB, cacheValueSize, createFileSearchCache, createMemorySearchCache, SEARCH_CACHE_FILE, type SearchCacheLimits } from "./cache";
import type { SearchCache } from "./types";

type Factory = (limits: SearchCacheLimits) => SearchCache;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "cf-search-cache-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const factories: Array<[string, Factory]> = [
  ["memory", (limits) => createMemorySearchCache(limits)],
  ["file", (limits) => createFileSearchCache({ ...limits, dir })],
];

describe.each(factories)("%s search cache", (_kind, create) => {
  it("returns what was set, as a copy", async () => {
    const cache = create({ enabled: true, ttlHours: 1, maxSizeMb: 1 });
    const value = { items: [1, 2, 3] };
    await cache.set("a", value);
    value.items.push(4);
    expect(await cache.get("a")).toEqual({ items: [1, 2, 3] });
    expect(await cache.get("missing")).toBeUndefined();
  });

  it("forgets entries older than the TTL", async () => {
    let now = 1_000_000;
    const cache = create({ enabled: true, ttlHours: 2, maxSizeMb: 1, now: () => now });
    await cache.set("a", "answer");
    now += 2 * 3_600_000 - 1;
    expect(await cache.get("a")).toBe("answer");
    now += 1;
    expect(await cache.get("a")).toBeUndefined();
  });

  it("keeps nothing when disabled", async () => {
    const cache = create({ enabled: false, ttlHours: 1, maxSizeMb: 1 });
    await cache.set("a", "answer");
    expect(await cache.get("a")).toBeUndefined();
  });

  it("evicts the oldest entries first once the size cap is passed", async () => {
    const value = "x".repeat(400);
    const entrySize = cacheValueSize(value);
    const cache = create({ enabled: true, ttlHours: 1, maxSizeMb: (entrySize * 3) / BYTES_PER_MB });
    for (const key of ["first", "second", "third", "fourth"]) await cache.set(key, value);
    expect(await cache.get("first")).toBeUndefined();
    for (const key of ["second", "third", "fourth"]) expect(await cache.get(key)).toBe(value);
    await cache.set("second", value);
    await cache.set("fifth", value);
    expect(await cache.get("third")).toBeUndefined();
    expect(await cache.get("second")).toBe(value);
  });
});

describe("file search cache", () => {
  it("keeps answers across processes in one JSON file", async () => {
    const first = createFileSearchCache({ enabled: true, ttlHours: 1, maxSizeMb: 1, dir });
    await first.set("GET https://civitai.com/api/v1/models?query=x anon", { status: 200, body: { items: [] } });
    await first.flush();
    const stored = JSON.parse(await readFile(join(dir, SEARCH_CACHE_FILE), "utf8")) as { version: number; entries: unknown[] };
    expect(stored.version).toBe(1);
    expect(stored.entries).toHaveLength(1);
    const second = createFileSearchCache({ enabled: true, ttlHours: 1, maxSizeMb: 1, dir });
    expect(await second.get("GET https://civitai.com/api/v1/models?query=x anon")).toEqual({ status: 200, body: { items: [] } });
  });

  it("treats a damaged file as empty and replaces it", async () => {
    await writeFile(join(dir, SEARCH_CACHE_FILE), "{ not json");
    const cache = createFileSearchCache({ enabled: true, ttlHours: 1, maxSizeMb: 1, dir });
    expect(await cache.get("a")).toBeUndefined();
    await cache.set("a", 1);
    expect(await createFileSearchCache({ enabled: true, ttlHours: 1, maxSizeMb: 1, dir }).get("a")).toBe(1);
  });
});
