// Small ComfyUI workflows written for tests and the demo (UI format, as the ComfyUI frontend saves them).
/** A node to put in a sample workflow; `models` become its `properties.models` (download links, as templates carry). */
export type FixtureNode = { type: string; widgets: unknown[]; mode?: number; models?: Array<{ name: string; url: string; directory: string }> };

export function uiWorkflow(nodes: FixtureNode[]): string {
  return JSON.stringify({
    last_node_id: nodes.length,
    last_link_id: 0,
    nodes: nodes.map((node, index) => ({
      id: index + 1,
      type: node.type,
      pos: [index * 300, 0],
      size: [300, 100],
      flags: {},
      order: index,
      mode: node.mode ?? 0,
      inputs: [],
      outputs: [],
      properties: { "Node name for S&R": node.type, ...(node.models ? { models: node.models } : {}) },
      widgets_values: node.widgets,
    })),
    links: [],
    groups: [],
    config: {},
    extra: {},
    version: 0.4,
  });
}

export const checkpoint = (name: string): FixtureNode => ({ type: "CheckpointLoaderSimple", widgets: [name] });
export const lora = (name: string, mode = 0): FixtureNode => ({ type: "LoraLoader", widgets: [name, 1, 1], mode });
export const vae = (name: string): FixtureNode => ({ type: "VAELoader", widgets: [name] });

const hf = (repo: string, path: string) => `https://huggingface.co/${repo}/resolve/main/${path}`;

/** Flux's two text encoders, with the links the official templates give them. */
export const fluxTextEncoders = (): FixtureNode => ({
  type: "DualCLIPLoader",
  widgets: ["clip_l.safetensors", "t5xxl_fp8_e4m3fn.safetensors", "flux"],
  models: ["clip_l.safetensors", "t5xxl_fp8_e4m3fn.safetensors"].map((name) => ({
    name,
    url: hf("comfyanonymous/flux_text_encoders", name),
    directory: "text_encoders",
  })),
});

/** The offline demo's workflows: models to install, one already present, one ambiguous, one needing a token. */
export function demoWorkflows(ambiguousFile: string): Record<string, string> {
  return {
    "sdxl-portrait.json": uiWorkflow([checkpoint("SDXL/juggernautXL_v9.safetensors"), vae("sdxl_vae.safetensors"), lora(ambiguousFile)]),
    "sd15-detail.json": uiWorkflow([
      checkpoint("dreamshaper_8.safetensors"),
      lora("add_detail.safetensors"),
      { type: "CLIPTextEncode", widgets: ["embedding:easynegative, lowres, blurry"] },
      {
        type: "ControlNetLoader",
        widgets: ["control_v11p_sd15_canny.pth"],
        models: [{ name: "control_v11p_sd15_canny.pth", url: hf("lllyasviel/ControlNet-v1-1", "control_v11p_sd15_canny.pth"), directory: "controlnet" }],
      },
    ]),
    "flux-schnell.json": uiWorkflow([
      {
        type: "UnetLoaderGGUF",
        widgets: ["flux1-schnell-Q4_K_S.gguf"],
        models: [{ name: "flux1-schnell-Q4_K_S.gguf", url: hf("city96/FLUX.1-schnell-gguf", "flux1-schnell-Q4_K_S.gguf"), directory: "diffusion_models" }],
      },
      fluxTextEncoders(),
      lora("members_only_style.safetensors"),
      { type: "UpscaleModelLoader", widgets: ["4x_already_installed.pth"] },
    ]),
  };
}

/** Files the demo's models folder starts with, so a run shows models that are already present. */
export const DEMO_PRESENT_FILES = ["upscale_models/4x_already_installed.pth"];
