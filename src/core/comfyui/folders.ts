// Asks a running ComfyUI where it looks for models, and what each folder holds: the only sure answer for that install.
import { z } from "zod";
import type { ComfyUIClient } from "./client";

export type ServerFolder = { folder: string; paths: string[] };
export type ServerFile = { name: string; pathIndex: number; size: number; mtimeMs: number };

// /internal/folder_paths: { key: [paths] } (older builds: { key: [[paths], [extensions]] }).
const InternalFolderPaths = z.record(z.string(), z.array(z.union([z.string(), z.array(z.string())])));
// /experiment/models: [{ name, folders }]
const ExperimentFolders = z.array(z.object({ name: z.string(), folders: z.array(z.string()) }));
// /models: ["checkpoints", …]; /models/{folder}: ["SDXL/a.safetensors", …]
const Names = z.array(z.string());
// /experiment/models/{folder}: [{ name, pathIndex, modified (s), size }]
const ExperimentFiles = z.array(
  z.object({ name: z.string(), pathIndex: z.number().int().min(0), size: z.number().optional(), modified: z.number().optional() }),
);

function pathsOf(value: Array<string | string[]>): string[] {
  return value.every((item) => typeof item === "string") ? (value as string[]) : ((value[0] as string[] | undefined) ?? []);
}

/** Folder keys and their paths, in the server's order; paths are empty when the server only names its folders. */
export async function fetchServerFolders(client: ComfyUIClient, signal?: AbortSignal): Promise<ServerFolder[]> {
  const internal = InternalFolderPaths.safeParse(await client.getJson("/internal/folder_paths", signal));
  if (internal.success) return Object.entries(internal.data).map(([folder, value]) => ({ folder, paths: pathsOf(value) }));
  const experiment = ExperimentFolders.safeParse(await client.getJson("/experiment/models", signal));
  if (experiment.success) return experiment.data.map(({ name, folders }) => ({ folder: name, paths: folders }));
  const names = Names.safeParse(await client.getJson("/models", signal));
  if (names.success) return names.data.map((folder) => ({ folder, paths: [] }));
  throw new Error(`ComfyUI at ${client.baseUrl} answered none of /internal/folder_paths, /experiment/models, /models; is it a ComfyUI server?`);
}

/** The files the server lists for one folder with sizes, for when its paths are not visible from here. */
export async function fetchServerFiles(client: ComfyUIClient, folder: string, signal?: AbortSignal): Promise<ServerFile[] | null> {
  const parsed = ExperimentFiles.safeParse(await client.getJson(`/experiment/models/${encodeURIComponent(folder)}`, signal));
  if (!parsed.success) return null;
  return parsed.data.map((file) => ({ name: file.name, pathIndex: file.pathIndex, size: file.size ?? 0, mtimeMs: (file.modified ?? 0) * 1000 }));
}

/** Every folder key the server knows (/models, ComfyUI's folder_names_and_paths in order). */
export async function fetchFolderNames(client: ComfyUIClient, signal?: AbortSignal): Promise<string[] | null> {
  const parsed = Names.safeParse(await client.getJson("/models", signal));
  return parsed.success ? parsed.data : null;
}

/** The file names a node's combo offers for one folder (/models/{folder}: get_filename_list, OS separators); null when unknown. */
export async function fetchFolderListing(client: ComfyUIClient, folder: string, signal?: AbortSignal): Promise<string[] | null> {
  const parsed = Names.safeParse(await client.getJson(`/models/${encodeURIComponent(folder)}`, signal));
  return parsed.success ? parsed.data : null;
}
