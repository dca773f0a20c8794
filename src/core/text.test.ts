import { describe, expect, it } from "vitest";
import { withoutTrailing } from "./text";

describe("withoutTrailing", () => {
  it("drops the run of the given characters at the end only", () => {
    expect(withoutTrailing("models/vae//", "/")).toBe("models/vae");
    expect(withoutTrailing("a/b", "/")).toBe("a/b");
    expect(withoutTrailing("name...", ".")).toBe("name");
    expect(withoutTrailing("text\0\0", "\0")).toBe("text");
    expect(withoutTrailing("////", "/")).toBe("");
    expect(withoutTrailing("", "/")).toBe("");
    expect(withoutTrailing("a\\/\\", "/\\")).toBe("a");
  });

  // /\/+$/ on this string retries at each of its 400,000 positions (minutes); the loop reads it once.
  it("reads a long run that does not reach the end once", () => {
    const text = `${"/".repeat(400_000)}.safetensors`;
    expect(withoutTrailing(text, "/")).toBe(text);
  });
});
