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
});
