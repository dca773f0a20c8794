import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { autoV2, sha256File } from "./file-digest";
import { createHasher } from "./hasher";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describe("hashing", () => {
  let dir: string;
  const hasher = createHasher(2);
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cf-hash-"));
  });
  afterAll(async () => {
    await hasher.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("hashes an empty file and a multi-step file like node:crypto does on the whole buffer, with progress", async () => {
    const empty = join(dir, "empty.bin");
    await writeFile(empty, "");
    expect(await sha256File(empty)).toEqual({ sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", size: 0 });

    const content = randomBytes(17 * 1024 * 1024 + 123); // more than two hashing steps
    const big = join(dir, "big model ✓.safetensors");
    await writeFile(big, content);
    const progress: number[] = [];
    expect(await sha256File(big, { onProgress: (bytes) => progress.push(bytes) })).toEqual({ sha256: sha256(content), size: content.length });
    expect(progress.at(-1)).toBe(content.length);
    expect(progress.length).toBeGreaterThanOrEqual(3);
  });

  it("hashes several files at once, each correctly", async () => {
    const contents = Array.from({ length: 7 }, (_, index) => randomBytes(100_000 + index));
    const paths = await Promise.all(
      contents.map(async (content, index) => {
        const path = join(dir, `many-${index}.bin`);
        await writeFile(path, content);
        return path;
      }),
    );
    const digests = await Promise.all(paths.map((path) => sha256File(path, { hasher })));
    expect(digests.map((digest) => digest.sha256)).toEqual(contents.map(sha256));
  });

  it("continues a hash range by range, and a copy goes on from the same state", async () => {
    const content = randomBytes(3 * 1024 * 1024);
    const path = join(dir, "ranges.bin");
    await writeFile(path, content);
    const handle = hasher.create();
    await hasher.hashRange(handle, path, 0, 1_000_000);
    const copy = hasher.copy(handle);
    await hasher.hashRange(handle, path, 1_000_000, content.length);
    await hasher.hashRange(copy, path, 1_000_000, 2_000_000);
    expect(await hasher.digest(handle)).toBe(sha256(content));
    expect(await hasher.digest(copy)).toBe(sha256(content.subarray(0, 2_000_000)));
  });

  it("rejects with the path and the reason for a file it cannot read, and stays usable", async () => {
    const missing = join(dir, "absent.safetensors");
    await expect(sha256File(missing)).rejects.toMatchObject({ message: expect.stringContaining(`Cannot hash ${missing}`), code: "ENOENT" });
    const short = join(dir, "short.bin");
    await writeFile(short, "abc");
    const handle = hasher.create();
    await expect(hasher.hashRange(handle, short, 0, 10)).rejects.toThrow(/ended at 3 bytes/);
    hasher.drop(handle);
    expect((await sha256File(short)).sha256).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("stops between steps when cancelled", async () => {
    const path = join(dir, "cancel.bin");
    await writeFile(path, randomBytes(1024));
    const handle = hasher.create();
    await expect(hasher.hashRange(handle, path, 0, 1024, { signal: AbortSignal.abort(new Error("stop")) })).rejects.toThrow("stop");
    hasher.drop(handle);
  });

  it("AutoV2 is the first 10 hex digits, upper case", () => {
    expect(autoV2("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")).toBe("BA7816BF8F");
  });
});
