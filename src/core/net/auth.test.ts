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

describe("review finding 5: a Hugging Face mirror (HF_ENDPOINT=https://hf-mirror.com)", () => {
  const mirror = parseEngineEnv({ HF_ENDPOINT: "https://hf-mirror.com" }).endpoints;

  // hf-mirror.com 30x's to huggingface.co outside China (jundot/omlx PR #1339; huggingface_hub PR #4739 keeps the token
  // on "a known Hub host"): the token must survive that hop, or gated files are refused there.
  it("keeps the HF token on the mirror and on huggingface.co after the mirror redirects there", () => {
    expect(authorizationFor(new URL("https://hf-mirror.com/org/gated/resolve/main/x.safetensors"), tokens, mirror)).toBe("Bearer hf_456");
    expect(authorizationFor(new URL("https://huggingface.co/org/gated/resolve/main/x.safetensors"), tokens, mirror)).toBe("Bearer hf_456");
  });

  it("never sends it to the mirror's storage hosts (cas-bridge.xethub.hf-mirror.com, padeoe/hf-mirror-site#51)", () => {
    expect(authorizationFor(new URL("https://cas-bridge.xethub.hf-mirror.com/xet-bridge-us/x"), tokens, mirror)).toBeNull();
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
