// The Postgres search cache against a real database: round trip, TTL, off switch, oldest-first eviction.
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../../test/database";
import { createPostgresSearchCache } from "./search-cache";

describe("Postgres search cache", () => {
  const database = useTestDatabase();
  const settings = { enabled: true, ttl_hours: 1, max_size_mb: 1 };

  it("stores answers as JSON rows with their size, shared by every client", async () => {
    const value = { status: 200, body: { items: [{ id: 1, name: "Juggernaut XL" }] } };
    await createPostgresSearchCache(database.db, settings).set("GET https://civitai.com/api/v1/models?query=jug anon", value);
    const other = createPostgresSearchCache(database.db, settings);
    expect(await other.get("GET https://civitai.com/api/v1/models?query=jug anon")).toEqual(value);
    const row = await database.db.searchCacheEntry.findUniqueOrThrow({ where: { key: "GET https://civitai.com/api/v1/models?query=jug anon" } });
    expect(row.sizeBytes).toBe(Buffer.byteLength(JSON.stringify(value)));
    expect(await other.get("never set")).toBeUndefined();
  });

  it("expires entries after the TTL and replaces them on the next set", async () => {
    let now = Date.parse("2025-06-01T00:00:00Z");
    const cache = createPostgresSearchCache(database.db, settings, { now: () => now });
    await cache.set("ttl", "old");
    now += 3_600_000 - 1000;
    expect(await cache.get("ttl")).toBe("old");
    now += 1000;
    expect(await cache.get("ttl")).toBeUndefined();
    await cache.set("ttl", "new");
    expect(await cache.get("ttl")).toBe("new");
  });

  it("does nothing when disabled", async () => {
    const cache = createPostgresSearchCache(database.db, { ...settings, enabled: false });
    await cache.set("off", 1);
    expect(await cache.get("off")).toBeUndefined();
    expect(await database.db.searchCacheEntry.count({ where: { key: "off" } })).toBe(0);
  });

  it("evicts the oldest entries first when the size cap is passed", async () => {
    await database.db.searchCacheEntry.deleteMany({ where: { key: { not: "" } } });
    const value = "x".repeat(1000);
    const entryBytes = Buffer.byteLength(JSON.stringify(value));
    let now = Date.now();
    const cache = createPostgresSearchCache(database.db, { ...settings, max_size_mb: (entryBytes * 3) / (1024 * 1024) }, { now: () => now });
    for (const key of ["first", "second", "third", "fourth"]) {
      now += 1000;
      await cache.set(key, value);
    }
    const keys = (await database.db.searchCacheEntry.findMany({ select: { key: true }, orderBy: { createdAt: "asc" } })).map((row) => row.key);
    expect(keys).toEqual(["second", "third", "fourth"]);
    now += 1000;
    await cache.set("second", value);
    now += 1000;
    await cache.set("fifth", value);
    expect(await cache.get("third")).toBeUndefined();
    expect(await cache.get("second")).toBe(value);
  });
});
