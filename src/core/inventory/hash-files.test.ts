import { createHash } from "node:crypto";
import { readFile, utimes, writeFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { buildInventory } from "./build";
import { findDuplicates, findLikelyDuplicates } from "./duplicates";
import { createFileHashCache } from "./file-hash-cache";
import { hashFiles, type HashProgress } from "./hash-files";
import { tempTrees } from "../../test/fixtures/inventory-tree";

const tree = tempTrees("hash-files");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("hashFiles with the local file cache", () => {
  it("hashes every file once, then answers from the cache until a file changes", async () => {
    const t = await tree.create();
    await t.file("models/checkpoints/a.safetensors", "model a");
    await t.file("models/loras/b.safetensors", "model b");
    await t.file("models/loras/copy/a.safetensors", "model a");
    const cacheDir = t.path("cache");
    const inventory = await buildInventory({ modelsDir: t.path("models") });

    const progress: HashProgress[] = [];
    const first = await hashFiles(inventory.files, {
      cache: createFileHashCache({ dir: cacheDir }),
      concurrency: 2,
      onProgress: (event) => progress.push(event),
    });
    expect([first.hashedCount, first.cachedCount, first.hashedBytes, first.failures]).toEqual([3, 0, 21, []]);
    const a = first.byPath.get(t.path("models", "checkpoints", "a.safetensors"));
    expect(a).toEqual({
      path: t.path("models", "checkpoints", "a.safetensors"),
      size: 7,
      sha256: sha256("model a"),
      autoV2: sha256("model a").slice(0, 10).toUpperCase(),
      fromCache: false,
    });
    expect(progress.at(-1)).toMatchObject({ filesDone: 3, filesTotal: 3, bytesDone: 21, bytesTotal: 21 });

    const stored = JSON.parse(await readFile(t.path("cache", "hashes.json"), "utf8")) as { entries: Record<string, { sha256: string }> };
    expect(Object.keys(stored.entries)).toHaveLength(3);

    const second = await hashFiles(inventory.files, { cache: createFileHashCache({ dir: cacheDir }) });
    expect([second.hashedCount, second.cachedCount]).toEqual([0, 3]);
    expect(second.byPath.get(a!.path)).toMatchObject({ sha256: a!.sha256, fromCache: true });

    const b = t.path("models", "loras", "b.safetensors");
    await writeFile(b, "model b v2");
    await utimes(b, new Date(), new Date(Date.now() + 10_000));
    const changed = await buildInventory({ modelsDir: t.path("models") });
    const third = await hashFiles(changed.files, { cache: createFileHashCache({ dir: cacheDir }) });
    expect([third.hashedCount, third.cachedCount]).toEqual([1, 2]);
    expect(third.byPath.get(b)?.sha256).toBe(sha256("model b v2"));
  });

  it("reports unreadable files as failures and keeps the rest", async () => {
    const t = await tree.create();
    await t.file("models/vae/v.safetensors", "v");
    const inventory = await buildInventory({ modelsDir: t.path("models") });
    const ghost = { ...inventory.files[0]!, absolutePath: t.path("models", "vae", "gone.safetensors"), relativePath: "gone.safetensors" };
    const report = await hashFiles([...inventory.files, ghost], { cache: createFileHashCache({ dir: t.path("cache") }) });
    expect(report.hashedCount).toBe(1);
    expect(report.failures).toEqual([{ path: ghost.absolutePath, message: expect.stringContaining("ENOENT") }]);
  });

  it("starts afresh from a corrupt cache file", async () => {
    const t = await tree.create();
    await t.file("cache/hashes.json", "{ not json");
    await t.file("models/vae/v.safetensors", "v");
    const inventory = await buildInventory({ modelsDir: t.path("models") });
    const report = await hashFiles(inventory.files, { cache: createFileHashCache({ dir: t.path("cache") }) });
    expect(report.hashedCount).toBe(1);
  });
});

describe("duplicates", () => {
  it("groups copies by content, ignores the same file seen twice, and counts the wasted bytes", async () => {
    const t = await tree.create();
    await t.file("models/checkpoints/big.safetensors", "0123456789");
    await t.file("models/checkpoints/old/big-copy.safetensors", "0123456789");
    await t.file("models/loras/big.safetensors", "0123456789");
    await t.file("models/loras/other.safetensors", "abcdefghij");
    await t.link("models/vae/linked.safetensors", t.path("models", "loras", "other.safetensors"));
    await t.file("models/vae/empty1.safetensors", "");
    await t.file("models/vae/empty2.safetensors", "");
    const inventory = await buildInventory({ modelsDir: t.path("models") });
    const report = await hashFiles(inventory.files, { cache: createFileHashCache({ dir: t.path("cache") }) });

    const groups = findDuplicates(inventory.files, report.byPath);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ sha256: sha256("0123456789"), size: 10, wastedBytes: 20 });
    expect(groups[0]!.files.map((file) => `${file.folder}/${file.relativePath}`)).toEqual([
      "checkpoints/big.safetensors",
      "checkpoints/old/big-copy.safetensors",
      "loras/big.safetensors",
    ]);

    const likely = findLikelyDuplicates(inventory.files);
    expect(likely.map((group) => group.files.map((file) => file.relativePath))).toEqual([["big.safetensors", "big.safetensors"]]);
    expect(likely[0]).toMatchObject({ sha256: null, wastedBytes: 10 });
  });
});
