// The simulated Civitai: REST API v1 (models, versions, by-hash) and the download endpoint.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CivitaiFileMetadata, SimCivitaiFile, SimCivitaiModel, SimCivitaiVersion } from "./catalogue";
import { bearerToken, htmlPage, redirect, sendHtml, sendJson } from "./http";
import { civitaiStoragePath } from "./storage";
import { stableHex, type SimState } from "./state";

const PUBLISHED_AT = "2024-01-01T00:00:00.000Z";
const MAX_PAGE_SIZE = 100;

type Route = { pattern: RegExp; handle: (state: SimState, req: IncomingMessage, res: ServerResponse, url: URL, match: RegExpExecArray) => void };

const routes: Route[] = [
  { pattern: /^\/api\/v1\/models\/?$/, handle: searchModels },
  { pattern: /^\/api\/v1\/models\/(\d+)\/?$/, handle: (s, _q, res, _u, m) => getModel(s, res, Number(m[1])) },
  { pattern: /^\/api\/v1\/model-versions\/by-hash\/([^/]+)\/?$/, handle: (s, _q, res, _u, m) => getVersionByHash(s, res, decodeURIComponent(m[1] ?? "")) },
  { pattern: /^\/api\/v1\/model-versions\/(\d+)\/?$/, handle: (s, _q, res, _u, m) => getVersion(s, res, Number(m[1])) },
  { pattern: /^\/api\/download\/models\/(\d+)\/?$/, handle: (s, req, res, url, m) => download(s, req, res, url, Number(m[1])) },
  { pattern: /^\/login\/?$/, handle: (_s, _q, res) => sendHtml(res, 200, htmlPage("Sign in", "Sign in to Civitai to continue.")) },
  { pattern: /^\/models\/(\d+)/, handle: (_s, _q, res, _u, m) => sendHtml(res, 200, htmlPage(`Model ${m[1]}`, "Model page")) },
];

export function handleCivitai(state: SimState, req: IncomingMessage, res: ServerResponse, url: URL): void {
  for (const route of routes) {
    const match = route.pattern.exec(url.pathname);
    if (match) return route.handle(state, req, res, url, match);
  }
  sendJson(res, 404, { error: "Not found" });
}

function notFound(res: ServerResponse): void {
  sendJson(res, 404, { error: "Model not found" });
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

/** Civitai matches the query against model names; the simulator also accepts file names, to stay forgiving. */
function matchesQuery(model: SimCivitaiModel, query: string): boolean {
  const wanted = normalise(query);
  if (!wanted) return true;
  if (normalise(model.name).includes(wanted)) return true;
  return model.modelVersions.some((version) => version.files.some((file) => normalise(file.name).includes(wanted)));
}

function listParam(url: URL, name: string): string[] {
  return url.searchParams
    .getAll(name)
    .flatMap((value) => value.split(","))
    .filter(Boolean);
}

function searchModels(state: SimState, _req: IncomingMessage, res: ServerResponse, url: URL): void {
  const query = url.searchParams.get("query") ?? "";
  if (query && url.searchParams.has("page")) {
    return sendJson(res, 400, { error: "Cannot use page param with query search. Use cursor-based pagination." });
  }
  const types = new Set(listParam(url, "types"));
  const baseModels = new Set(listParam(url, "baseModels"));
  const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, Number(url.searchParams.get("limit") ?? MAX_PAGE_SIZE) || MAX_PAGE_SIZE));
  const offset = Math.max(0, Number(url.searchParams.get("cursor") ?? 0) || 0);

  const matching = state.index.catalogue.civitai.models.filter(
    (model) =>
      matchesQuery(model, query) &&
      (types.size === 0 || types.has(model.type)) &&
      (baseModels.size === 0 || model.modelVersions.some((version) => baseModels.has(version.baseModel))),
  );
  const page = matching.slice(offset, offset + limit);
  const nextOffset = offset + limit;
  const metadata: Record<string, unknown> = { pageSize: limit };
  if (nextOffset < matching.length) {
    const next = new URL(url.pathname + url.search, state.urls.civitaiUrl);
    next.searchParams.set("cursor", String(nextOffset));
    metadata.nextCursor = String(nextOffset);
    metadata.nextPage = next.toString();
  }
  sendJson(res, 200, { items: page.map((model) => modelJson(state, model)), metadata });
}

function getModel(state: SimState, res: ServerResponse, id: number): void {
  const model = state.index.catalogue.civitai.models.find((candidate) => candidate.id === id);
  if (!model) return sendJson(res, 404, { error: `No model with id ${id}` });
  sendJson(res, 200, modelJson(state, model));
}

function getVersion(state: SimState, res: ServerResponse, id: number): void {
  const entry = state.index.civitaiVersion(id);
  if (!entry) return sendJson(res, 404, { error: `Version not found` });
  sendJson(res, 200, standaloneVersionJson(state, entry.model, entry.version));
}

function getVersionByHash(state: SimState, res: ServerResponse, hash: string): void {
  const entry = state.index.civitaiFileByHash(hash);
  if (!entry) return notFound(res);
  sendJson(res, 200, standaloneVersionJson(state, entry.model, entry.version));
}

function modelJson(state: SimState, model: SimCivitaiModel) {
  return {
    id: model.id,
    name: model.name,
    description: `<p>${model.name}</p>`,
    type: model.type,
    poi: false,
    nsfw: model.nsfw ?? false,
    allowNoCredit: true,
    allowCommercialUse: ["Image", "RentCivit"],
    allowDerivatives: true,
    allowDifferentLicense: true,
    stats: { downloadCount: 1000 + (model.id % 977), favoriteCount: 0, commentCount: 0, ratingCount: 0, rating: 0 },
    creator: { username: model.creator ?? "sim-creator", image: null },
    tags: [],
    modelVersions: model.modelVersions.map((version) => versionJson(state, model, version)),
  };
}

function versionJson(state: SimState, model: SimCivitaiModel, version: SimCivitaiVersion) {
  return {
    id: version.id,
    modelId: model.id,
    name: version.name,
    createdAt: PUBLISHED_AT,
    updatedAt: PUBLISHED_AT,
    status: "Published",
    publishedAt: PUBLISHED_AT,
    trainedWords: version.trainedWords ?? [],
    baseModel: version.baseModel,
    baseModelType: "Standard",
    availability: version.earlyAccess ? "EarlyAccess" : "Public",
    earlyAccessTimeFrame: version.earlyAccess ? 7 : 0,
    description: null,
    stats: { downloadCount: 100 + (version.id % 997), ratingCount: 0, rating: 0 },
    files: version.files.map((file) => fileJson(state, version, file)),
    images: [],
    downloadUrl: downloadUrl(state, version, undefined),
  };
}

function standaloneVersionJson(state: SimState, model: SimCivitaiModel, version: SimCivitaiVersion) {
  return {
    ...versionJson(state, model, version),
    model: { name: model.name, type: model.type, nsfw: model.nsfw ?? false, poi: false },
  };
}

function isPrimary(version: SimCivitaiVersion, file: SimCivitaiFile): boolean {
  const marked = version.files.find((candidate) => candidate.primary);
  return marked ? marked === file : version.files[0] === file;
}

const formatBySuffix: [string, NonNullable<CivitaiFileMetadata["format"]>][] = [
  [".safetensors", "SafeTensor"],
  [".sft", "SafeTensor"],
  [".ckpt", "PickleTensor"],
  [".pt", "PickleTensor"],
  [".pth", "PickleTensor"],
  [".bin", "PickleTensor"],
  [".gguf", "GGUF"],
];

function fileMetadata(file: SimCivitaiFile): Required<CivitaiFileMetadata> {
  const lower = file.name.toLowerCase();
  const format = formatBySuffix.find(([suffix]) => lower.endsWith(suffix))?.[1] ?? "Other";
  return { fp: file.metadata?.fp ?? null, size: file.metadata?.size ?? null, format: file.metadata?.format ?? format };
}

function fileJson(state: SimState, version: SimCivitaiVersion, file: SimCivitaiFile) {
  const digest = state.index.civitaiBody(file).digest();
  return {
    id: file.id,
    // Like Civitai's: kilobytes, not exact bytes; Content-Length is the exact size.
    sizeKB: Math.round(file.size / 1024),
    name: file.name,
    type: file.type ?? "Model",
    pickleScanResult: "Success",
    pickleScanMessage: "No Pickle imports",
    virusScanResult: "Success",
    virusScanMessage: null,
    scannedAt: PUBLISHED_AT,
    metadata: fileMetadata(file),
    hashes: {
      AutoV2: digest.autoV2,
      SHA256: digest.sha256.toUpperCase(),
      CRC32: digest.crc32,
      // Not a real BLAKE3 (Node has none); a stable stand-in of the right shape.
      BLAKE3: stableHex(`blake3:${digest.sha256}`, 40).padEnd(64, "0").toUpperCase(),
    },
    primary: isPrimary(version, file),
    downloadUrl: downloadUrl(state, version, file),
  };
}

/** The primary file's URL has no query; others select themselves by type/format/size/fp as on Civitai. */
function downloadUrl(state: SimState, version: SimCivitaiVersion, file: SimCivitaiFile | undefined): string {
  const url = new URL(`/api/download/models/${version.id}`, state.urls.civitaiUrl);
  if (file && !isPrimary(version, file)) {
    const metadata = fileMetadata(file);
    url.searchParams.set("type", file.type ?? "Model");
    if (metadata.format) url.searchParams.set("format", metadata.format);
    if (metadata.size) url.searchParams.set("size", metadata.size);
    if (metadata.fp) url.searchParams.set("fp", metadata.fp);
  }
  return url.toString();
}

function selectFile(version: SimCivitaiVersion, url: URL): SimCivitaiFile | undefined {
  const wanted = ["type", "format", "size", "fp"].filter((name) => url.searchParams.has(name));
  if (wanted.length === 0) return version.files.find((file) => isPrimary(version, file));
  return version.files.find((file) => {
    const metadata = fileMetadata(file);
    const actual: Record<string, string | null> = { type: file.type ?? "Model", ...metadata };
    return wanted.every((name) => actual[name] === url.searchParams.get(name));
  });
}

function hasValidToken(state: SimState, req: IncomingMessage, url: URL): boolean {
  const token = bearerToken(req) ?? url.searchParams.get("token");
  return Boolean(state.options.civitaiToken) && token === state.options.civitaiToken;
}

function download(state: SimState, req: IncomingMessage, res: ServerResponse, url: URL, versionId: number): void {
  const entry = state.index.civitaiVersion(versionId);
  if (!entry) return notFound(res);
  const file = selectFile(entry.version, url);
  if (!file) return sendJson(res, 404, { error: "File not found" });
  if (file.downloadsDisabled) {
    return sendJson(res, 401, {
      error: "Unauthorized",
      message: "The creator of this asset has disabled downloads on this file",
    });
  }
  const needsToken = file.requiresAuth || state.options.requireCivitaiTokenForDownloads;
  if (needsToken && !hasValidToken(state, req, url)) {
    return sendJson(res, 401, {
      error: "Unauthorized",
      message: "The creator of this asset requires you to be logged in to download it",
    });
  }
  if (entry.version.earlyAccess) {
    return sendJson(res, 403, {
      error: "Forbidden",
      message: "This asset is in Early Access. You can use Buzz to access it now.",
    });
  }
  if (file.htmlInsteadOfFile) {
    return sendHtml(res, 200, htmlPage("Civitai", "Something went wrong. Please try again later."));
  }
  const path = civitaiStoragePath(file.id, file.name);
  redirect(res, 307, `${state.urls.storageUrl}${path}?${state.presigner.query(path, file.name)}`);
}
