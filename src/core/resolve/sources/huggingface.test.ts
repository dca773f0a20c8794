// The searches derived from a file name, and the Hugging Face source's strategy, against the simulator over loopback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelRef, resolverFor, startSim } from "../../../test/fixtures/resolve";
import { type UpstreamSim } from "../../../test/sim";
import { EMPTY_KNOWN_MODELS } from "../known-models/index-data";
import { civitaiQueries, huggingFaceQueries, isGenericName, meaningfulWords } from "./queries";

describe("huggingFaceQueries", () => {
  it("asks for the family as repos name it, then the stem, the stem without precision words, the family prefix", () => {
    expect(huggingFaceQueries("flux1-dev.safetensors")).toEqual(["FLUX.1-dev", "flux1-dev"]);
    expect(huggingFaceQueries("sd_xl_base_1.0.safetensors")[0]).toBe("stable-diffusion-xl-base");
    expect(huggingFaceQueries("wan2.1_t2v_14B_fp16.safetensors")[0]).toBe("Wan2.1-t2v-14B");
    expect(huggingFaceQueries("wan_2.1_vae.safetensors")).toEqual(["Wan2.1-vae", "wan_2.1_vae", "wan-vae", "wan_2.1"]);
    expect(huggingFaceQueries("umt5_xxl_fp8_e4m3fn_scaled.safetensors")).toContain("umt5_xxl");
  });

  it("searches nothing for generic or very short names, except a family name repos use", () => {
    expect(huggingFaceQueries("ae.safetensors")).toEqual([]);
    expect(huggingFaceQueries("diffusion_pytorch_model.safetensors")).toEqual([]);
    expect(huggingFaceQueries("v1-5-pruned-emaonly.safetensors")).toEqual(["stable-diffusion-v1-5"]);
    expect(isGenericName("model.safetensors")).toBe(true);
  });
});

describe("civitaiQueries", () => {
  it("splits camelCase, _, - and ., drops version, precision and quantisation tokens, most specific first", () => {
    expect(civitaiQueries("juggernautXL_v9Rundiffusionphoto2.safetensors")).toEqual([
      "juggernaut XL Rundiffusionphoto2",
      "juggernaut XL Rundiffusionphoto 2",
      "juggernaut XL",
      "Rundiffusionphoto2",
    ]);
    expect(civitaiQueries("dreamshaper_8.safetensors")).toEqual(["dreamshaper"]);
    expect(civitaiQueries("flux1DevGGUF_v10.gguf")).toContain("flux 1 Dev GGUF");
    expect(meaningfulWords("wan2.2_i2v_high_noise_14B_Q4_K_S.gguf")).toEqual(["wan2", "i2v", "high", "noise"]);
    expect(civitaiQueries("ae.safetensors")).toEqual([]);
  });
});

describe("Hugging Face search", () => {
  let sim: UpstreamSim;
  beforeAll(async () => {
    sim = await startSim({
      civitai: { models: [] },
      huggingface: {
        repos: [
          { id: "open-weights/Wan_2.1_repack", files: [{ path: "split_files/vae/wan_2.1_vae.safetensors", size: 4096 }] },
          { id: "someone/wan_2.1_notes", files: [{ path: "README.md", size: 100 }] },
          { id: "comfyanonymous/flux_text_encoders", files: [{ path: "t5xxl_fp8_e4m3fn_scaled.safetensors", size: 4096 }] },
        ],
      },
    });
  });
  afterAll(() => sim?.close());

  it("finds a file in a repo named after its model family, not after the file", async () => {
    const resolution = await resolverFor(sim, { knownModels: EMPTY_KNOWN_MODELS }).resolve(modelRef("wan_2.1_vae.safetensors", "vae"));
    expect(resolution).toMatchObject({ status: "resolved", source: "huggingface", sha256: sim.fileInfo("wan_2.1_vae.safetensors").sha256 });
    expect(resolution.url).toBe(`${sim.hfUrl}/open-weights/Wan_2.1_repack/resolve/main/split_files/vae/wan_2.1_vae.safetensors`);
  });

  it("looks through the repos of the publishers ComfyUI's templates link to when no repo is named like the file", async () => {
    const resolution = await resolverFor(sim, { knownModels: EMPTY_KNOWN_MODELS }).resolve(modelRef("t5xxl_fp8_e4m3fn_scaled.safetensors", "text_encoders"));
    expect(resolution).toMatchObject({ status: "resolved", source: "huggingface" });
    expect(resolution.url).toBe(`${sim.hfUrl}/comfyanonymous/flux_text_encoders/resolve/main/t5xxl_fp8_e4m3fn_scaled.safetensors`);
    expect(resolution.attempts?.map((attempt) => attempt.query)).toContain("repos of comfyanonymous");
  });
});
