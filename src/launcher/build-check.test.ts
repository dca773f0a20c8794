import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIsMissingOrStale } from "./build-check";

describe("buildIsMissingOrStale", () => {
  let root: string;
  const at = (seconds: number) => new Date(1_800_000_000_000 + seconds * 1000);
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "cf-build-check-"));
    await mkdir(join(root, "src", "app"), { recursive: true });
    await mkdir(join(root, "src", "generated"), { recursive: true });
    await writeFile(join(root, "src", "app", "page.tsx"), "export default 1");
    await writeFile(join(root, "src", "generated", "client.ts"), "");
    for (const path of [join(root, "src", "app", "page.tsx"), join(root, "src", "app"), join(root, "src")]) await utimes(path, at(0), at(0));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("says missing before the first build", async () => {
    expect(await buildIsMissingOrStale(root)).toBe("missing");
  });

  it("is satisfied by a build newer than every source, whatever the generated client's time", async () => {
    await mkdir(join(root, ".next"), { recursive: true });
    await writeFile(join(root, ".next", "BUILD_ID"), "x");
    await utimes(join(root, ".next", "BUILD_ID"), at(10), at(10));
    expect(await buildIsMissingOrStale(root)).toBe("missing"); // the worker's build is not there yet
    await mkdir(join(root, "dist", "worker"), { recursive: true });
    await writeFile(join(root, "dist", "worker", "main.mjs"), "x");
    await utimes(join(root, "dist", "worker", "main.mjs"), at(12), at(12));
    await utimes(join(root, "src", "generated", "client.ts"), at(20), at(20));
    await utimes(join(root, "src", "generated"), at(0), at(0));
    expect(await buildIsMissingOrStale(root)).toBeNull();
  });

  it("says stale once a source changed after the build", async () => {
    await utimes(join(root, "src", "app", "page.tsx"), at(30), at(30));
    expect(await buildIsMissingOrStale(root)).toBe("stale");
  });
});
