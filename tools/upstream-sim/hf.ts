// The simulated Hugging Face Hub: search, model info, the paginated tree, /resolve redirects (LFS CDN, Xet bridge,
// relative 307s for renamed repos and small files), whoami-v2, and its errors and rate-limit headers.
// Sources: huggingface_hub@ee0a4510f (hfh), huggingface.js@fe42e6801 (hfjs), hub-docs@242f4a1e (docs).
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isLfsFile, type SimHfFile, type SimHfRepo } from "./catalogue";
import { countCall } from "./hf-rate-limit";
import { bearerToken, htmlPage, send, sendHtml, sendJson, type Headers } from "./http";
import { hfStoragePath, xetStoragePath } from "./storage";
import { stableHex, type SimState } from "./state";

const LAST_MODIFIED = "2024-01-01T00:00:00.000Z";
const POINTER_SIZE = 134;
/** The Hub's CDN and Xet bridge URLs live an hour (X-Amz-Expires=3600 on cas-bridge, padeoe/hf-mirror-site#50). */
const HF_PRESIGN_TTL_MS = 60 * 60 * 1000;
const DEFAULT_TREE_PAGE = 1000;
/** hfh hf_api.py:3994-3998: "only 50 results are returned per page (instead of 1000)" with expand=True. */
const EXPANDED_TREE_PAGE = 50;
const SEARCH_FIELDS = new Set(["gated", "private", "downloads", "likes", "sha", "lastModified", "siblings", "tags", "createdAt", "disabled", "author"]);

type TokenState = "none" | "valid" | "invalid";
type RepoContext = { state: SimState; req: IncomingMessage; res: ServerResponse; url: URL; repo: SimHfRepo; token: TokenState };
type RepoRoute = { pattern: RegExp; handle: (context: RepoContext, match: RegExpExecArray) => void };

// Paths after the repo id ("org/name"), for /api/models/{repo}… and /{repo}….
const apiRoutes: RepoRoute[] = [
  { pattern: /^\/?$/, handle: (context) => modelInfo(context) },
  { pattern: /^\/revision\/([^/]+)\/?$/, handle: (context, match) => withRevision(context, match[1] ?? "", () => modelInfo(context)) },
  { pattern: /^\/tree\/([^/]+)(?:\/(.*))?$/, handle: (context, match) => withRevision(context, match[1] ?? "", () => tree(context, match[2] ?? "")) },
  { pattern: /^\/xet-read-token\/([^/]+)\/?$/, handle: (context, match) => withRevision(context, match[1] ?? "", () => xetReadToken(context)) },
];
const fileRoutes: RepoRoute[] = [
  { pattern: /^\/resolve\/([^/]+)\/(.+)$/, handle: (context, match) => withRevision(context, match[1] ?? "", () => resolveFile(context, match[2] ?? "")) },
  { pattern: /^\/?$/, handle: ({ res, repo }) => sendHtml(res, 200, htmlPage(repo.id, "Model card")) },
];

/** Headers every Hub answer carries (recorded in hfh tests/cassettes, 2025: HF-COM-01). */
function commonHeaders(path: string): Headers {
  return {
    "X-Powered-By": "huggingface-moon",
    "X-Request-Id": `Root=1-${stableHex(`t:${path}:${Date.now()}`, 8)}-${stableHex(`r:${path}`, 24)}`,
    "Access-Control-Expose-Headers":
      "X-Repo-Commit,X-Request-Id,X-Error-Code,X-Error-Message,X-Total-Count,ETag,Link,Accept-Ranges,Content-Range,X-Xet-Access-Token,X-Xet-Token-Expiration,X-Xet-Refresh-Route,X-Xet-Cas-Url,X-Xet-Hash",
    Vary: "Origin",
  };
}

export function handleHf(state: SimState, req: IncomingMessage, res: ServerResponse, url: URL): void {
  for (const [name, value] of Object.entries(commonHeaders(url.pathname))) res.setHeader(name, value);
  const token = tokenState(state, req);
  // An invalid or expired token is refused on every endpoint, public ones included (hfh _http.py:865-868; hfh#1124).
  if (token === "invalid") return hubError(res, 401, null, "Invalid credentials in Authorization header");
  const limit = countCall(state, url.pathname, token === "valid" ? "free" : "anonymous");
  for (const [name, value] of Object.entries(limit.headers)) res.setHeader(name, value);
  if (limit.exhausted) return sendJson(res, 429, { error: "You have exceeded the rate limit, please retry later." });

  if (/^\/api\/whoami-v2\/?$/.test(url.pathname)) return whoami(state, res, token);
  if (/^\/api\/models\/?$/.test(url.pathname)) return search(state, res, url);
  const cached = /^\/api\/resolve-cache\/models\/([^/]+\/[^/]+)\/([0-9a-f]{40})\/(.+)$/.exec(url.pathname);
  if (cached) return resolveCache(state, res, decodeURIComponent(cached[1] ?? ""), decodeURIComponent(cached[3] ?? ""), token);

  const apiMatch = /^\/api\/models\/([^/]+\/[^/]+)(\/.*)?$/.exec(url.pathname);
  const fileMatch = /^\/([^/]+\/[^/]+)(\/.*)?$/.exec(url.pathname);
  const [match, routes, prefix] = apiMatch ? [apiMatch, apiRoutes, "/api/models/"] : [fileMatch, fileRoutes, "/"];
  if (!match) return sendJson(res, 404, { error: "Not found" });
  const repoId = decodeURIComponent(match[1] ?? "");
  const rest = match[2] ?? "";
  const repo = state.index.hfRepo(repoId);
  if (!repo) {
    const moved = state.index.hfRenamed(repoId);
    // A renamed repo answers a relative 307 (recorded: hfh cassette InferenceApiTest.test_simple_inference.yaml).
    if (moved) return relativeRedirect(res, `${prefix}${moved.id}${rest}${url.search}`);
    return missingRepo(res, token, apiMatch !== null);
  }
  if (repo.private && token !== "valid") return missingRepo(res, token, apiMatch !== null);
  // hfh _http.py:826-834: a disabled repo is a 403 known only by its message.
  if (repo.disabled) return hubError(res, 403, null, "Access to this resource is disabled.");
  for (const route of routes) {
    const routeMatch = route.pattern.exec(rest);
    if (routeMatch) return route.handle({ state, req, res, url, repo, token }, routeMatch);
  }
  sendJson(res, 404, { error: "Not found" });
}

function tokenState(state: SimState, req: IncomingMessage): TokenState {
  const token = bearerToken(req);
  if (!token) return "none";
  return token === state.options.hfToken ? "valid" : "invalid";
}

/** `{"error": message}` with X-Error-Code (when the Hub gives one) and X-Error-Message (hfh _http.py:803-879). */
function hubError(res: ServerResponse, status: number, code: string | null, message: string, extra: Headers = {}): void {
  sendJson(res, status, { error: message }, { ...(code ? { "X-Error-Code": code } : {}), "X-Error-Message": message, ...extra });
}

/**
 * A missing or private repo. Without a token the Hub cannot say which, so it answers 401 — from the API with no
 * X-Error-Code (hfjs lib/check-repo-access.spec.ts:7-29; hfh errors.py:318-324), on /resolve with RepoNotFound. With a
 * token: 404 RepoNotFound.
 */
function missingRepo(res: ServerResponse, token: TokenState, api: boolean): void {
  if (token === "valid") return hubError(res, 404, "RepoNotFound", "Repository not found");
  if (api) return sendJson(res, 401, { error: "Invalid username or password." });
  hubError(res, 401, "RepoNotFound", "Repository not found");
}

function relativeRedirect(res: ServerResponse, location: string): void {
  send(res, 307, `Temporary Redirect. Redirecting to ${location}`, { Location: location, "Content-Type": "text/plain; charset=utf-8", Vary: "Origin, Accept" });
}

/** A Xet content hash stand-in (64 hex; the real one is a merkle hash of the file's chunks). */
const xetHashOf = (sha256: string) => createHash("sha256").update(`xet:${sha256}`).digest("hex");

function repoCommit(repo: SimHfRepo): string {
  return stableHex(`commit:${repo.id}`);
}

/** `main` or the repo's commit; anything else is RevisionNotFound (hfh tests/test_hf_api.py:1651-1660). */
function withRevision(context: RepoContext, rawRevision: string, next: () => void): void {
  const revision = decodeURIComponent(rawRevision);
  if (revision === "main" || revision === repoCommit(context.repo)) return next();
  hubError(context.res, 404, "RevisionNotFound", `Invalid rev id: ${revision}`);
}

/** GET /api/models: `search` is a substring of the repo id per whitespace-separated term (docs api.md:36 @4910c3c9). */
function search(state: SimState, res: ServerResponse, url: URL): void {
  const params = url.searchParams;
  const expand = [...params.getAll("expand"), ...params.getAll("expand[]")];
  const full = params.get("full") === "true" || params.get("full") === "1";
  if (expand.length > 0 && full) return sendJson(res, 400, { error: '"expand" cannot be used together with "full"' });
  const unknown = expand.find((field) => !SEARCH_FIELDS.has(field));
  if (unknown) return sendJson(res, 400, { error: `"expand[0]" must be one of [${[...SEARCH_FIELDS].join(", ")}]` });
  const terms = (params.get("search") ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const author = params.get("author")?.toLowerCase();
  const pageSize = Math.max(1, Number(params.get("limit") ?? 1000) || 1000);
  const offset = decodeCursor(params.get("cursor"));
  const found = state.index.catalogue.huggingface.repos
    .filter((repo) => !repo.private)
    .filter((repo) => terms.every((term) => repo.id.toLowerCase().includes(term)))
    .filter((repo) => !author || repo.id.toLowerCase().startsWith(`${author}/`));
  // Sorting is always descending (hfh b299479e3); the simulator knows downloads only.
  if (params.has("sort")) found.sort((a, b) => (b.downloads ?? 0) - (a.downloads ?? 0));
  const page = found.slice(offset, offset + pageSize);
  const headers: Headers = {};
  if (offset + pageSize < found.length) headers.Link = `<${nextPageUrl(state.urls.hfUrl, url, offset + pageSize)}>; rel="next"`;
  sendJson(
    res,
    200,
    page.map((repo) => searchItem(repo, full, expand)),
    headers,
  );
}

function searchItem(repo: SimHfRepo, full: boolean, expand: string[]) {
  const fields: Record<string, unknown> = {
    author: repo.id.split("/")[0],
    private: repo.private ?? false,
    gated: repo.gated ?? false,
    disabled: repo.disabled ?? false,
    downloads: repo.downloads ?? 0,
    likes: 0,
    tags: [],
    sha: repoCommit(repo),
    lastModified: LAST_MODIFIED,
    createdAt: LAST_MODIFIED,
    siblings: repo.files.map((file) => ({ rfilename: file.path })),
  };
  const id = { _id: stableHex(`id:${repo.id}`, 24), id: repo.id };
  if (expand.length > 0) return { ...id, ...Object.fromEntries(expand.map((field) => [field, fields[field]])) };
  // Without full=true an item has no siblings, sha or gated (hfjs list-models.ts:9-16 asks for them with expand).
  const basic = {
    ...id,
    likes: 0,
    private: fields.private,
    downloads: fields.downloads,
    tags: [],
    library_name: "diffusers",
    createdAt: LAST_MODIFIED,
    modelId: repo.id,
  };
  return full ? { ...basic, siblings: fields.siblings, sha: fields.sha, lastModified: LAST_MODIFIED, gated: fields.gated, disabled: fields.disabled } : basic;
}

function nextPageUrl(hfUrl: string, url: URL, offset: number): string {
  const next = new URL(url.pathname + url.search, hfUrl);
  next.searchParams.set("cursor", Buffer.from(JSON.stringify({ $offset: offset })).toString("base64"));
  return next.toString();
}

function decodeCursor(cursor: string | null): number {
  if (!cursor) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { $offset?: unknown };
    return typeof parsed.$offset === "number" && parsed.$offset >= 0 ? parsed.$offset : 0;
  } catch {
    return 0;
  }
}

function blobId(repo: SimHfRepo, file: SimHfFile, state: SimState): string {
  // A file kept in git has the git blob id of its bytes; an LFS file, the blob id of its pointer.
  return isLfsFile(file) ? stableHex(`pointer:${repo.id}/${file.path}:${file.size}`) : state.index.hfBody(repo, file).digest().gitBlobSha1;
}

/** Model info (hfh hf_api.py:1085-1100): with ?blobs=true each sibling has blobId, size and, for LFS files, lfs.sha256. */
function modelInfo({ state, res, url, repo }: RepoContext): void {
  const withBlobs = url.searchParams.get("blobs") === "true";
  const siblings = repo.files.map((file) =>
    withBlobs
      ? {
          rfilename: file.path,
          blobId: blobId(repo, file, state),
          size: file.size,
          ...(isLfsFile(file) ? { lfs: { sha256: state.index.hfBody(repo, file).digest().sha256, size: file.size, pointerSize: POINTER_SIZE } } : {}),
        }
      : { rfilename: file.path },
  );
  // Large repos: the Hub may truncate siblings or leave them out (hfh PR #3565, #3241).
  const shown = repo.siblings === "missing" ? undefined : typeof repo.siblings === "number" ? siblings.slice(0, repo.siblings) : siblings;
  sendJson(res, 200, {
    _id: stableHex(`id:${repo.id}`, 24),
    id: repo.id,
    private: repo.private ?? false,
    library_name: "diffusers",
    tags: [],
    downloads: repo.downloads ?? 0,
    likes: 0,
    modelId: repo.id,
    author: repo.id.split("/")[0],
    sha: repoCommit(repo),
    lastModified: LAST_MODIFIED,
    gated: repo.gated ?? false,
    disabled: false,
    ...(shown ? { siblings: shown } : {}),
    createdAt: LAST_MODIFIED,
    usedStorage: repo.files.reduce((sum, file) => sum + file.size, 0),
  });
}

/** The tree (hfjs types/api/api-index-tree.ts): `oid` and `lfs.oid` (the SHA-256), `xetHash` on Xet repos, paginated by Link. */
function tree({ state, res, url, repo }: RepoContext, rawPath: string): void {
  const folder = decodeURIComponent(rawPath).replace(/\/+$/, "");
  const prefix = folder ? `${folder}/` : "";
  const recursive = ["true", "1"].includes(url.searchParams.get("recursive") ?? "");
  const expanded = ["true", "1"].includes(url.searchParams.get("expand") ?? "");
  const inFolder = repo.files.filter((file) => file.path.startsWith(prefix));
  if (folder && inFolder.length === 0) return hubError(res, 404, "EntryNotFound", `${folder} does not exist on "main"`);
  const directories = new Set<string>();
  const files: SimHfFile[] = [];
  for (const file of inFolder) {
    const parts = file.path.slice(prefix.length).split("/");
    const depth = recursive ? parts.length - 1 : Math.min(1, parts.length - 1);
    for (let index = 1; index <= depth; index++) directories.add(prefix + parts.slice(0, index).join("/"));
    if (recursive || parts.length === 1) files.push(file);
  }
  const entries = [
    ...[...directories].sort().map((path) => ({ type: "directory", oid: stableHex(`dir:${repo.id}/${path}`), size: 0, path })),
    ...files.map((file) => {
      const digest = state.index.hfBody(repo, file).digest();
      return {
        type: "file",
        oid: blobId(repo, file, state),
        size: file.size,
        path: file.path,
        ...(isLfsFile(file) ? { lfs: { oid: digest.sha256, size: file.size, pointerSize: POINTER_SIZE } } : {}),
        ...(repo.xet && isLfsFile(file) ? { xetHash: xetHashOf(digest.sha256) } : {}),
      };
    }),
  ];
  const pageSize = expanded ? EXPANDED_TREE_PAGE : (state.options.hfTreePageSize ?? DEFAULT_TREE_PAGE);
  const offset = decodeCursor(url.searchParams.get("cursor"));
  const headers: Headers = {};
  if (offset + pageSize < entries.length) headers.Link = `<${nextPageUrl(state.urls.hfUrl, url, offset + pageSize)}>; rel="next"`;
  sendJson(res, 200, entries.slice(offset, offset + pageSize), headers);
}

/** Gated repos: 401 GatedRepo without a token, 403 GatedRepo with one that is not authorised (hfh errors.py:340-348). */
function gatedRefusal(context: RepoContext): boolean {
  const { state, res, repo, token } = context;
  if (!repo.gated) return false;
  if (token !== "valid") {
    hubError(res, 401, "GatedRepo", `Access to model ${repo.id} is restricted. You must have access to it and be authenticated to access it. Please log in.`);
    return true;
  }
  if (repo.licenseAccepted === false) {
    hubError(
      res,
      403,
      "GatedRepo",
      `Access to model ${repo.id} is restricted and you are not in the authorized list. Visit ${state.urls.hfUrl}/${repo.id} to ask for access.`,
    );
    return true;
  }
  return false;
}

/**
 * /resolve: a small file kept in git goes through a relative 307 to /api/resolve-cache/… (swift-transformers PR #209);
 * an LFS file gets a 302 to the CDN with X-Linked-Size/X-Linked-Etag/X-Repo-Commit (hfh file_download.py:1626-1641); a
 * Xet-backed one goes through the Xet bridge, adding X-Xet-Hash and the Link rels (hfh utils/_xet.py:32-64).
 */
function resolveFile(context: RepoContext, rawPath: string): void {
  const { state, res, repo } = context;
  if (gatedRefusal(context)) return;
  const path = decodeURIComponent(rawPath);
  const file = state.index.hfFile(repo, path);
  if (!file) return hubError(res, 404, "EntryNotFound", "Entry not found");
  const commit = repoCommit(repo);
  const digest = state.index.hfBody(repo, file).digest();
  if (!isLfsFile(file)) {
    const encoded = file.path.split("/").map(encodeURIComponent).join("/");
    return relativeRedirect(res, `/api/resolve-cache/models/${repo.id}/${commit}/${encoded}?etag=%22${digest.gitBlobSha1}%22`);
  }
  const fileName = file.path.slice(file.path.lastIndexOf("/") + 1);
  const headers: Headers = {
    "X-Linked-Etag": `"${digest.sha256}"`,
    "X-Linked-Size": String(file.size),
    ETag: `"${blobId(repo, file, state)}"`,
    "X-Repo-Commit": commit,
    "Content-Type": "text/plain; charset=utf-8",
  };
  let location: string;
  if (repo.xet) {
    const storagePath = xetStoragePath(repo.id, file.path);
    location = `${state.urls.storageUrl}${storagePath}?${state.presigner.query(storagePath, fileName, "sigv4", HF_PRESIGN_TTL_MS)}`;
    const xetHash = xetHashOf(digest.sha256);
    headers["X-Xet-Hash"] = xetHash;
    headers.Link = `<${state.urls.hfUrl}/api/models/${repo.id}/xet-read-token/${commit}>; rel="xet-auth", <https://cas-server.xethub.hf.co/v2/reconstructions/${xetHash}>; rel="xet-reconstruction-info"`;
  } else {
    const storagePath = hfStoragePath(repo.id, file.path);
    location = `${state.urls.storageUrl}${storagePath}?${state.presigner.query(storagePath, fileName, "cloudfront", HF_PRESIGN_TTL_MS)}`;
  }
  send(res, 302, `Found. Redirecting to ${location}`, { ...headers, Location: location });
}

/** The target of a small file's relative 307: the bytes themselves, with the git blob id as ETag. */
function resolveCache(state: SimState, res: ServerResponse, repoId: string, path: string, token: TokenState): void {
  const repo = state.index.hfRepo(repoId);
  if (!repo || (repo.private && token !== "valid")) return missingRepo(res, token, false);
  const file = state.index.hfFile(repo, path);
  if (!file) return hubError(res, 404, "EntryNotFound", "Entry not found");
  const body = state.index.hfBody(repo, file);
  const bytes = Buffer.concat([...body.slices(0, body.size)]);
  res.writeHead(200, {
    "Content-Type": path.endsWith(".json") ? "application/json" : "text/plain; charset=utf-8",
    "Content-Length": String(bytes.length),
    ETag: `"${body.digest().gitBlobSha1}"`,
    "X-Repo-Commit": repoCommit(repo),
    "Accept-Ranges": "bytes",
  });
  res.end(res.req.method === "HEAD" ? undefined : bytes);
}

/** The xet-auth target of a Xet file's Link header (hub-docs docs/xet/auth.md:42-66); gated as /resolve is. */
function xetReadToken(context: RepoContext): void {
  if (gatedRefusal(context)) return;
  sendJson(context.res, 200, {
    accessToken: `xet_${stableHex(`xet-token:${context.repo.id}:${Date.now()}`, 32)}`,
    exp: Math.floor(Date.now() / 1000) + 3600,
    casUrl: "https://cas-server.xethub.hf.co",
  });
}

/** GET /api/whoami-v2 (shape recorded in hfjs lib/who-am-i.spec.ts against hub-ci). */
function whoami(state: SimState, res: ServerResponse, token: TokenState): void {
  if (token !== "valid") return sendJson(res, 401, { error: "Unauthorized" });
  const account = state.options.hfAccount ?? {};
  const name = account.name ?? "sim-user";
  sendJson(res, 200, {
    type: "user",
    id: stableHex(`user:${name}`, 24),
    name,
    fullname: account.fullname ?? name,
    email: null,
    emailVerified: false,
    canPay: false,
    isPro: false,
    periodEnd: null,
    avatarUrl: "/avatars/default.svg",
    billingMode: "prepaid",
    orgs: [],
    auth: { type: "access_token", accessToken: { displayName: "comfyfixer", role: account.role ?? "read", createdAt: LAST_MODIFIED } },
  });
}
