import { describe, expect, it } from "vitest";
import { parseEngineEnv } from "../config/env";
import { onConfiguredEndpoint } from "./endpoints";

describe("onConfiguredEndpoint", () => {
  const mirror = parseEngineEnv({ HF_ENDPOINT: "https://hf-mirror.example/hub/", CIVITAI_BASE_URL: "http://127.0.0.1:9000" }).endpoints;

  it("moves Hugging Face and Civitai links onto the configured endpoints, keeping path and query", () => {
    expect(onConfiguredEndpoint("https://huggingface.co/org/repo/resolve/main/a%20b.safetensors?download=true", mirror)).toBe(
      "https://hf-mirror.example/hub/org/repo/resolve/main/a%20b.safetensors?download=true",
    );
    expect(onConfiguredEndpoint("https://civitai.red/api/download/models/12?type=Model", mirror)).toBe(
      "http://127.0.0.1:9000/api/download/models/12?type=Model",
    );
    expect(onConfiguredEndpoint("https://www.civitai.com/models/1", mirror)).toBe("http://127.0.0.1:9000/models/1");
  });

  it("leaves other hosts, the default endpoints and invalid URLs alone", () => {
    expect(onConfiguredEndpoint("https://github.com/x/y/releases/download/v1/m.pth", mirror)).toBe("https://github.com/x/y/releases/download/v1/m.pth");
    expect(onConfiguredEndpoint("https://huggingface.co/org/repo", parseEngineEnv({}).endpoints)).toBe("https://huggingface.co/org/repo");
    expect(onConfiguredEndpoint("not a url", mirror)).toBe("not a url");
  });

  it("never turns a link of another scheme into an http(s) download on the endpoint", () => {
    expect(onConfiguredEndpoint("ftp://huggingface.co/org/repo/resolve/main/m.safetensors", mirror)).toBe(
      "ftp://huggingface.co/org/repo/resolve/main/m.safetensors",
    );
    expect(onConfiguredEndpoint("file://civitai.com/etc/passwd", mirror)).toBe("file://civitai.com/etc/passwd");
  });
});

describe("review finding 12: civitai.red links", () => {
  // civitai.com and civitai.red serve one deployment, but for a day in 2026-04 /api/v1 on civitai.com was SFW-only
  // (civitai/civitai 9ac02bc395), so a link stays on the colour it names unless the operator moved Civitai elsewhere.
  it("stays on civitai.red with the default endpoint, and moves onto a configured mirror", () => {
    const defaults = parseEngineEnv({}).endpoints;
    expect(onConfiguredEndpoint("https://civitai.red/api/download/models/12?type=Model", defaults)).toBe(
      "https://civitai.red/api/download/models/12?type=Model",
    );
    expect(
      onConfiguredEndpoint("https://civitai.red/api/download/models/12", parseEngineEnv({ CIVITAI_BASE_URL: "https://civitai.mirror.example" }).endpoints),
    ).toBe("https://civitai.mirror.example/api/download/models/12");
  });
});
