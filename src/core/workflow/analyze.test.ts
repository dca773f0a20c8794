import { describe, expect, it } from "vitest";
import { analyzeWorkflowText, uniqueModels } from "./index";

type NodeFixture = { id: number | string; type: string; mode?: number; widgets_values?: unknown; properties?: unknown };

function ui(nodes: NodeFixture[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ last_node_id: 99, nodes, links: [], version: 0.4, ...extra });
}

function summary(text: string) {
  const analysis = analyzeWorkflowText(text, "w.json");
  expect(analysis.error).toBeNull();
  return analysis.models.map((m) => ({ name: m.name, folder: m.folder, nodeId: m.nodeId, active: m.active }));
}

describe("UI format", () => {
  it("reads core loaders by widget position and keeps names exactly as written", () => {
    const text = ui([
      { id: 4, type: "CheckpointLoaderSimple", widgets_values: ["SDXL\\juggernaut.safetensors"] },
      { id: 5, type: "DualCLIPLoader", widgets_values: ["t5xxl_fp16.safetensors", "clip_l.safetensors", "flux"] },
      { id: 6, type: "UNETLoader", widgets_values: ["flux1-dev.sft", "default"] },
      { id: 7, type: "KSampler", widgets_values: [1, "randomize", 20, 8, "euler", "normal", 1] },
    ]);
    expect(summary(text)).toEqual([
      { name: "SDXL\\juggernaut.safetensors", folder: "checkpoints", nodeId: "4", active: true },
      { name: "t5xxl_fp16.safetensors", folder: "text_encoders", nodeId: "5", active: true },
      { name: "clip_l.safetensors", folder: "text_encoders", nodeId: "5", active: true },
      { name: "flux1-dev.sft", folder: "diffusion_models", nodeId: "6", active: true },
    ]);
    expect(analyzeWorkflowText(text, "w.json").format).toBe("ui");
  });

  it("reads widgets_values stored as an object by input name", () => {
    const text = ui([{ id: 1, type: "VAELoader", widgets_values: { vae_name: "ae.safetensors" } }]);
    expect(summary(text)).toEqual([{ name: "ae.safetensors", folder: "vae", nodeId: "1", active: true }]);
  });

  it("finds the file when a node version shifted the widget positions", () => {
    const text = ui([
      { id: 1, type: "DWPreprocessor", widgets_values: ["enable", "enable", "enable", 512, "yolox_l.onnx", "dw-ll_ucoco_384.onnx", "disable", "extra"] },
    ]);
    expect(summary(text).map((m) => m.name)).toEqual(["yolox_l.onnx", "dw-ll_ucoco_384.onnx"]);
    const shifted = ui([{ id: 2, type: "GemmaAPITextEncode", widgets_values: ["", "prompt", false, "ltx-2.safetensors"] }]);
    expect(summary(shifted)).toEqual([{ name: "ltx-2.safetensors", folder: "checkpoints", nodeId: "2", active: true }]);
  });

  it("skips placeholders and pixel_space; a tiny-autoencoder pseudo-name is its encoder and decoder in vae_approx", () => {
    // comfyanonymous/ComfyUI nodes.py:754-847 (77917ed3): "taesdxl" is offered only when vae_approx holds
    // taesdxl_encoder.* and taesdxl_decoder.*, and loads those two files; pixel_space needs none.
    const text = ui([
      { id: 1, type: "VAELoader", widgets_values: ["taesdxl"] },
      { id: 2, type: "Efficient Loader", widgets_values: ["model.safetensors", "Baked VAE", -1, "None", 1, 1, "pos", "neg"] },
      { id: 3, type: "VAELoader", widgets_values: ["None"] },
      { id: 4, type: "VAELoader", widgets_values: ["pixel_space"] },
    ]);
    expect(summary(text)).toEqual([
      { name: "taesdxl_encoder", folder: "vae_approx", nodeId: "1", active: true },
      { name: "taesdxl_decoder", folder: "vae_approx", nodeId: "1", active: true },
      { name: "model.safetensors", folder: "checkpoints", nodeId: "2", active: true },
    ]);
  });

  it("reports bypassed (4) and muted (2) nodes as inactive", () => {
    const text = ui([
      { id: 1, type: "LoraLoader", mode: 4, widgets_values: ["a.safetensors", 1, 1] },
      { id: 2, type: "LoraLoader", mode: 2, widgets_values: ["b.safetensors", 1, 1] },
      { id: 3, type: "LoraLoader", mode: 0, widgets_values: ["c.safetensors", 1, 1] },
    ]);
    expect(summary(text).map((m) => m.active)).toEqual([false, false, true]);
  });

  it("ignores documentation nodes even when they name files", () => {
    const text = ui([{ id: 1, type: "MarkdownNote", widgets_values: ["Put flux1-dev.safetensors in models/unet; embedding:foo"] }]);
    expect(summary(text)).toEqual([]);
  });

  it("expands nested subgraphs with outer:inner node ids and inherits bypass", () => {
    const inner = {
      id: "inner-graph",
      nodes: [{ id: 7, type: "LoraLoaderModelOnly", mode: 0, widgets_values: ["deep.safetensors", 1] }],
      links: [],
    };
    const outer = {
      id: "outer-graph",
      nodes: [
        { id: 5, type: "CLIPLoader", mode: 0, widgets_values: ["te.safetensors", "wan", "default"] },
        { id: 6, type: "inner-graph", mode: 0, widgets_values: [] },
      ],
      links: [],
    };
    const text = ui(
      [
        { id: 12, type: "outer-graph", widgets_values: [] },
        { id: 13, type: "outer-graph", mode: 4, widgets_values: [] },
      ],
      { definitions: { subgraphs: [outer, inner] } },
    );
    expect(summary(text)).toEqual([
      { name: "te.safetensors", folder: "text_encoders", nodeId: "12:5", active: true },
      { name: "deep.safetensors", folder: "loras", nodeId: "12:6:7", active: true },
      { name: "te.safetensors", folder: "text_encoders", nodeId: "13:5", active: false },
      { name: "deep.safetensors", folder: "loras", nodeId: "13:6:7", active: false },
    ]);
  });

  it("stops on a subgraph that contains itself", () => {
    const loop = {
      id: "loop",
      nodes: [
        { id: 1, type: "loop" },
        { id: 2, type: "VAELoader", widgets_values: ["v.pt"] },
      ],
    };
    const text = ui([{ id: 1, type: "loop" }], { definitions: { subgraphs: [loop] } });
    expect(summary(text)).toEqual([{ name: "v.pt", folder: "vae", nodeId: "1:2", active: true }]);
  });

  it("stops on a group node that contains itself", () => {
    const groupNodes = {
      loop: {
        nodes: [
          { index: 0, type: "workflow>loop" },
          { index: 1, type: "VAELoader", widgets_values: ["g.pt"] },
        ],
      },
    };
    const text = ui([{ id: 1, type: "workflow>loop" }], { extra: { groupNodes } });
    expect(summary(text)).toEqual([{ name: "g.pt", folder: "vae", nodeId: "1:1", active: true }]);
  });

  it("rejects a workflow whose subgraphs multiply past what anything could run, instead of expanding 10^12 nodes", () => {
    // Twelve subgraphs, each using the next ten times.
    const subgraphs = Array.from({ length: 12 }, (_, level) => ({
      id: `level${level}`,
      nodes: [
        { id: 0, type: "VAELoader", widgets_values: ["deep.pt"] },
        ...(level < 11 ? Array.from({ length: 10 }, (_, index) => ({ id: index + 1, type: `level${level + 1}` })) : []),
      ],
    }));
    const analysis = analyzeWorkflowText(ui([{ id: 1, type: "level0" }], { definitions: { subgraphs } }), "w.json");
    expect(analysis.error).toMatch(/expands to more than 100,000 nodes/);
    expect(analysis.models).toEqual([]);
  });

  it("expands group nodes, taking the values the outer node holds", () => {
    const groupNodes = {
      pipe: {
        nodes: [
          { index: 0, type: "EmptyLatentImage", widgets_values: [512, 512, 1] },
          { index: 1, type: "CheckpointLoaderSimple", widgets_values: ["old.ckpt"] },
        ],
        links: [],
      },
    };
    const text = ui([{ id: 10, type: "workflow>pipe", widgets_values: [512, 512, 1, "current.ckpt"] }], { extra: { groupNodes } });
    expect(summary(text)).toEqual([{ name: "current.ckpt", folder: "checkpoints", nodeId: "10:1", active: true }]);
  });
});

describe("API format", () => {
  it("reads class_type/inputs, skipping linked inputs, and unwraps {prompt: …}", () => {
    const prompt = {
      "3": { class_type: "KSampler", inputs: { model: ["4", 0], seed: 1 } },
      "4": { class_type: "CheckpointLoaderSimple", inputs: { ckpt_name: "sd15/model.safetensors" } },
      "5": { class_type: "UpscaleModelLoader", inputs: { model_name: "4x-UltraSharp.pth" } },
    };
    for (const text of [JSON.stringify(prompt), JSON.stringify({ prompt }), JSON.stringify({ input: { workflow: prompt } })]) {
      const analysis = analyzeWorkflowText(text, "api.json");
      expect(analysis.format).toBe("api");
      expect(analysis.models.map((m) => [m.name, m.folder, m.nodeId])).toEqual([
        ["sd15/model.safetensors", "checkpoints", "4"],
        ["4x-UltraSharp.pth", "upscale_models", "5"],
      ]);
    }
  });

  it("finds the file when an older node version named the input differently", () => {
    const prompt = {
      "3": { class_type: "LoadWanVideoT5TextEncoder", inputs: { t5_model: "umt5_xxl_fp16.safetensors", precision: "bf16" } },
      "4": { class_type: "WanVideoVAELoader", inputs: { vae_model: "wan_2.1_vae.safetensors" } },
      "5": { class_type: "VAELoader", inputs: { vae_name: "None" } },
    };
    const analysis = analyzeWorkflowText(JSON.stringify(prompt), "api.json");
    expect(analysis.models.map((m) => [m.name, m.folder])).toEqual([
      ["umt5_xxl_fp16.safetensors", "text_encoders"],
      ["wan_2.1_vae.safetensors", "vae"],
    ]);
  });
});

describe("URLs and hashes", () => {
  it("keeps properties.models URL/hash on the matching reference and stale entries only as links", () => {
    const text = ui([
      {
        id: 1,
        type: "UNETLoader",
        widgets_values: ["current.safetensors", "default"],
        properties: {
          models: [
            { name: "old.safetensors", url: "https://example.test/old.safetensors", directory: "diffusion_models" },
            { name: "current.safetensors", url: "https://example.test/current.safetensors", directory: "unet", hash: "abc", hash_type: "sha256" },
          ],
        },
      },
    ]);
    const analysis = analyzeWorkflowText(text, "w.json");
    expect(analysis.models).toHaveLength(1);
    expect(analysis.models[0]).toMatchObject({
      name: "current.safetensors",
      url: "https://example.test/current.safetensors",
      hash: { type: "sha256", value: "abc" },
    });
    expect(analysis.links.map((link) => [link.name, link.folder])).toEqual([
      ["old.safetensors", "diffusion_models"],
      ["current.safetensors", "diffusion_models"],
    ]);
  });

  it("matches top-level models by name and folder", () => {
    const text = ui([{ id: 1, type: "VAELoader", widgets_values: ["ae.safetensors"] }], {
      models: [
        { name: "ae.safetensors", url: "https://example.test/wrong-folder", directory: "loras" },
        { name: "ae.safetensors", url: "https://example.test/ae.safetensors", directory: "vae" },
      ],
    });
    const analysis = analyzeWorkflowText(text, "w.json");
    expect(analysis.models[0]?.url).toBe("https://example.test/ae.safetensors");
    expect(analysis.links).toHaveLength(2);
  });

  it("names a LoRA loaded from a URL after the URL's file", () => {
    const prompt = { "1": { class_type: "Load LoRA From URL", inputs: { url: "https://example.test/x/my%20lora.safetensors?v=1" } } };
    const [model] = analyzeWorkflowText(JSON.stringify(prompt), "a.json").models;
    expect(model).toMatchObject({ name: "my lora.safetensors", folder: "loras", url: "https://example.test/x/my%20lora.safetensors?v=1" });
  });
});

describe("LoRA rows and prompt text", () => {
  it("reads rgthree Power Lora Loader rows with their on/off switch", () => {
    const text = ui([
      {
        id: 1,
        type: "Power Lora Loader (rgthree)",
        widgets_values: [
          {},
          { type: "PowerLoraLoaderHeaderWidget" },
          { on: true, lora: "a.safetensors", strength: 1 },
          { on: false, lora: "SDXL\\b.safetensors", strength: 1 },
          {},
          "",
        ],
      },
    ]);
    expect(summary(text).map((m) => [m.name, m.active])).toEqual([
      ["a.safetensors", true],
      ["SDXL\\b.safetensors", false],
    ]);
  });

  it("reads numbered stacks with switches and row counts", () => {
    const text = ui([
      { id: 1, type: "CR LoRA Stack", widgets_values: ["On", "a.safetensors", 1, 1, "Off", "b.safetensors", 1, 1, "On", "None", 1, 1] },
      { id: 2, type: "LoRA Stacker", widgets_values: ["simple", 1, "c.safetensors", 1, 1, 1, "d.safetensors", 1, 1, 1] },
    ]);
    expect(summary(text).map((m) => [m.name, m.active])).toEqual([
      ["a.safetensors", true],
      ["b.safetensors", false],
      ["c.safetensors", true],
    ]);
  });

  it("finds embeddings in prompt text, with weights and brackets around them", () => {
    const text = ui([{ id: 1, type: "CLIPTextEncode", widgets_values: ["(embedding:EasyNegative:1.2), embedding:sub\\bad-hands-5, embedding:foo.pt."] }]);
    expect(summary(text).map((m) => [m.name, m.folder])).toEqual([
      ["EasyNegative", "embeddings"],
      ["sub\\bad-hands-5", "embeddings"],
      ["foo.pt", "embeddings"],
    ]);
  });

  it("reads <lora:…> only where a node parses it, directly or through a wired text node", () => {
    const text = JSON.stringify({
      nodes: [
        { id: 1, type: "CLIPTextEncode", widgets_values: ["<lora:not_loaded:0.5> a cat"] },
        { id: 2, type: "ImpactWildcardProcessor", widgets_values: ["<lora:wild:0.8> [a|b]", "", "populate", 1, "fixed"] },
        { id: 3, type: "PrimitiveStringMultiline", widgets_values: ["<lora:Comic book:0.51>"] },
        { id: 4, type: "LoRA Text Loader (LoraManager)", widgets_values: [] },
      ],
      links: [[1, 3, 0, 4, 1, "STRING"]],
    });
    expect(summary(text).map((m) => [m.name, m.folder, m.nodeId])).toEqual([
      ["wild", "loras", "2"],
      ["Comic book", "loras", "3"],
    ]);
  });
});

describe("fallback and uniqueness", () => {
  it("guesses the folder for unknown nodes and marks the guess", () => {
    const text = JSON.stringify({ "1": { class_type: "SomePackLoraLoader", inputs: { lora_file: "x.safetensors", note: "hello" } } });
    const [model] = analyzeWorkflowText(text, "a.json").models;
    expect(model).toMatchObject({ name: "x.safetensors", folder: "loras", inferred: true });
  });

  it("treats SDXL\\foo and SDXL/foo as one file, active if any reference is", () => {
    const text = ui([
      { id: 1, type: "LoraLoader", mode: 4, widgets_values: ["SDXL\\foo.safetensors", 1, 1] },
      { id: 2, type: "LoraLoader", widgets_values: ["SDXL/foo.safetensors", 1, 1] },
      { id: 3, type: "CheckpointLoaderSimple", widgets_values: ["SDXL/foo.safetensors"] },
    ]);
    const unique = uniqueModels(analyzeWorkflowText(text, "w.json").models).map(({ ref }) => ref);
    expect(unique.map((m) => [m.name, m.folder, m.active])).toEqual([
      ["SDXL\\foo.safetensors", "loras", true],
      ["SDXL/foo.safetensors", "checkpoints", true],
    ]);
  });
});

describe("bad input", () => {
  it("gives a per-file error for broken JSON and for JSON that is not a workflow", () => {
    expect(analyzeWorkflowText("{nope", "a.json").error).toMatch(/Not valid JSON/);
    expect(analyzeWorkflowText('{"hello": 1}', "a.json").error).toMatch(/Not a ComfyUI workflow/);
    expect(analyzeWorkflowText("[]", "a.json").format).toBeNull();
  });

  it("accepts the NaN values ComfyUI sometimes writes", () => {
    const text = '{"nodes": [{"id": 1, "type": "VAELoader", "widgets_values": ["v.safetensors"], "size": [NaN, 2]}]}';
    expect(summary(text)).toHaveLength(1);
  });
});
