// Builds the known-models index from the sources ComfyUI publishes: its workflow templates and blueprints
// (`properties.models` on nodes, subgraphs included) and ComfyUI-Manager's model lists. Pure: the refresh script
// (scripts/refresh-known-models.ts) fetches the files, this decides what they say.
import { canonicalFolder } from "../../registry/folders";
import { managerFolder, ManagerListEntrySchema } from "../manager-list";
import type { KnownModel, KnownModelsIndex } from "./index-data";

/** Source kinds, most authoritative first: a template's link beats a Manager list's. */
export const SOURCE_KINDS = ["templates", "blueprints", "manager", "manager-legacy"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export type SourceSnapshot = {
  id: SourceKind;
  repo: string;
  /** When the files were read from a fork or a copy of `repo`. */
  readFrom?: string;
  commit: string;
  date?: string | null;
  what: string;
  files: Array<{ path: string; json: unknown }>;
};

type Observation = { name: string; folder: string; folderKey: string | null; url: string; sha256?: string; sizeText?: string; ref: string; kind: SourceKind };

/** One URL per file however it was written: no `download=true`, Hub and GitHub `/blob/` links as their download form. */
export function canonicalUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return url.trim();
  }
  parsed.searchParams.delete("download");
  if (/(^|\.)huggingface\.co$/i.test(parsed.hostname)) parsed.pathname = parsed.pathname.replace(/^(\/[^/]+\/[^/]+)\/blob\//, "$1/resolve/");
  if (/^github\.com$/i.test(parsed.hostname)) parsed.pathname = parsed.pathname.replace(/^(\/[^/]+\/[^/]+)\/blob\//, "$1/raw/");
  return parsed.href;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every `properties.models` list anywhere in a workflow (top-level nodes and subgraphs alike). */
function* modelLists(value: unknown): Generator<unknown[]> {
  if (Array.isArray(value)) {
    for (const item of value) yield* modelLists(item);
    return;
  }
  if (!isRecord(value)) return;
  const properties = value.properties;
  if (isRecord(properties) && Array.isArray(properties.models)) yield properties.models;
  for (const child of Object.values(value)) yield* modelLists(child);
}

function templateObservations(source: SourceSnapshot): Observation[] {
  return source.files.flatMap((file) =>
    [...modelLists(file.json)].flatMap((list) =>
      list.flatMap((raw): Observation[] => {
        if (!isRecord(raw) || typeof raw.name !== "string" || typeof raw.url !== "string" || typeof raw.directory !== "string") return [];
        const directory = raw.directory.replace(/\\/g, "/").replace(/^models\//i, "");
        const hash =
          typeof raw.hash === "string" && String(raw.hash_type ?? "").toUpperCase() === "SHA256" && /^[0-9a-f]{64}$/i.test(raw.hash)
            ? raw.hash.toLowerCase()
            : undefined;
        return [
          {
            name: raw.name,
            folder: directory,
            folderKey: canonicalFolder(directory.split("/")[0] ?? directory),
            url: canonicalUrl(raw.url),
            sha256: hash,
            ref: `${source.id}:${file.path}`,
            kind: source.id,
          },
        ];
      }),
    ),
  );
}

function managerObservations(source: SourceSnapshot): Observation[] {
  return source.files.flatMap((file) => {
    const models = isRecord(file.json) && Array.isArray(file.json.models) ? file.json.models : [];
    return models.flatMap((raw): Observation[] => {
      const entry = ManagerListEntrySchema.safeParse(raw);
      // `<huggingface>` entries are whole-repository snapshots, not files.
      if (!entry.success || entry.data.filename === "<huggingface>") return [];
      const saved = managerFolder(entry.data);
      return [
        {
          name: entry.data.filename,
          folder: saved.folder,
          folderKey: saved.folderKey,
          url: canonicalUrl(entry.data.url),
          sizeText: entry.data.size,
          ref: `${source.id}:${file.path}`,
          kind: source.id,
        },
      ];
    });
  });
}

function hfOrigin(url: string): KnownModel["hf"] {
  const match = /^https:\/\/huggingface\.co\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/([^?#]+)$/.exec(url);
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  return { repo: match[1], revision: match[2], path: decodeURIComponent(match[3]) };
}

const unique = <T>(values: T[]) => [...new Set(values)];

/** The index: one entry per (folder, name), its URL from the most authoritative source, then the most cited. */
export function buildKnownModels(sources: SourceSnapshot[], options: { generated: string; about: string }): KnownModelsIndex {
  const observations = sources.flatMap((source) =>
    source.id === "templates" || source.id === "blueprints" ? templateObservations(source) : managerObservations(source),
  );
  const groups = new Map<string, Observation[]>();
  for (const observation of observations) {
    const key = `${observation.folder}\u0000${observation.name}`;
    groups.set(key, [...(groups.get(key) ?? []), observation]);
  }
  const rank = (kind: SourceKind) => SOURCE_KINDS.indexOf(kind);
  const models: KnownModel[] = [...groups.values()].map((group) => {
    const best = Math.min(...group.map((observation) => rank(observation.kind)));
    const citations = new Map<string, number>();
    for (const observation of group.filter((candidate) => rank(candidate.kind) === best))
      citations.set(observation.url, (citations.get(observation.url) ?? 0) + 1);
    const url = [...citations.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    const hashed = group.filter((observation) => observation.sha256);
    const sized = group.find((observation) => observation.sizeText);
    const first = group[0]!;
    const entry: KnownModel = {
      name: first.name,
      folder: first.folder,
      folderKey: first.folderKey,
      url,
      from: { url: unique(group.filter((o) => o.url === url).map((o) => o.ref)) },
    };
    const hf = hfOrigin(url);
    if (hf) entry.hf = hf;
    if (hashed[0]?.sha256) {
      entry.sha256 = hashed[0].sha256;
      entry.from.sha256 = unique(hashed.filter((o) => o.sha256 === entry.sha256).map((o) => o.ref));
    }
    if (sized?.sizeText) entry.sizeText = sized.sizeText;
    return entry;
  });
  const publisherFiles = new Map<string, Set<string>>();
  for (const observation of observations.filter((o) => o.kind === "templates" || o.kind === "blueprints")) {
    const owner = hfOrigin(observation.url)?.repo.split("/")[0];
    if (owner) publisherFiles.set(owner, (publisherFiles.get(owner) ?? new Set()).add(observation.ref));
  }
  return {
    about: options.about,
    generated: options.generated,
    sources: sources.map(({ files: _files, ...source }) => source),
    publishers: [...publisherFiles.entries()].map(([owner, files]) => ({ owner, templateFiles: files.size })).sort((a, b) => b.templateFiles - a.templateFiles),
    models: models.sort((a, b) => a.folder.localeCompare(b.folder) || a.name.localeCompare(b.name)),
  };
}
