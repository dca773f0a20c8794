// Model hashes in an image's generation parameters, and a ComfyUI PNG whose models get them.
import { describe, expect, it } from "vitest";
import { analyzeWorkflowBytes } from "./index";
import { imageModelHashes } from "./image-hashes";

// As Civitai's WebUI extension and A1111 write them: the prompt, the negative prompt, then one line of `key: value`.
const PARAMETERS = [
  "a lighthouse at dusk, <lora:add_detail:0.8>",
  "Negative prompt: easynegative, blurry",
  'Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 42, Size: 512x768, Model hash: 879db523c3, Model: dreamshaper_8, VAE: vae-ft-mse-840000-ema-pruned, Lora hashes: "add_detail: 7c6bad76eb, other lora: 0123456789", Hashes: {"vae": "735e4c3a44", "embed:easynegative": "c74b4e810b", "model": "879db523c3"}, Version: ComfyUI',
].join("\n");

describe("imageModelHashes", () => {
  it("reads Model hash, Lora hashes and Civitai's Hashes JSON, each for its folder", () => {
    expect(imageModelHashes(PARAMETERS)).toEqual(
      expect.arrayContaining([
        { stem: "dreamshaper_8", folder: "checkpoints", hash: { type: "AutoV2", value: "879db523c3" } },
        { stem: "add_detail", folder: "loras", hash: { type: "AutoV2", value: "7c6bad76eb" } },
        { stem: "other lora", folder: "loras", hash: { type: "AutoV2", value: "0123456789" } },
        { stem: "easynegative", folder: "embeddings", hash: { type: "AutoV2", value: "c74b4e810b" } },
        { stem: "vae-ft-mse-840000-ema-pruned", folder: "vae", hash: { type: "AutoV2", value: "735e4c3a44" } },
      ]),
    );
  });

  it("ignores what is not a hash and text that is not parameters", () => {
    expect(imageModelHashes("Steps: 20, Model hash: not-a-hash, Model: x")).toEqual([]);
    expect(imageModelHashes("just a caption")).toEqual([]);
  });
});

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, Buffer.from(type, "latin1"), data, Buffer.alloc(4)]);
}
const tEXt = (keyword: string, text: string) => chunk("tEXt", Buffer.concat([Buffer.from(`${keyword}\0`, "latin1"), Buffer.from(text, "latin1")]));
const png = (...chunks: Buffer[]) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", Buffer.alloc(13)), ...chunks, chunk("IEND", Buffer.alloc(0))]);

describe("a ComfyUI PNG with generation parameters", () => {
  it("gives the workflow's models the image's hashes, for Civitai's by-hash lookup", () => {
    const workflow = JSON.stringify({
      nodes: [
        { id: 1, type: "CheckpointLoaderSimple", widgets_values: ["SD15/dreamshaper_8.safetensors"] },
        { id: 2, type: "LoraLoader", widgets_values: ["add_detail.safetensors", 0.8, 0.8] },
        { id: 3, type: "VAELoader", widgets_values: ["other_vae.safetensors"] },
      ],
    });
    const analysis = analyzeWorkflowBytes(png(tEXt("workflow", workflow), tEXt("parameters", PARAMETERS)), "image.png");
    expect(analysis.error).toBeNull();
    const hashOf = (name: string) => analysis.models.find((model) => model.name === name)?.hash;
    expect(hashOf("SD15/dreamshaper_8.safetensors")).toEqual({ type: "AutoV2", value: "879db523c3" });
    expect(hashOf("add_detail.safetensors")).toEqual({ type: "AutoV2", value: "7c6bad76eb" });
    expect(hashOf("other_vae.safetensors")).toBeNull();
  });
});
