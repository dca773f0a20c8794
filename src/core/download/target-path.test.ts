import { mkdtempSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { TargetPathError } from "./errors";
import { safeTargetPath } from "./target-path";

const root = mkdtempSync(path.join(tmpdir(), "comfyfixer-target-"));
mkdirSync(path.join(root, "checkpoints"));
symlinkSync(tmpdir(), path.join(root, "escape"));
mkdirSync(path.join(root, "real"));
symlinkSync(path.join(root, "real"), path.join(root, "inside-link"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("safeTargetPath", () => {
  it("places a name, subfolders kept, inside the root", () => {
    expect(safeTargetPath(root, "checkpoints/sdxl/juggernaut.safetensors")).toBe(path.join(root, "checkpoints", "sdxl", "juggernaut.safetensors"));
    expect(safeTargetPath(root, "loras\\style\\a.safetensors")).toBe(path.join(root, "loras", "style", "a.safetensors"));
  });

  it.each([
    ["../x.safetensors", /'\.\.'/],
    ["checkpoints/../../x", /'\.\.'/],
    ["..\\x", /'\.\.'/],
    ["/etc/passwd", /absolute/],
    ["\\\\server\\share\\x", /absolute/],
    ["C:\\models\\x.safetensors", /drive letter/],
    ["c:x", /drive letter/],
    ["a\0b.safetensors", /NUL/],
    ["", /empty/],
    ["escape/x.safetensors", /symlink/],
  ])("refuses %j", (name, reason) => {
    expect(() => safeTargetPath(root, name)).toThrow(TargetPathError);
    expect(() => safeTargetPath(root, name)).toThrow(reason);
  });

  it("allows a symlink that stays inside the root", () => {
    expect(safeTargetPath(root, "inside-link/a.safetensors")).toBe(path.join(root, "inside-link", "a.safetensors"));
  });

  it("never returns a path outside the root, whatever the name", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("..", ".", "a", "b", "", "/", "\\", "C:", "\0", "escape"), { maxLength: 6 }), (parts) => {
        const name = parts.join("/");
        try {
          const target = safeTargetPath(root, name);
          expect(path.relative(root, target).startsWith("..")).toBe(false);
          expect(target.startsWith(root)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(TargetPathError);
        }
      }),
    );
  });
});
