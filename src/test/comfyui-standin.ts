// A stand-in for a running ComfyUI on loopback: the routes a model installer reads, answered as ComfyUI's server.py
// builds them (Comfy-Org/ComfyUI a125cd84, 2025-10-12, version 0.3.64):
//   GET /object_info, /object_info/{class}          server.py:627-645 (unknown class: 200 {})
//   GET /models, /models/{folder}                    server.py:261-273 (unknown folder, unet, clip: 404, empty body)
//   GET /internal/folder_paths                       api_server/routes/internal/internal_routes.py:47-52 (no /api twin)
//   GET /experiment/models, /experiment/models/{f}   app/model_manager.py:30-50, 84-143 (configs, custom_nodes left out)
// Every route but /internal has an /api twin (server.py:802-814); anything else falls to the static route: 404.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One folder key of the install: its search paths (OS-native) and, per path, its files (relative, OS separator). */
export type StandInFolder = { paths: string[]; files: Array<{ name: string; pathIndex?: number; size?: number }> };

export type StandInInstall = {
  /** folder_names_and_paths in insertion order (folder_paths.py:23-51, then extra and custom-node keys). */
  folders: Record<string, StandInFolder>;
  /** NODE_CLASS_MAPPINGS order, each class's node_info as /object_info carries it. */
  nodes: Record<string, unknown>;
};

export type ComfyUIStandIn = { url: string; requests: string[]; close(): Promise<void> };

type Answer = { status: number; body?: unknown };

/** ComfyUI's supported_pt_extensions (folder_paths.py:12); /experiment/models lists only these (model_manager.py:129). */
const PT_EXTENSIONS = [".ckpt", ".pt", ".pt2", ".bin", ".pth", ".safetensors", ".pkl", ".sft"];

function answer(install: StandInInstall, path: string): Answer {
  const api = path.startsWith("/api/");
  const route = api ? path.slice(4) : path;
  if (route === "/object_info") return { status: 200, body: install.nodes };
  const oneNode = /^\/object_info\/([^/]+)$/.exec(route);
  if (oneNode) {
    const name = decodeURIComponent(oneNode[1]!);
    return { status: 200, body: Object.hasOwn(install.nodes, name) ? { [name]: install.nodes[name] } : {} };
  }
  if (route === "/models") return { status: 200, body: Object.keys(install.folders) };
  const models = /^\/models\/([^/]+)$/.exec(route);
  if (models) {
    // The membership test runs before map_legacy: unet and clip are 404 (server.py:267-273).
    const folder = install.folders[decodeURIComponent(models[1]!)];
    if (!folder) return { status: 404 };
    return { status: 200, body: [...new Set(folder.files.map((file) => file.name))].sort() };
  }
  if (route === "/internal/folder_paths") {
    if (api) return { status: 404 };
    return { status: 200, body: Object.fromEntries(Object.entries(install.folders).map(([key, folder]) => [key, folder.paths])) };
  }
  if (route === "/experiment/models") {
    const listed = Object.entries(install.folders).filter(([key]) => key !== "configs" && key !== "custom_nodes");
    return { status: 200, body: listed.map(([name, folder]) => ({ name, folders: folder.paths })) };
  }
  const experiment = /^\/experiment\/models\/([^/]+)$/.exec(route);
  if (experiment) {
    const folder = install.folders[decodeURIComponent(experiment[1]!)];
    if (!folder) return { status: 404 };
    const files = folder.files.filter((file) => PT_EXTENSIONS.some((extension) => file.name.toLowerCase().endsWith(extension)));
    return {
      status: 200,
      body: files.map((file) => ({ name: file.name, pathIndex: file.pathIndex ?? 0, modified: 1736400000.5, created: 1736400000.5, size: file.size ?? 1 })),
    };
  }
  return { status: 404 };
}

/** Starts the stand-in on 127.0.0.1; `requests` records each path asked, in order. */
export async function startComfyUIStandIn(install: StandInInstall): Promise<ComfyUIStandIn> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0]!;
    requests.push(path);
    const { status, body } = answer(install, path);
    if (body === undefined) {
      response.writeHead(status).end();
      return;
    }
    // aiohttp's json_response: application/json, json.dumps with ASCII escapes (server.py, web.json_response).
    const text = JSON.stringify(body).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
    response.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Inputs = Record<string, readonly unknown[]>;

/**
 * A classic (V1) node's node_info, keys in server.py:592-625's order: input as INPUT_TYPES returned it, input_order per
 * category, outputs, then name, display_name, description, python_module, category, output_node.
 */
export function v1Node(name: string, spec: { required?: Inputs; optional?: Inputs; hidden?: Record<string, string>; output: string[]; module: string }) {
  const input: Record<string, unknown> = {};
  if (spec.required) input.required = spec.required;
  if (spec.optional) input.optional = spec.optional;
  if (spec.hidden) input.hidden = spec.hidden;
  return {
    input,
    input_order: Object.fromEntries(Object.entries(input).map(([category, inputs]) => [category, Object.keys(inputs as object)])),
    output: spec.output,
    output_is_list: spec.output.map(() => false),
    output_name: spec.output,
    name,
    display_name: name,
    description: "",
    python_module: spec.module,
    category: "loaders",
    output_node: false,
  };
}

/** A V3 (io.ComfyNode) node's node_info: all 15 keys of NodeInfoV1 (comfy_api/latest/_io.py:974-990, 1100-1145). */
export function v3Node(name: string, spec: { required: Inputs; output: string[]; module: string }) {
  return {
    input: { required: spec.required },
    input_order: { required: Object.keys(spec.required) },
    output: spec.output,
    output_is_list: spec.output.map(() => false),
    output_name: spec.output,
    output_tooltips: spec.output.map(() => null),
    name,
    display_name: null,
    description: "",
    python_module: spec.module,
    category: "loaders",
    output_node: false,
    deprecated: false,
    experimental: false,
    api_node: false,
  };
}

/** A V3 combo input (`io.Combo.Input`, _io.py:333-375): multiselect always present, then options. */
export const v3Combo = (options: string[]) => ["COMBO", { multiselect: false, options }] as const;
