import { describe, expect, it } from "vitest";
import { EnvError, parseEngineEnv } from "./env";

describe("parseEngineEnv", () => {
  it("defaults to the real services, no tokens, ~/.cache/comfyfixer", () => {
    const env = parseEngineEnv({});
    expect(env.endpoints.civitai.href).toBe("https://civitai.com/");
    expect(env.endpoints.huggingface.href).toBe("https://huggingface.co/");
    expect(env.tokens).toEqual({ civitai: null, huggingface: null });
    expect(env.extraAllowedHosts).toEqual([]);
    expect(env.allowPrivateNetworks).toBe(false);
    expect(env.cacheDir).toMatch(/\.cache[/\\]comfyfixer$/);
    expect(env.modelsDir).toBeUndefined();
  });

  it("reads each variable, and treats an empty one as unset", () => {
    const env = parseEngineEnv({
      CIVITAI_BASE_URL: "http://127.0.0.1:4000",
      HF_ENDPOINT: " https://hf-mirror.com ",
      CIVITAI_API_TOKEN: "civ",
      HF_TOKEN: "",
      COMFYFIXER_ALLOWED_HOSTS: "localhost, mirror.local:8080,,",
      COMFYFIXER_ALLOW_PRIVATE_NETWORKS: "1",
      COMFYUI_MODELS_DIR: "/srv/models",
    });
    expect(env.endpoints.civitai.host).toBe("127.0.0.1:4000");
    expect(env.endpoints.huggingface.host).toBe("hf-mirror.com");
    expect(env.tokens).toEqual({ civitai: "civ", huggingface: null });
    expect(env.extraAllowedHosts).toEqual(["localhost", "mirror.local:8080"]);
    expect(env.allowPrivateNetworks).toBe(true);
    expect(env.modelsDir).toBe("/srv/models");
  });

  it("keeps the cache under COMFYFIXER_CACHE_DIR, else XDG_CACHE_HOME, else ~/.cache", () => {
    expect(parseEngineEnv({ COMFYFIXER_CACHE_DIR: "/x", XDG_CACHE_HOME: "/y" }).cacheDir).toBe("/x");
    expect(parseEngineEnv({ XDG_CACHE_HOME: "/y" }).cacheDir).toBe("/y/comfyfixer");
  });

  it("names each bad variable and what it should be", () => {
    expect(() => parseEngineEnv({ HF_ENDPOINT: "not a url" })).toThrow(EnvError);
    expect(() => parseEngineEnv({ HF_ENDPOINT: "ftp://mirror" })).toThrow(/HF_ENDPOINT must be an http\(s\) URL/);
    expect(() => parseEngineEnv({ COMFYFIXER_ALLOW_PRIVATE_NETWORKS: "yes" })).toThrow(/COMFYFIXER_ALLOW_PRIVATE_NETWORKS must be "1" or "0"/);
  });

  it("keeps every variable for $VAR in extra_model_paths.yaml", () => {
    expect(parseEngineEnv({ MODELS_HOME: "/mnt/models" }).variables.MODELS_HOME).toBe("/mnt/models");
  });
});
