// The resolver's search cache in Postgres (SearchCacheEntry rows): shared by every worker, TTL and size cap applied here.
import type { Settings } from "../../core/config/schema";
import type { SearchCache } from "../../core/resolve";
import { Prisma } from "../../generated/prisma/client";
import type { Db } from "../db/client";

const BYTES_PER_MB = 1024 * 1024;

export type PostgresSearchCacheOptions = {
  /** Clock for createdAt and TTL checks (tests move it forward). */
  now?: () => number;
};

export function createPostgresSearchCache(db: Db, settings: Settings["cache"], options: PostgresSearchCacheOptions = {}): SearchCache {
  const now = options.now ?? Date.now;
  const ttlMs = settings.ttl_hours * 3_600_000;
  const capBytes = Math.floor(settings.max_size_mb * BYTES_PER_MB);
  const cutoff = () => new Date(now() - ttlMs);

  /** Drops expired rows, then the oldest rows beyond the cap: keeps the newest whose running total fits. */
  const evict = () =>
    db.$executeRaw`
      DELETE FROM "SearchCacheEntry" WHERE "key" IN (
        SELECT "key" FROM (
          SELECT "key", "createdAt",
                 SUM("sizeBytes") OVER (ORDER BY "createdAt" DESC, "key" DESC) AS "runningBytes"
          FROM "SearchCacheEntry"
        ) AS ranked
        WHERE "runningBytes" > ${capBytes} OR "createdAt" <= ${cutoff()}
      )`;

  return {
    async get(key) {
      if (!settings.enabled) return undefined;
      const row = await db.searchCacheEntry.findUnique({ where: { key }, select: { value: true, createdAt: true } });
      if (!row || row.createdAt <= cutoff()) return undefined;
      return row.value;
    },
    async set(key, value) {
      if (!settings.enabled) return;
      const json = JSON.stringify(value) ?? "null";
      const sizeBytes = Buffer.byteLength(json, "utf8");
      if (sizeBytes > capBytes) return;
      const parsed = JSON.parse(json) as Prisma.InputJsonValue | null;
      const stored = parsed === null ? Prisma.JsonNull : parsed;
      const createdAt = new Date(now());
      await db.searchCacheEntry.upsert({
        where: { key },
        create: { key, value: stored, sizeBytes, createdAt },
        update: { value: stored, sizeBytes, createdAt },
      });
      await evict();
    },
  };
}
