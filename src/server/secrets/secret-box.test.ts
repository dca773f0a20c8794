import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isSealed, openSecret, sealSecret, SecretKeyMismatchError } from "./secret-box";

describe("sealed secrets", () => {
  const key = randomBytes(32);

  it("round-trip, never hold the plain text, and differ each time they are sealed", () => {
    const sealed = sealSecret(key, "hf_token", "hf_abcdefghijklmnop");
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain("abcdefghijklmnop");
    expect(Buffer.from(sealed.slice(3), "base64").includes(Buffer.from("abcdefghijklmnop"))).toBe(false);
    expect(sealSecret(key, "hf_token", "hf_abcdefghijklmnop")).not.toBe(sealed);
    expect(openSecret(key, "hf_token", sealed)).toBe("hf_abcdefghijklmnop");
  });

  it("cannot be opened with another key, under another name, or after a change", () => {
    const sealed = sealSecret(key, "hf_token", "hf_abcdefghijklmnop");
    expect(() => openSecret(randomBytes(32), "hf_token", sealed)).toThrow(SecretKeyMismatchError);
    expect(() => openSecret(key, "civitai_api_token", sealed)).toThrow(/COMFYFIXER_SECRET_KEY/);
    const bytes = Buffer.from(sealed.slice(3), "base64");
    bytes[bytes.length - 1]! ^= 1;
    expect(() => openSecret(key, "hf_token", `v1:${bytes.toString("base64")}`)).toThrow(SecretKeyMismatchError);
  });
});
