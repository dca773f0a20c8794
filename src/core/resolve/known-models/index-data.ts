// The known-models index (config/known-models.json): the files ComfyUI's official templates and ComfyUI-Manager's
// model lists point to, each fact with the source files it came from. Read and validated once per process.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { projectRoot } from "../../config/project-root";

export const KnownModelSchema = z.object({
  /** The file name as ComfyUI lists it. */
  name: z.string().min(1),
  /** Where it goes below models/: the folder key, then any subfolder (`checkpoints/SDXL`). */
  folder: z.string().min(1),
  /** The ComfyUI folder key (null for paths inside a node pack: `custom_nodes/...`). */
  folderKey: z.string().nullable(),
  /** The canonical download URL. */
  url: z.url(),
  /** The Hugging Face file the URL names, when it names one. */
  hf: z.object({ repo: z.string(), revision: z.string(), path: z.string() }).optional(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  /** Exact bytes, only where a source states them. */
  size: z.number().int().positive().optional(),
  /** An approximate size as ComfyUI-Manager writes it ("2.54GB"). */
  sizeText: z.string().optional(),
  /** Each fact's sources, as `sourceId:path`. */
  from: z.object({ url: z.array(z.string()), sha256: z.array(z.string()).optional(), size: z.array(z.string()).optional() }),
});
export type KnownModel = z.infer<typeof KnownModelSchema>;

export const KnownModelsIndexSchema = z.object({
  about: z.string(),
  generated: z.string(),
  sources: z.array(
    z.object({
      id: z.string(),
      repo: z.string(),
      readFrom: z.string().optional(),
      commit: z.string(),
      what: z.string(),
      date: z.string().nullable().optional(),
    }),
  ),
  /** Hugging Face owners the official templates link to, with how many template files do. */
  publishers: z.array(z.object({ owner: z.string(), templateFiles: z.number() })),
  models: z.array(KnownModelSchema),
});
export type KnownModelsIndex = z.infer<typeof KnownModelsIndexSchema>;

export const KNOWN_MODELS_FILE = "known-models.json";

let loaded: KnownModelsIndex | undefined;

/** The shipped index, validated on first use; a broken file is a bug in the release, so it throws. */
export function knownModelsIndex(): KnownModelsIndex {
  if (loaded) return loaded;
  const path = join(projectRoot(), "config", KNOWN_MODELS_FILE);
  const parsed = KnownModelsIndexSchema.safeParse(JSON.parse(readFileSync(/*turbopackIgnore: true*/ path, "utf8")));
  if (!parsed.success) throw new Error(`${path} is not a valid known-models index: ${z.prettifyError(parsed.error)}`);
  return (loaded = parsed.data);
}

/** An empty index, for tests that must not find anything by name alone. */
export const EMPTY_KNOWN_MODELS: KnownModelsIndex = { about: "", generated: "", sources: [], publishers: [], models: [] };

/** Lower-case owners of the publishers ComfyUI's templates link to. */
export function trustedPublishers(index: KnownModelsIndex): ReadonlySet<string> {
  return new Set(index.publishers.map((publisher) => publisher.owner.toLowerCase()));
}
