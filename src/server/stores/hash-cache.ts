// The hash cache in Postgres (FileHash rows), shared by every worker that sees the same models volume.
import type { HashCache, HashCacheEntry } from "../../core/inventory";
import type { Db } from "../db/client";

type Lookup = { path: string; size: number; mtimeMs: number; resolve: (sha256: string | null) => void; reject: (error: Error) => void };

const WRITE_BATCH = 500;

/** Lookups made in the same tick are answered by one query, so hashing 100k files is not 100k round trips. */
export function createPostgresHashCache(db: Db): HashCache {
  let waiting: Lookup[] = [];

  const answer = async (batch: Lookup[]) => {
    try {
      const rows = await db.fileHash.findMany({
        where: { path: { in: [...new Set(batch.map((lookup) => lookup.path))] } },
        select: { path: true, size: true, mtimeMs: true, sha256: true },
      });
      const byPath = new Map(rows.map((row) => [row.path, row]));
      for (const lookup of batch) {
        const row = byPath.get(lookup.path);
        lookup.resolve(row && row.size === BigInt(lookup.size) && row.mtimeMs === lookup.mtimeMs ? row.sha256 : null);
      }
    } catch (error) {
      for (const lookup of batch) lookup.reject(error as Error);
    }
  };

  return {
    get(path, size, mtimeMs) {
      return new Promise((resolve, reject) => {
        waiting.push({ path, size, mtimeMs, resolve, reject });
        if (waiting.length > 1) return;
        setImmediate(() => {
          const batch = waiting;
          waiting = [];
          void answer(batch);
        });
      });
    },
    async setMany(entries: HashCacheEntry[]) {
      const latest = [...new Map(entries.map((entry) => [entry.path, entry])).values()];
      for (let start = 0; start < latest.length; start += WRITE_BATCH) {
        const batch = latest.slice(start, start + WRITE_BATCH);
        await db.$transaction(
          batch.map(({ path, size, mtimeMs, sha256 }) =>
            db.fileHash.upsert({
              where: { path },
              create: { path, size: BigInt(size), mtimeMs, sha256 },
              update: { size: BigInt(size), mtimeMs, sha256, hashedAt: new Date() },
            }),
          ),
        );
      }
    },
  };
}
