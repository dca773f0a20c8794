import { describe, expect, it } from "vitest";
import { storable } from "./storable";

describe("storable", () => {
  it("replaces NUL in strings, arrays, nested objects and keys, and leaves everything else as it is", () => {
    const when = new Date(0);
    expect(storable({ name: "evil\0nul.safetensors", workflows: ["a\0.json"], links: [{ name: "x\0", url: null }], size: 3n, at: when, "k\0": true })).toEqual({
      name: "evil\uFFFDnul.safetensors",
      workflows: ["a\uFFFD.json"],
      links: [{ name: "x\uFFFD", url: null }],
      size: 3n,
      at: when,
      "k\uFFFD": true,
    });
    expect(storable(when)).toBe(when);
    expect(storable("plain")).toBe("plain");
    expect(storable(null)).toBeNull();
  });
});
