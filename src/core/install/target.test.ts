import { mkdtempSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { installTargetFor, TargetPathError, withPublishedExtension } from "./target";

const root = mkdtempSync(path.join(tmpdir(), "comfyfixer-target-"));
const loras = path.join(root, "models", "loras");
mkdirSync(loras, { recursive: true });
symlinkSync(tmpdir(), path.join(loras, "escape"));
mkdirSync(path.join(loras, "real"));
symlinkSync(path.join(loras, "real"), path.join(loras, "inside-link"));
// A models folder that is itself a symlink to another disk.
mkdirSync(path.join(root, "other-disk", "checkpoints"), { recursive: true });
symlinkSync(path.join(root, "other-disk", "checkpoints"), path.join(root, "models", "checkpoints"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const lora = (name: string) => installTargetFor({ folder: "loras", name }, loras);

describe("installTargetFor", () => {
  it("places a name, subfolders kept, inside its folder, keyed by folder/name", () => {
    expect(lora("sdxl/juggernaut.safetensors")).toEqual({
      folder: "loras",
      name: "sdxl/juggernaut.safetensors",
      key: "loras/sdxl/juggernaut.safetensors",
      absolutePath: path.join(loras, "sdxl", "juggernaut.safetensors"),
    });
    expect(lora("style\\a.safetensors").absolutePath).toBe(path.join(loras, "style", "a.safetensors"));
    expect(lora("./a//b.safetensors").name).toBe("a/b.safetensors");
  });

  it.each([
    ["../x.safetensors", /'\.\.'/],
    ["sub/../../x", /'\.\.'/],
    ["..\\x", /'\.\.'/],
    ["/etc/passwd", /absolute/],
    ["\\\\server\\share\\x", /absolute/],
    ["C:\\models\\x.safetensors", /drive letter/],
    ["c:x", /drive letter/],
    ["a\0b.safetensors", /NUL/],
    ["a\nb.safetensors", /control characters/],
    ["", /empty/],
    [`${"x".repeat(300)}.safetensors`, /longer than 255 bytes/],
    ["escape/x.safetensors", /symlink/],
  ])("refuses %j", (name, reason) => {
    expect(() => lora(name)).toThrow(TargetPathError);
    expect(() => lora(name)).toThrow(reason);
  });

  it("allows a symlink that stays inside the folder, and a folder that is itself a symlink", () => {
    expect(lora("inside-link/a.safetensors").absolutePath).toBe(path.join(loras, "inside-link", "a.safetensors"));
    const onOtherDisk = installTargetFor({ folder: "checkpoints", name: "a.safetensors" }, path.join(root, "models", "checkpoints"));
    expect(onOtherDisk.absolutePath).toBe(path.join(root, "models", "checkpoints", "a.safetensors"));
  });

  it("never returns a path outside the folder, whatever the name", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("..", ".", "a", "b", "", "/", "\\", "C:", "\0", "escape"), { maxLength: 6 }), (parts) => {
        const name = parts.join("/");
        try {
          const target = lora(name);
          expect(path.relative(loras, target.absolutePath).startsWith("..")).toBe(false);
          expect(target.absolutePath.startsWith(loras + path.sep)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(TargetPathError);
        }
      }),
    );
  });
});

describe("withPublishedExtension", () => {
  it("gives a name without an extension the published file's, and leaves others alone", () => {
    const embedding = installTargetFor({ folder: "embeddings", name: "EasyNegative" }, path.join(root, "models", "embeddings"));
    expect(withPublishedExtension(embedding, "easynegative.safetensors")).toMatchObject({
      name: "EasyNegative.safetensors",
      key: "embeddings/EasyNegative.safetensors",
      absolutePath: path.join(root, "models", "embeddings", "EasyNegative.safetensors"),
    });
    expect(withPublishedExtension(embedding, "README.md")).toBe(embedding);
    expect(withPublishedExtension(lora("a.safetensors"), "a.ckpt").name).toBe("a.safetensors");
  });
});
