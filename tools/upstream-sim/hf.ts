// The simulated Hugging Face Hub: model search, model info, file tree, and /resolve redirects to storage.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SimHfFile, SimHfRepo } from "./catalogue";
import { bearerToken, htmlPage, redirect, sendHtml, sendJson, type Headers } from "./http";
import { hfStoragePath } from "./storage";
import { stableHex, type SimState } from "./state";

const LAST_MODIFIED = "2024-01-01T00:00:00.000Z";
const POINTER_SIZE = 134;

type TokenState = "none" | "valid" | "invalid";
type RepoRoute = {
  pattern: RegExp;
  handle: (context: RepoContext, match: RegExpExecArray) => void;
};
type RepoContext = { state: SimState; req: IncomingMessage; res: ServerResponse; url: URL; repo: SimHfRepo; token: TokenState };

// Paths after the repo id ("org/name"), for /api/models/{repo}… and /{repo}….
const apiRoutes: RepoRoute[] = [
  { pattern: /^\/?$/, handle: (context) => modelInfo(context) },
  { pattern: /^\/revision\/[^/]+\/?$/, handle: (context) => modelInfo(context) },
  { pattern: /^\/tree\/([^/]+)(?:\/(.*))?$/, handle: (context, match) => tree(context, match[2] ?? "") },
];
const fileRoutes: RepoRoute[] = [
  { pattern: /^\/resolve\/([^/]+)\/(.+)$/, handle: (context, match) => resolveFile(context, match[2] ?? "") },
  { pattern: /^\/?$/, handle: ({ res, repo }) => sendHtml(res, 200, htmlPage(repo.id, "Model card")) },
];

export function handleHf(state: SimState, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const token = tokenState(state, req);
  if (token === "invalid") return sendJson(res, 401, { error: "Invalid credentials in Authorization header" });
  if (/^\/api\/models\/?$/.test(url.pathname)) return searchModels(state, res, url);

  const apiMatch = /^\/api\/models\/([^/]+\/[^/]+)(\/.*)?$/.exec(url.pathname);
  const fileMatch = /^\/([^/]+\/[^/]+)(\/.*)?$/.exec(url.pathname);
  const [match, routes] = apiMatch ? [apiMatch, apiRoutes] : [fileMatch, fileRoutes];
  if (!match) return sendJson(res, 404, { error: "Not found" });
  const repoId = decodeURIComponent(match[1] ?? "");
  const rest = match[2] ?? "";
  const repo = state.index.hfRepo(repoId);
  if (!repo || (repo.private && token !== "valid")) return repoNotFound(res, token);
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

function hubError(res: ServerResponse, status: number, code: string, message: string, extra: Headers = {}): void {
  sendJson(res, status, { error: message }, { "X-Error-Code": code, "X-Error-Message": message, ...extra });
}

// Without a token, the Hub cannot tell a missing repo from a private one, so it answers 401.
function repoNotFound(res: ServerResponse, token: TokenState): void {
  hubError(res, token === "valid" ? 404 : 401, "RepoNotFound", "Repository not found");
}

function searchModels(state: SimState, res: ServerResponse, url: URL): void {
  const search = (url.searchParams.get("search") ?? "").toLowerCase();
  const author = url.searchParams.get("author")?.toLowerCase();
  const limit = Math.max(1, Number(url.searchParams.get("limit") ?? 1000) || 1000);
  const full = url.searchParams.get("full") === "true";
  const found = state.index.catalogue.huggingface.repos
    .filter((repo) => !repo.private)
    .filter((repo) => repo.id.toLowerCase().includes(search))
    .filter((repo) => !author || repo.id.toLowerCase().startsWith(`${author}/`))
    .slice(0, limit);
  sendJson(
    res,
    200,
    found.map((repo) => ({
      ...repoSummary(repo),
      ...(full ? { siblings: repo.files.map((file) => ({ rfilename: file.path })) } : {}),
    })),
  );
}

function repoSummary(repo: SimHfRepo) {
  return {
    _id: stableHex(`id:${repo.id}`, 24),
    id: repo.id,
    modelId: repo.id,
    likes: 0,
    downloads: 100,
    private: repo.private ?? false,
    gated: repo.gated ?? false,
    tags: [],
    library_name: "diffusers",
    createdAt: LAST_MODIFIED,
  };
}

function modelInfo({ state, res, url, repo }: RepoContext): void {
  const withBlobs = url.searchParams.get("blobs") === "true";
  sendJson(res, 200, {
    ...repoSummary(repo),
    author: repo.id.split("/")[0],
    sha: repoCommit(repo),
    lastModified: LAST_MODIFIED,
    disabled: false,
    siblings: repo.files.map((file) =>
      withBlobs ? { rfilename: file.path, size: file.size, blobId: blobId(repo, file), lfs: lfsInfo(state, repo, file) } : { rfilename: file.path },
    ),
  });
}

function tree({ state, res, url, repo }: RepoContext, rawPath: string): void {
  const folder = decodeURIComponent(rawPath).replace(/\/+$/, "");
  const prefix = folder ? `${folder}/` : "";
  const recursive = url.searchParams.get("recursive") === "true";
  const inFolder = repo.files.filter((file) => file.path.startsWith(prefix));
  if (folder && inFolder.length === 0) {
    return hubError(res, 404, "EntryNotFound", `${folder} does not exist on "main"`);
  }
  const directories = new Set<string>();
  const files: SimHfFile[] = [];
  for (const file of inFolder) {
    const parts = file.path.slice(prefix.length).split("/");
    const depth = recursive ? parts.length - 1 : Math.min(1, parts.length - 1);
    for (let index = 1; index <= depth; index++) directories.add(prefix + parts.slice(0, index).join("/"));
    if (recursive || parts.length === 1) files.push(file);
  }
  sendJson(res, 200, [
    ...[...directories].sort().map((path) => ({ type: "directory", oid: stableHex(`dir:${repo.id}/${path}`), size: 0, path })),
    ...files.map((file) => ({
      type: "file",
      oid: blobId(repo, file),
      size: file.size,
      path: file.path,
      lfs: lfsInfo(state, repo, file),
    })),
  ]);
}

function resolveFile({ state, res, repo, token }: RepoContext, rawPath: string): void {
  const path = decodeURIComponent(rawPath);
  if (repo.gated) {
    if (token !== "valid") {
      return hubError(
        res,
        401,
        "GatedRepo",
        `Access to model ${repo.id} is restricted. You must have access to it and be authenticated to access it. Please log in.`,
      );
    }
    if (repo.licenseAccepted === false) {
      return hubError(
        res,
        403,
        "GatedRepo",
        `Access to model ${repo.id} is restricted and you are not in the authorized list. Visit ${state.urls.hfUrl}/${repo.id} to ask for access.`,
      );
    }
  }
  const file = state.index.hfFile(repo, path);
  if (!file) return hubError(res, 404, "EntryNotFound", "Entry not found");
  const sha256 = state.index.hfBody(repo, file).digest().sha256;
  const storagePath = hfStoragePath(repo.id, file.path);
  const fileName = file.path.slice(file.path.lastIndexOf("/") + 1);
  redirect(res, 302, `${state.urls.storageUrl}${storagePath}?${state.presigner.query(storagePath, fileName)}`, {
    "X-Linked-Etag": `"${sha256}"`,
    "X-Linked-Size": String(file.size),
    ETag: `"${sha256}"`,
    "X-Repo-Commit": repoCommit(repo),
  });
}

function lfsInfo(state: SimState, repo: SimHfRepo, file: SimHfFile) {
  return { oid: state.index.hfBody(repo, file).digest().sha256, size: file.size, pointerSize: POINTER_SIZE };
}

function blobId(repo: SimHfRepo, file: SimHfFile): string {
  return stableHex(`blob:${repo.id}/${file.path}:${file.size}`);
}

function repoCommit(repo: SimHfRepo): string {
  return stableHex(`commit:${repo.id}`);
}
