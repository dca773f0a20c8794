import { mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../../../test/database";
import { useTestAccount } from "../../../test/accounts";
import { createContextInner } from "../init";
import { createCaller } from "../root";

describe("inventory router", () => {
  const database = useTestDatabase();
  const admin = useTestAccount(database, "admin");
  const caller = () => createCaller(createContextInner({ db: database.db, env: database.env(), actor: admin.actor }));
  let modelsRoot = "";

  const put = async (relative: string, content: string) => {
    const file = join(modelsRoot, relative);
    await mkdir(join(file, ".."), { recursive: true });
    await writeFile(file, content);
    return file;
  };

  beforeAll(async () => {
    modelsRoot = await mkdtemp(join(tmpdir(), "cf-inventory-"));
    await put("checkpoints/base.safetensors", "B".repeat(3000));
    await put("checkpoints/copy-of-lora.safetensors", "L".repeat(1200));
    await put("loras/detail.safetensors", "L".repeat(1200));
    await put("loras/styles/ink.safetensors", "I".repeat(800));
    await put("vae/ink.safetensors", "I".repeat(800));
    await put("checkpoints/wrong-place-vae.safetensors", "V".repeat(500));
    await caller().settings.update({ paths: { models_roots: [modelsRoot, join(modelsRoot, "nope")] } });
  });
  afterAll(async () => {
    await rm(modelsRoot, { recursive: true, force: true });
  });

  it("lists folders with counts and sizes and the free disk space", async () => {
    const report = await caller().inventory.get({ modelsRoot });
    const byFolder = Object.fromEntries(report.folders.map((folder) => [folder.folder, folder]));
    expect(byFolder.checkpoints).toMatchObject({ fileCount: 3, totalBytes: 4700 });
    expect(byFolder.loras).toMatchObject({ fileCount: 2, totalBytes: 2000 });
    expect(byFolder.vae).toMatchObject({ fileCount: 1, totalBytes: 800 });
    expect(report.totals).toEqual({ files: 6, bytes: 7500, hashedFiles: 0 });
    expect(report.files.map((file) => `${file.folder}/${file.relativePath}`)).toContain("loras/styles/ink.safetensors");
    expect(report.disk!.freeBytes).toBeGreaterThan(0);
    expect(report.disk!.totalBytes).toBeGreaterThanOrEqual(report.disk!.freeBytes);
  });

  it("suggests same-name-and-size copies, and confirms copies whose cached hashes match", async () => {
    const unhashed = await caller().inventory.get({ modelsRoot });
    expect(unhashed.duplicates).toEqual([
      expect.objectContaining({
        confirmed: false,
        size: 800,
        wastedBytes: 800,
        files: expect.arrayContaining([expect.objectContaining({ relativePath: "styles/ink.safetensors" })]),
      }),
    ]);

    const sameContent = [join(modelsRoot, "checkpoints/copy-of-lora.safetensors"), join(modelsRoot, "loras/detail.safetensors")];
    const sha256 = "a".repeat(64);
    for (const path of sameContent) {
      const info = await stat(path);
      await database.db.fileHash.create({ data: { path, size: BigInt(info.size), mtimeMs: info.mtimeMs, sha256 } });
    }
    // A stale hash (recorded for another size) must not count.
    await database.db.fileHash.create({ data: { path: join(modelsRoot, "checkpoints/base.safetensors"), size: 1n, mtimeMs: 0, sha256 } });

    const report = await caller().inventory.get({ modelsRoot });
    expect(report.totals.hashedFiles).toBe(2);
    const confirmed = report.duplicates.filter((group) => group.confirmed);
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0]).toMatchObject({ sha256, size: 1200, wastedBytes: 1200 });
    expect(confirmed[0]!.files.map((file) => file.path).sort()).toEqual([...sameContent].sort());
    expect(report.duplicates.filter((group) => !group.confirmed)).toHaveLength(1);
  });

  it("reports models past runs asked for that sit in another folder", async () => {
    const run = await database.db.run.create({ data: { modelsRoot, status: "completed" } });
    await database.db.runModel.create({
      data: {
        runId: run.id,
        name: "wrong-place-vae.safetensors",
        folder: "vae",
        nodeType: "VAELoader",
        nodeId: "3",
        workflows: ["a.json"],
        status: "skipped",
        foundAt: join(modelsRoot, "checkpoints/wrong-place-vae.safetensors"),
      },
    });
    await database.db.runModel.create({
      data: {
        runId: run.id,
        name: "base.safetensors",
        folder: "checkpoints",
        nodeType: "CheckpointLoaderSimple",
        nodeId: "4",
        workflows: ["a.json"],
        status: "present",
        foundAt: join(modelsRoot, "checkpoints/base.safetensors"),
      },
    });
    const report = await caller().inventory.get({ modelsRoot });
    expect(report.misplaced).toEqual([
      expect.objectContaining({ name: "wrong-place-vae.safetensors", folder: "vae", path: join(modelsRoot, "checkpoints/wrong-place-vae.safetensors") }),
    ]);
  });

  it("refuses a folder that is not one of the configured models roots, without scanning it", async () => {
    for (const modelsRoot of ["/etc", join(tmpdir()), "relative/models"]) {
      const error = await caller()
        .inventory.get({ modelsRoot })
        .catch((caught: unknown) => caught);
      expect((error as TRPCError).code, modelsRoot).toBe("FORBIDDEN");
      expect((error as TRPCError).message).toContain("not one of the models roots");
    }
  });

  it("says what to do when the models folder does not exist", async () => {
    const error = await caller()
      .inventory.get({ modelsRoot: join(modelsRoot, "nope") })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("NOT_FOUND");
    expect((error as TRPCError).message).toMatch(/does not exist.*Settings/);
  });
});
