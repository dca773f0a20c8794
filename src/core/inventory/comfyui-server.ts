// Asks a running ComfyUI where it looks for models: the only sure answer for that install.
import { z } from "zod";
import { createHttpClient, discard, type HttpClient } from "../net/http";

export type ServerFolder = { folder: string; paths: string[] };
export type ServerFile = { name: string; pathIndex: number; size: number; mtimeMs: number };

const REQUEST_TIMEOUT_MS = 15_000;

// /internal/folder_paths: { key: [paths] } (older builds: { key: [[paths], [extensions]] }).
const InternalFolderPaths = z.record(z.string(), z.array(z.union([z.string(), z.array(z.string())])));
// /experiment/models: [{ name, folders }]
const ExperimentFolders = z.array(z.object({ name: z.string(), folders: z.array(z.string()) }));
// /models: ["checkpoints", …]
const FolderNames = z.array(z.string());
// /experiment/models/{folder}: [{ name, pathIndex, modified (s), size }]
const ExperimentFiles = z.array(
  z.object({ name: z.string(), pathIndex: z.number().int().min(0), size: z.number().optional(), modified: z.number().optional() }),
);

/**
 * The engine's HTTP client pointed at the user's own ComfyUI: that one host is trusted as configured (it is usually
 * on loopback or the LAN), nothing else is reachable through it, and no token is ever sent.
 */
function comfyUiHttp(baseUrl: string): HttpClient {
  const base = new URL(baseUrl);
  return createHttpClient({
    policy: { allowedHosts: [], trustedHosts: [base.host], allowPrivateNetworks: false },
    tokens: {},
    endpoints: { civitai: base, huggingface: base },
    userAgent: "ComfyFixer",
  });
}

async function getJson(baseUrl: string, path: string, signal?: AbortSignal): Promise<unknown | null> {
  const url = new URL(path.replace(/^\//, ""), baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const http = comfyUiHttp(baseUrl);
  try {
    const response = await http.request(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout, headers: { accept: "application/json" } });
    if (response.status < 200 || response.status >= 300) {
      await discard(response.body);
      return null;
    }
    return await response.body.json();
  } finally {
    await http.close();
  }
}

function pathsOf(value: Array<string | string[]>): string[] {
  return value.every((item) => typeof item === "string") ? (value as string[]) : ((value[0] as string[] | undefined) ?? []);
}

/** Folder keys and their paths, in the server's order; paths are empty when the server only names its folders. */
export async function fetchServerFolders(baseUrl: string, signal?: AbortSignal): Promise<ServerFolder[]> {
  try {
    const internal = InternalFolderPaths.safeParse(await getJson(baseUrl, "/internal/folder_paths", signal));
    if (internal.success) return Object.entries(internal.data).map(([folder, value]) => ({ folder, paths: pathsOf(value) }));
    const experiment = ExperimentFolders.safeParse(await getJson(baseUrl, "/experiment/models", signal));
    if (experiment.success) return experiment.data.map(({ name, folders }) => ({ folder: name, paths: folders }));
    const names = FolderNames.safeParse(await getJson(baseUrl, "/models", signal));
    if (names.success) return names.data.map((folder) => ({ folder, paths: [] }));
  } catch (error) {
    signal?.throwIfAborted();
    throw new Error(`Cannot reach ComfyUI at ${baseUrl} (${(error as Error).message}); check that it is running and the URL is right.`);
  }
  throw new Error(`ComfyUI at ${baseUrl} answered none of /internal/folder_paths, /experiment/models, /models; is it a ComfyUI server?`);
}

/** The files the server lists for one folder, for when its paths are not visible from here. */
export async function fetchServerFiles(baseUrl: string, folder: string, signal?: AbortSignal): Promise<ServerFile[] | null> {
  const parsed = ExperimentFiles.safeParse(await getJson(baseUrl, `/experiment/models/${encodeURIComponent(folder)}`, signal));
  if (!parsed.success) return null;
  return parsed.data.map((file) => ({ name: file.name, pathIndex: file.pathIndex, size: file.size ?? 0, mtimeMs: (file.modified ?? 0) * 1000 }));
}
