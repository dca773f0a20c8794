import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildInventory, hashFiles } from "../../core/inventory";
import { useTestDatabase } from "../../test/database";
import { createPostgresHashCache } from "./hash-cache";

describe("Postgres hash cache", () => {
  const database = useTestDatabase();
  let modelsDir: string;

  beforeAll(async () => {
    modelsDir = await mkdtemp(join(tmpdir(), "cf-hash-pg-"));
    await mkdir(join(modelsDir, "checkpoints"), { recursive: true });
    await mkdir(join(modelsDir, "loras"), { recursive: true });
    await writeFile(join(modelsDir, "checkpoints", "a.safetensors"), "model a");
    await writeFile(join(modelsDir, "loras", "b.safetensors"), "model b");
    await writeFile(join(modelsDir, "loras", "copy of a.safetensors"), "model a");
  });
  afterAll(async () => {
    await rm(modelsDir, { recursive: true, force: true });
  });

  it("stores hashes in FileHash and answers the second run from them", async () => {
    const cache = createPostgresHashCache(database.db);
    const inventory = await buildInventory({ modelsDir });
    const first = await hashFiles(inventory.files, { cache });
    expect([first.hashedCount, first.cachedCount]).toEqual([3, 0]);
    expect(await database.db.fileHash.count()).toBe(3);
    const row = await database.db.fileHash.findUniqueOrThrow({ where: { path: join(modelsDir, "checkpoints", "a.safetensors") } });
    expect(row.sha256).toBe(first.byPath.get(row.path)?.sha256);
    expect(row.size).toBe(7n);

    const second = await hashFiles(inventory.files, { cache: createPostgresHashCache(database.db) });
    expect([second.hashedCount, second.cachedCount]).toEqual([0, 3]);
  });

  it("misses when the file's size or mtime changed, and overwrites the row", async () => {
    const path = join(modelsDir, "loras", "b.safetensors");
    await writeFile(path, "model b, retrained");
    await utimes(path, new Date(), new Date(Date.now() + 5_000));
    const inventory = await buildInventory({ modelsDir });
    const cache = createPostgresHashCache(database.db);
    const report = await hashFiles(inventory.files, { cache });
    expect([report.hashedCount, report.cachedCount]).toEqual([1, 2]);
    const row = await database.db.fileHash.findUniqueOrThrow({ where: { path } });
    expect(row.sha256).toBe(report.byPath.get(path)?.sha256);
    expect(Number(row.size)).toBe("model b, retrained".length);
  });

  it("answers many lookups from one tick with one query: hits, misses and stale rows alike", async () => {
    const stored = await database.db.fileHash.findUniqueOrThrow({ where: { path: join(modelsDir, "checkpoints", "a.safetensors") } });
    let queries = 0;
    const fileHash = new Proxy(database.db.fileHash, {
      get: (table, property, receiver) =>
        property === "findMany"
          ? (...args: Parameters<typeof table.findMany>) => {
              queries++;
              return table.findMany(...args);
            }
          : Reflect.get(table, property, receiver),
    });
    const countingDb = new Proxy(database.db, { get: (db, property, receiver) => (property === "fileHash" ? fileHash : Reflect.get(db, property, receiver)) });
    const cache = createPostgresHashCache(countingDb);

    const answers = await Promise.all([
      cache.get(stored.path, Number(stored.size), stored.mtimeMs),
      cache.get(stored.path, Number(stored.size), stored.mtimeMs + 1),
      cache.get("/nowhere/x.safetensors", 1, 1),
    ]);
    expect(answers).toEqual([stored.sha256, null, null]);
    expect(queries).toBe(1);
    await cache.get("/nowhere/y.safetensors", 1, 1);
    expect(queries).toBe(2);
  });
});
