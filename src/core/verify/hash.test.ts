import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { autoV2, sha256File } from "./hash";

describe("sha256File", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cf-hash-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("hashes an empty file and a multi-chunk file like node:crypto does on the whole buffer", async () => {
    const empty = join(dir, "empty.bin");
    await writeFile(empty, "");
    expect(await sha256File(empty)).toEqual({ sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", size: 0 });

    const content = randomBytes(9 * 1024 * 1024 + 123); // more than two read chunks
    const big = join(dir, "big model ✓.safetensors");
    await writeFile(big, content);
    const expected = createHash("sha256").update(content).digest("hex");
    expect(await sha256File(big)).toEqual({ sha256: expected, size: content.length });
  });

  it("hashes several files at once on the pool, each correctly", async () => {
    const contents = Array.from({ length: 7 }, (_, index) => randomBytes(100_000 + index));
    const paths = await Promise.all(
      contents.map(async (content, index) => {
        const path = join(dir, `many-${index}.bin`);
        await writeFile(path, content);
        return path;
      }),
    );
    const digests = await Promise.all(paths.map((path) => sha256File(path)));
    expect(digests.map((digest) => digest.sha256)).toEqual(contents.map((content) => createHash("sha256").update(content).digest("hex")));
  });

  it("rejects with the path and the reason for a file it cannot read", async () => {
    const missing = join(dir, "absent.safetensors");
    await expect(sha256File(missing)).rejects.toMatchObject({ message: expect.stringContaining(`Cannot hash ${missing}`), code: "ENOENT" });
    // The pool is still usable after a failure.
    const ok = join(dir, "ok.bin");
    await writeFile(ok, "abc");
    expect((await sha256File(ok)).sha256).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("AutoV2 is the first 10 hex digits, upper case", () => {
    expect(autoV2("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")).toBe("BA7816BF8F");
  });
});
