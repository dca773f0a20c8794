// The Hugging Face source's search strategy, against the simulator over loopback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelRef, resolverFor, startSim } from "../../../test/fixtures/resolve";
import { huggingFaceQueries } from "./huggingface";
import { type UpstreamSim } from "../../../test/sim";

describe("huggingFaceQueries", () => {
  it("asks for the stem, the stem without precision words, then the model family", () => {
    expect(huggingFaceQueries("wan_2.1_vae.safetensors")).toEqual(["wan_2.1_vae", "wan-2.1-vae", "wan_2.1"]);
    expect(huggingFaceQueries("umt5_xxl_fp8_e4m3fn_scaled.safetensors")).toContain("umt5_xxl");
  });

  it("adds no family query for short names, whose stem already is the family", () => {
    expect(huggingFaceQueries("ae.safetensors")).toEqual(["ae"]);
    expect(huggingFaceQueries("sdxl_vae.safetensors").some((query) => query === "sdxl")).toBe(false);
  });
});

describe("Hugging Face search", () => {
  let sim: UpstreamSim;
  beforeAll(async () => {
    sim = await startSim({
      civitai: { models: [] },
      huggingface: {
        repos: [
          { id: "Comfy-Org/Wan_2.1_ComfyUI_repackaged", files: [{ path: "split_files/vae/wan_2.1_vae.safetensors", size: 4096 }] },
          { id: "someone/wan_2.1_notes", files: [{ path: "README.md", size: 100 }] },
          { id: "comfyanonymous/flux_text_encoders", files: [{ path: "t5xxl_fp8_e4m3fn_scaled.safetensors", size: 4096 }] },
        ],
      },
    });
  });
  afterAll(() => sim?.close());

  it("finds a file in a repo named after its model family, not after the file", async () => {
    const resolution = await resolverFor(sim).resolve(modelRef("wan_2.1_vae.safetensors", "vae"));
    expect(resolution).toMatchObject({ status: "resolved", source: "huggingface", sha256: sim.fileInfo("wan_2.1_vae.safetensors").sha256 });
    expect(resolution.url).toBe(`${sim.hfUrl}/Comfy-Org/Wan_2.1_ComfyUI_repackaged/resolve/main/split_files/vae/wan_2.1_vae.safetensors`);
  });

  it("looks through the repos of the publishers ComfyUI's templates link to when no repo is named like the file", async () => {
    const resolver = resolverFor(sim);
    const resolution = await resolver.resolve(modelRef("t5xxl_fp8_e4m3fn_scaled.safetensors", "text_encoders"));
    expect(resolution).toMatchObject({ status: "resolved", source: "huggingface" });
    expect(resolution.url).toBe(`${sim.hfUrl}/comfyanonymous/flux_text_encoders/resolve/main/t5xxl_fp8_e4m3fn_scaled.safetensors`);
    expect(resolution.queries).toContain("huggingface: repos of comfyanonymous");
  });
});
