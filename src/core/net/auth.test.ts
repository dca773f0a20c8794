import { describe, expect, it } from "vitest";
import { authorizationFor, redactSecrets } from "./auth";
import { parseEngineEnv } from "../config/env";
import { endpointUrl } from "./endpoints";

const tokens = { civitai: "civ-123", huggingface: "hf_456" };

describe("authorizationFor", () => {
  const endpoints = parseEngineEnv({}).endpoints;
  it.each([
    ["https://civitai.com/api/download/models/1", "Bearer civ-123"],
    ["https://www.civitai.com/x", "Bearer civ-123"],
    ["https://huggingface.co/org/repo/resolve/main/x", "Bearer hf_456"],
    ["https://hf.co/x", "Bearer hf_456"],
    ["https://cdn-lfs.hf.co/x", null],
    ["https://civitai-delivery-worker-prod.r2.cloudflarestorage.com/x", null],
    ["https://civitai.com.evil.net/x", null],
  ])("%s → %s", (url, expected) => {
    expect(authorizationFor(new URL(url), tokens, endpoints)).toBe(expected);
  });

  it("sends a token to the configured endpoint's exact host only", () => {
    const local = parseEngineEnv({ CIVITAI_BASE_URL: "http://127.0.0.1:4000" }).endpoints;
    expect(authorizationFor(new URL("http://127.0.0.1:4000/api/download/models/1"), tokens, local)).toBe("Bearer civ-123");
    expect(authorizationFor(new URL("http://127.0.0.1:4001/x"), tokens, local)).toBeNull();
    expect(authorizationFor(new URL("https://civitai.com/x"), {}, local)).toBeNull();
  });
});

describe("redactSecrets", () => {
  it("hides tokens and token= query parameters", () => {
    const text = "GET https://civitai.com/x?token=abc&y=1 failed with Bearer civ-123 and hf_456";
    const redacted = redactSecrets(text, tokens);
    expect(redacted).not.toContain("civ-123");
    expect(redacted).not.toContain("hf_456");
    expect(redacted).not.toContain("abc");
    expect(redacted).toContain("token=***&y=1");
  });
});

describe("endpointUrl", () => {
  it("keeps a mirror's path prefix", () => {
    expect(endpointUrl(new URL("https://mirror.example/hf/"), "/api/models").toString()).toBe("https://mirror.example/hf/api/models");
    expect(endpointUrl(new URL("https://huggingface.co"), "api/models").toString()).toBe("https://huggingface.co/api/models");
  });
});
