import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkModelFormat, looksLikeErrorPage } from "./verify";

function safetensors(header: string, body = Buffer.alloc(16)): Buffer {
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(Buffer.byteLength(header)));
  return Buffer.concat([length, Buffer.from(header), body]);
}

const dir = mkdtempSync(path.join(tmpdir(), "comfyfixer-format-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("checkModelFormat", () => {
  it("accepts a safetensors file with a JSON header, from bytes or from disk", async () => {
    const bytes = safetensors('{"__metadata__":{"format":"pt"}}');
    expect(await checkModelFormat(bytes, "a.safetensors")).toEqual({ ok: true });
    const file = path.join(dir, "a.safetensors");
    writeFileSync(file, bytes);
    expect(await checkModelFormat(file, "a.safetensors")).toEqual({ ok: true });
  });

  it("reads a safetensors header longer than the first bytes it looked at", async () => {
    const file = path.join(dir, "long.safetensors");
    writeFileSync(file, safetensors(JSON.stringify({ big: "x".repeat(200_000) })));
    expect(await checkModelFormat(file, "long.safetensors")).toEqual({ ok: true });
  });

  it.each([
    ["an HTML page", Buffer.from("<!DOCTYPE html><html><body>Login</body></html>"), /header length/],
    ["a header that is not JSON", safetensors("not json at all"), /not a JSON object/],
    ["a JSON array header", safetensors("[1,2]"), /not a JSON object/],
    ["a few bytes", Buffer.from([1, 2]), /shorter/],
  ])("refuses %s named .safetensors", async (_what, bytes, reason) => {
    const result = await checkModelFormat(bytes, "model.safetensors");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });

  it("checks the GGUF magic and lets other formats pass", async () => {
    expect(await checkModelFormat(Buffer.from("GGUF\x03\0\0\0"), "q4.GGUF")).toEqual({ ok: true });
    expect((await checkModelFormat(Buffer.from("<html>"), "q4.gguf")).ok).toBe(false);
    expect(await checkModelFormat(Buffer.from("anything"), "model.ckpt")).toEqual({ ok: true });
  });
});

describe("looksLikeErrorPage", () => {
  it.each([
    ["text/html; charset=utf-8", "\0\0\0"],
    ["application/json", "{}"],
    ["application/octet-stream", "<!doctype html><html>"],
    [null, '  {"error": "Unauthorized"}'],
    ["binary/octet-stream", "<html lang=en>"],
  ])("recognises %s / %j", (contentType, body) => {
    expect(looksLikeErrorPage(contentType, Buffer.from(body), "model.safetensors")).toBe(true);
  });

  it("lets model bytes through", () => {
    expect(looksLikeErrorPage("application/octet-stream", safetensors('{"a":1}'), "model.safetensors")).toBe(false);
    expect(looksLikeErrorPage(null, Buffer.from("GGUF"), "model.gguf")).toBe(false);
  });

  // Hugging Face serves a repo's .json files (configs, tokenizers) as application/json (upstream review finding 13).
  it("lets a .json file served as application/json through, but not an HTML page or a problem report", () => {
    expect(looksLikeErrorPage("application/json", Buffer.from('{"model_type": "t5"}'), "config.json")).toBe(false);
    expect(looksLikeErrorPage("application/json", Buffer.from('{"error": "x"}'), "config.json")).toBe(false);
    expect(looksLikeErrorPage("text/html", Buffer.from("<html>"), "config.json")).toBe(true);
    expect(looksLikeErrorPage("application/problem+json", Buffer.from("{}"), "config.json")).toBe(true);
  });
});
