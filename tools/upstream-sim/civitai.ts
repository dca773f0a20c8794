// The simulated Civitai: REST API v1 (models, versions, by-hash, me, enums) and the download endpoint, answering as
// civitai/civitai@ebed661630 does (src/pages/api/v1/**, src/server/utils/endpoint-helpers.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import { CIVITAI_FILE_TYPES, CIVITAI_MODEL_TYPES } from "./catalogue";
import { download, type CivitaiCaller } from "./civitai-download";
import { searchItem, versionBody } from "./civitai-json";
import { searchModels } from "./civitai-search";
import { htmlPage, sendHtml, sendJson, type Headers } from "./http";
import { versionPublishedAt, type SimState } from "./state";

type Handler = (state: SimState, req: IncomingMessage, res: ServerResponse, url: URL, match: RegExpExecArray, caller: CivitaiCaller) => void;
/** "mixed": GET only (405 otherwise) with CDN caching for anonymous callers; "public": no method check, so HEAD runs it. */
type Route = { pattern: RegExp; kind: "mixed" | "public" | "authed" | "page"; handle: Handler };

const MAX_PAGE_SIZE = 100;
const CORS: Headers = { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "*", "Access-Control-Allow-Methods": "GET" };
const ANONYMOUS_CACHE: Headers = { "Cache-Control": "public, s-maxage=300, stale-while-revalidate=150" };

const routes: Route[] = [
  { pattern: /^\/api\/v1\/models\/?$/, kind: "mixed", handle: (s, _q, res, url, _m, caller) => search(s, res, url, caller) },
  { pattern: /^\/api\/v1\/models\/(\d+)\/?$/, kind: "mixed", handle: (s, _q, res, _u, m, caller) => getModel(s, res, Number(m[1]), caller) },
  {
    pattern: /^\/api\/v1\/model-versions\/by-hash\/([^/]+)\/?$/,
    kind: "public",
    handle: (s, _q, res, _u, m) => byHash(s, res, decodeURIComponent(m[1] ?? "")),
  },
  { pattern: /^\/api\/v1\/model-versions\/([^/]+)\/?$/, kind: "mixed", handle: (s, _q, res, _u, m) => getVersion(s, res, m[1] ?? "") },
  { pattern: /^\/api\/v1\/me\/?$/, kind: "authed", handle: (s, _q, res, _u, _m, caller) => me(s, res, caller) },
  { pattern: /^\/api\/v1\/enums\/?$/, kind: "public", handle: (_s, _q, res) => sendJson(res, 200, enums(), CORS) },
  { pattern: /^\/api\/download\/models\/(\d+)\/?$/, kind: "public", handle: (s, req, res, url, m, caller) => download(s, req, res, url, Number(m[1]), caller) },
  { pattern: /^\/login\/?$/, kind: "page", handle: (_s, _q, res) => sendHtml(res, 200, htmlPage("Sign in", "Sign in to Civitai to continue.")) },
  { pattern: /^\/(models|model-versions)\/(\d+)/, kind: "page", handle: (_s, _q, res, _u, m) => sendHtml(res, 200, htmlPage(`Model ${m[2]}`, "Model page")) },
];

/**
 * The API key as Civitai reads it: the second word of `Authorization` (any scheme), else `?token=` when no
 * Authorization header was sent (src/server/auth/get-server-auth-session.ts:67-74). An unknown key is anonymous
 * (src/server/auth/bearer-token.ts:15-43).
 */
function callerOf(state: SimState, req: IncomingMessage, url: URL): CivitaiCaller {
  const header = req.headers.authorization;
  const key = header !== undefined ? (header.split(" ")[1] ?? null) : url.searchParams.get("token");
  return { key, user: Boolean(key) && key === state.options.civitaiToken };
}

export function handleCivitai(state: SimState, req: IncomingMessage, res: ServerResponse, url: URL): void {
  if (req.method === "OPTIONS") return sendJson(res, 200, {}, CORS);
  const caller = callerOf(state, req, url);
  for (const route of routes) {
    const match = route.pattern.exec(url.pathname);
    if (!match) continue;
    if ((route.kind === "mixed" || route.kind === "authed") && req.method !== "GET") return sendJson(res, 405, { error: "Method not allowed" });
    if (route.kind === "mixed" && !caller.user) for (const [name, value] of Object.entries(ANONYMOUS_CACHE)) res.setHeader(name, value);
    if (route.kind !== "page") for (const [name, value] of Object.entries(CORS)) res.setHeader(name, value);
    return route.handle(state, req, res, url, match, caller);
  }
  sendJson(res, 404, { error: "Not found" });
}

/** `?query` search and listing (src/pages/api/v1/models/index.ts, src/server/services/model-search.service.ts). */
function search(state: SimState, res: ServerResponse, url: URL, caller: CivitaiCaller): void {
  const params = url.searchParams;
  if ((params.has("favorites") || params.has("hidden")) && !caller.user) return sendJson(res, 401, { error: "Unauthorized" });
  const limitText = params.get("limit");
  const limit = limitText === null ? MAX_PAGE_SIZE : Number(limitText);
  const types = params.getAll("types");
  const nsfw = params.get("nsfw");
  const problems = [
    !Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_SIZE ? "limit: Number must be between 0 and 100" : null,
    // One value per repeated `types=`; a comma-joined list is one invalid value (src/server/schema/model.schema.ts:77-81).
    ...types.map((type) => ((CIVITAI_MODEL_TYPES as readonly string[]).includes(type) ? null : `types: Invalid enum value '${type}'`)),
    nsfw !== null && !/^(true|false|1|0|yes|no|on|off|y|n|enabled|disabled)$/i.test(nsfw) ? "nsfw: Invalid boolean" : null,
  ].filter((problem): problem is string => problem !== null);
  if (problems.length > 0) return sendJson(res, 400, { error: { issues: problems.map((message) => ({ message })), name: "ZodError" } });
  const query = params.get("query") ?? "";
  const page = params.get("page");
  if (page !== null && !params.has("cursor") && Number(page) * limit > 1000) {
    return sendJson(res, 429, { error: "You've requested too many pages, please use cursors instead" });
  }
  if (query && page !== null) return sendJson(res, 400, { error: "Cannot use page param with query search. Use cursor-based pagination." });

  const showNsfw = nsfw !== null && /^(true|1|yes|on|y|enabled)$/i.test(nsfw);
  const typeFilter = new Set(types);
  const baseModels = new Set(params.getAll("baseModels"));
  const found = searchModels(state.index.catalogue.civitai.models, query, state.index).filter(
    (model) =>
      (showNsfw || !model.nsfw) &&
      (typeFilter.size === 0 || typeFilter.has(model.type)) &&
      (baseModels.size === 0 || model.modelVersions.some((version) => baseModels.has(version.baseModel))),
  );
  // On the query path the cursor is an offset; a non-numeric cursor reads as 0 (model-search.service.ts:119, 157-161).
  const offset = Math.max(0, Number(params.get("cursor") ?? 0) || 0);
  const preferences = caller.user ? state.options.civitaiAccount?.filePreferences : undefined;
  const items = found.slice(offset, offset + limit).map((model) => searchItem(state, model, preferences));
  const metadata: Record<string, unknown> = {};
  if (offset + limit < found.length) {
    const next = new URL(url.pathname + url.search, state.urls.civitaiUrl);
    next.searchParams.set("cursor", String(offset + limit));
    metadata.nextCursor = String(offset + limit);
    metadata.nextPage = next.toString();
  }
  sendJson(res, 200, { items, metadata });
}

function getModel(state: SimState, res: ServerResponse, id: number, caller: CivitaiCaller): void {
  const model = state.index.catalogue.civitai.models.find((candidate) => candidate.id === id);
  if (!model) return sendJson(res, 404, { error: `No model with id ${id}` });
  sendJson(res, 200, searchItem(state, model, caller.user ? state.options.civitaiAccount?.filePreferences : undefined));
}

function getVersion(state: SimState, res: ServerResponse, rawId: string): void {
  const id = Number(rawId);
  if (!/^\d+$/.test(rawId)) return sendJson(res, 400, { error: "id: Invalid input: expected number" });
  if (id === 0) return sendJson(res, 400, { error: "Missing modelVersionId" });
  const entry = state.index.civitaiVersion(id);
  if (!entry) return sendJson(res, 404, { error: "Model not found" });
  if (entry.version.files.length === 0) return sendJson(res, 404, { error: "Missing model file" });
  sendJson(res, 200, versionBody(state, entry.model, entry.version));
}

/** by-hash/[hash].ts: upper-cased, any stored hash type, the earliest published version first (since 679bf15a04). */
function byHash(state: SimState, res: ServerResponse, hash: string): void {
  const [entry] = state.index
    .civitaiFilesByHash(hash)
    .sort((a, b) => Date.parse(versionPublishedAt(a.version)) - Date.parse(versionPublishedAt(b.version)) || a.version.id - b.version.id);
  if (!entry) return sendJson(res, 404, { error: "Model not found" });
  sendJson(res, 200, versionBody(state, entry.model, entry.version), { "Cache-Control": "public, s-maxage=3600, stale-while-revalidate=1800" });
}

/** /api/v1/me (src/pages/api/v1/me.ts): the key's own account, or 401 for no key or an unknown one. */
function me(state: SimState, res: ServerResponse, caller: CivitaiCaller): void {
  if (!caller.user) return sendJson(res, 401, { error: "Unauthorized" });
  const account = state.options.civitaiAccount ?? {};
  const id = account.id ?? 1;
  sendJson(res, 200, {
    id,
    username: account.username ?? "sim-user",
    tier: "free",
    status: "active",
    isMember: false,
    subscriptions: [],
    tokenScope: 0,
    buzzLimit: null,
    subject: { type: "apiKey", id: 1000 + id },
  });
}

/** /api/v1/enums (src/pages/api/v1/enums.ts). */
function enums() {
  return {
    ModelType: [...CIVITAI_MODEL_TYPES],
    ModelFileType: [...CIVITAI_FILE_TYPES],
    ActiveBaseModel: ["SD 1.5", "SDXL 1.0", "Pony", "Illustrious", "Flux.1 D", "Flux.1 S", "Wan Video 14B t2v"],
    BaseModel: ["SD 1.5", "SDXL 1.0", "Pony", "Illustrious", "Flux.1 D", "Flux.1 S", "Wan Video 14B t2v", "Other"],
    BaseModelType: ["Standard", "Inpainting", "Refiner", "Pix2Pix"],
  };
}
