import { describe, expect, it } from "vitest";
import { NODE_REGISTRY, canonicalFolder, inferFolder, isPlaceholder, isTaesdPseudoName, looksLikeModelFile } from "./index";

describe("models-folder vocabulary", () => {
  it("normalises legacy folder names", () => {
    expect(canonicalFolder("unet")).toBe("diffusion_models");
    expect(canonicalFolder("clip")).toBe("text_encoders");
    expect(canonicalFolder("loras/")).toBe("loras");
  });

  it("recognises model files, placeholders and taesd pseudo-names", () => {
    expect(looksLikeModelFile("SDXL\\a.SafeTensors")).toBe(true);
    expect(looksLikeModelFile("model.gguf")).toBe(true);
    expect(looksLikeModelFile("https://x.test/a.safetensors")).toBe(false);
    expect(looksLikeModelFile("notes.txt")).toBe(false);
    expect(isPlaceholder("Baked VAE")).toBe(true);
    expect(isTaesdPseudoName("taesdxl")).toBe(true);
    expect(isTaesdPseudoName("taesd_mine.safetensors")).toBe(false);
  });

  it("guesses folders from widget, node type, then file name", () => {
    expect(inferFolder({ widgetName: "lora_file", nodeType: "X", fileName: "a.pt" })).toBe("loras");
    expect(inferFolder({ nodeType: "MyVAELoader", fileName: "a.pt" })).toBe("vae");
    expect(inferFolder({ nodeType: "Thing", fileName: "4x_upscale.pth" })).toBe("upscale_models");
    expect(inferFolder({ nodeType: "Thing", fileName: "model.safetensors" })).toBe("checkpoints");
  });

  it("uses only modern folder keys in the registry", () => {
    for (const spec of Object.values(NODE_REGISTRY)) {
      for (const slot of spec.slots ?? []) expect(canonicalFolder(slot.folder)).toBe(slot.folder);
    }
  });
});
