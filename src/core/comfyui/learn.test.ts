// Learning node folders from a ComfyUI stand-in that answers /object_info, /models and /models/{folder} as server.py
// does (see src/test/comfyui-standin.ts for the routes and their file:line in Comfy-Org/ComfyUI a125cd84).
import { afterEach, describe, expect, it } from "vitest";
import { startComfyUIStandIn, v1Node, v3Combo, v3Node, type ComfyUIStandIn, type StandInInstall } from "../../test/comfyui-standin";
import { createMemorySearchCache } from "../resolve/cache";
import { analyzeWorkflowText } from "../workflow";
import { learnFromComfyUI, learnNodeFolders, widgetsOf } from "./index";

const files = (...names: string[]) => names.map((name) => ({ name }));

/** A ComfyUI with core folders, one custom key (registered with an empty extension set: .onnx and .yaml listed), some nodes. */
function install(separator: "/" | "\\" = "/"): StandInInstall {
  const sep = (name: string) => name.replace(/\//g, separator);
  const fancy = ["fancy-v2.onnx", "fancy_v1.safetensors", "sub/fancy_xl.safetensors", "sub/fancy_xl.yaml"].map(sep);
  return {
    folders: {
      checkpoints: {
        paths: ["/opt/ComfyUI/models/checkpoints", "/opt/ComfyUI/output/checkpoints"],
        files: files(sep("SDXL/sd_xl_base_1.0.safetensors"), "v1-5.safetensors"),
      },
      configs: { paths: ["/opt/ComfyUI/models/configs"], files: [] },
      loras: { paths: ["/opt/ComfyUI/models/loras"], files: files(sep("flux/realism_lora.safetensors")) },
      vae: { paths: ["/opt/ComfyUI/models/vae"], files: files("ae.safetensors", "sdxl_vae.safetensors") },
      text_encoders: { paths: ["/opt/ComfyUI/models/text_encoders", "/opt/ComfyUI/models/clip"], files: files("umt5_xxl_fp8.safetensors") },
      clip_vision: { paths: ["/opt/ComfyUI/models/clip_vision"], files: files("clip_vision_h.safetensors", "sigclip_vision_384.safetensors") },
      vae_approx: { paths: ["/opt/ComfyUI/models/vae_approx"], files: files("taesd_decoder.pth", "taesd_encoder.pth") },
      upscale_models: { paths: ["/opt/ComfyUI/models/upscale_models"], files: files("4x-UltraSharp.pth") },
      custom_nodes: { paths: ["/opt/ComfyUI/custom_nodes"], files: [] },
      fancy_models: { paths: ["/opt/ComfyUI/models/fancy_models"], files: files(...fancy) },
    },
    nodes: {
      // nodes.py:559-566: the legacy list form with an options dict.
      CheckpointLoaderSimple: v1Node("CheckpointLoaderSimple", {
        required: { ckpt_name: [[sep("SDXL/sd_xl_base_1.0.safetensors"), "v1-5.safetensors"], { tooltip: "The checkpoint." }] },
        output: ["MODEL", "CLIP", "VAE"],
        module: "nodes",
      }),
      // nodes.py:696-768: no options dict, the pseudo entries after the sorted files.
      VAELoader: v1Node("VAELoader", {
        required: { vae_name: [["ae.safetensors", "sdxl_vae.safetensors", "taesd", "pixel_space"]] },
        output: ["VAE"],
        module: "nodes",
      }),
      // comfy_extras/nodes_upscale_model.py:18-31: a V3 COMBO.
      UpscaleModelLoader: v3Node("UpscaleModelLoader", {
        required: { model_name: v3Combo(["4x-UltraSharp.pth"]) },
        output: ["UPSCALE_MODEL"],
        module: "comfy_extras.nodes_upscale_model",
      }),
      // A pack's node: a seed first (its control value takes a widget slot), a two-folder combo, a socket, a hidden input.
      FancyModelLoader: v1Node("FancyModelLoader", {
        required: {
          seed: ["INT", { default: 0, min: 0 }],
          model_name: [fancy],
          precision: [["fp16", "bf16", "fp32"], { default: "fp16" }],
        },
        optional: {
          image_encoder: [["clip_vision_h.safetensors", "sigclip_vision_384.safetensors", "umt5_xxl_fp8.safetensors"]],
          config: ["FANCY_CONFIG", {}],
          strength: ["FLOAT", { default: 1, forceInput: true }],
        },
        hidden: { unique_id: "UNIQUE_ID" },
        output: ["FANCY_MODEL"],
        module: "custom_nodes.comfyui-fancy-pack",
      }),
      // _io.py:46-70: a remote combo carries no options; nothing can be learned of it.
      FancyRemoteModelPicker: v1Node("FancyRemoteModelPicker", {
        required: { model_id: ["COMBO", { remote: { route: "/fancy/list", refresh_button: true, control_after_refresh: "first" } }] },
        output: ["STRING"],
        module: "custom_nodes.comfyui-fancy-pack",
      }),
      FancyPrecision: v1Node("FancyPrecision", {
        required: { dtype: [["fp16", "bf16"]], note: ["STRING", { multiline: true }] },
        output: ["STRING"],
        module: "custom_nodes.x",
      }),
    },
  };
}

let standIn: ComfyUIStandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

const cache = () => createMemorySearchCache({ enabled: true, ttlHours: 24, maxSizeMb: 10 });

describe("widget positions from /object_info (the frontend's widgets_values order)", () => {
  it("counts widgets of required then optional inputs, with a seed's control value, and no sockets", () => {
    expect(widgetsOf(install().nodes.FancyModelLoader).map(({ input, position }) => [input, position])).toEqual([
      ["seed", 0],
      ["model_name", 2],
      ["precision", 3],
      ["image_encoder", 4],
    ]);
  });
});

describe("learnFromComfyUI", () => {
  it("maps each combo to the folder whose files it offers, and asks only what it needs", async () => {
    standIn = await startComfyUIStandIn(install());
    const learned = await learnFromComfyUI(standIn.url, { cache: cache() });
    expect(learned.lookup("FancyModelLoader")?.slots).toEqual([
      { input: "model_name", position: 2, folder: "fancy_models" },
      { input: "image_encoder", position: 4, folder: "clip_vision", alsoIn: ["text_encoders"] },
    ]);
    expect(learned.lookup("VAELoader")?.slots).toEqual([{ input: "vae_name", position: 0, folder: "vae" }]);
    expect(learned.lookup("UpscaleModelLoader")?.slots).toEqual([{ input: "model_name", position: 0, folder: "upscale_models" }]);
    expect(learned.lookup("FancyRemoteModelPicker")).toBeUndefined();
    expect(learned.lookup("FancyPrecision")).toBeUndefined();
    // custom_nodes lists no models (folder_paths.py:41); every other key is listed once.
    expect(standIn.requests.filter((path) => path.startsWith("/models/")).sort()).toEqual(
      ["checkpoints", "clip_vision", "configs", "fancy_models", "loras", "text_encoders", "upscale_models", "vae", "vae_approx"].map((key) => `/models/${key}`),
    );
  });

  it("matches names with Windows separators (folder_paths.py:261: os.path.relpath, never rewritten)", async () => {
    standIn = await startComfyUIStandIn(install("\\"));
    const learned = await learnFromComfyUI(standIn.url, { cache: cache() });
    expect(learned.lookup("FancyModelLoader")?.slots?.[0]).toEqual({ input: "model_name", position: 2, folder: "fancy_models" });
  });

  it("asks a server once while the cache keeps its answer, and each server for its own", async () => {
    standIn = await startComfyUIStandIn(install());
    const store = cache();
    await learnFromComfyUI(standIn.url, { cache: store });
    const asked = standIn.requests.length;
    const again = await learnFromComfyUI(`${standIn.url}/`, { cache: store });
    expect(standIn.requests.length).toBe(asked);
    expect(again.lookup("FancyModelLoader")?.slots?.[0]?.folder).toBe("fancy_models");
    const other = await startComfyUIStandIn({ folders: install().folders, nodes: {} });
    try {
      expect((await learnFromComfyUI(other.url, { cache: store })).size).toBe(0);
      expect(other.requests).toContain("/object_info");
    } finally {
      await other.close();
    }
  });

  it("says what is wrong when the server is no ComfyUI, or not there", async () => {
    standIn = await startComfyUIStandIn({ folders: {}, nodes: {} });
    const notComfy = await startComfyUIStandIn({ folders: {}, nodes: {} });
    await notComfy.close();
    await expect(learnFromComfyUI(notComfy.url, { cache: cache() })).rejects.toThrow(/Cannot reach ComfyUI at/);
  });
});

describe("analysis with what the server taught", () => {
  const uiWorkflow = JSON.stringify({
    nodes: [
      {
        id: 3,
        type: "FancyModelLoader",
        mode: 0,
        inputs: [],
        outputs: [{ name: "FANCY_MODEL", type: "FANCY_MODEL" }],
        widgets_values: [7, "fixed", "sub/fancy_xl.safetensors", "fp16", "clip_vision_h.safetensors"],
      },
    ],
    links: [],
  });
  const apiPrompt = JSON.stringify({
    "3": {
      class_type: "FancyModelLoader",
      inputs: { seed: 7, model_name: "sub/fancy_xl.safetensors", precision: "fp16", image_encoder: "clip_vision_h.safetensors", config: ["9", 0] },
    },
  });

  it("places an unknown node's files where that ComfyUI reads them, in both formats", async () => {
    standIn = await startComfyUIStandIn(install());
    const learned = await learnFromComfyUI(standIn.url, { cache: cache() });
    for (const text of [uiWorkflow, apiPrompt]) {
      const models = analyzeWorkflowText(text, "fancy.json", { learned }).models;
      expect(models.map(({ folder, name, inferred, alsoIn }) => ({ folder, name, inferred, alsoIn }))).toEqual([
        { folder: "fancy_models", name: "sub/fancy_xl.safetensors", inferred: undefined, alsoIn: undefined },
        { folder: "clip_vision", name: "clip_vision_h.safetensors", inferred: undefined, alsoIn: ["text_encoders"] },
      ]);
    }
  });

  it("without a server, the node's file with nothing that tells its folder is unplaced; the CLIP vision file is guessed", () => {
    const models = analyzeWorkflowText(uiWorkflow, "fancy.json").models;
    expect(models.map(({ folder, name, inferred }) => ({ folder, name, inferred }))).toEqual([
      { folder: "", name: "sub/fancy_xl.safetensors", inferred: true },
      { folder: "clip_vision", name: "clip_vision_h.safetensors", inferred: true },
    ]);
  });

  it("never lets a learned entry replace the registry's (the registry knows value rules a combo cannot show)", () => {
    const learned = learnNodeFolders(
      { VAELoader: v1Node("VAELoader", { required: { vae_name: [["x.safetensors"]] }, output: ["VAE"], module: "nodes" }) },
      new Map([["loras", new Set(["x.safetensors"])]]),
    );
    const models = analyzeWorkflowText(JSON.stringify({ "1": { class_type: "VAELoader", inputs: { vae_name: "taehv.safetensors" } } }), "v.json", {
      learned: { lookup: (type) => learned[type] },
    }).models;
    expect(models.map(({ folder }) => folder)).toEqual(["vae_approx"]);
  });
});
