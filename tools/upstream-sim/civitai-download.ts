// Civitai's download endpoint, GET /api/download/models/{versionId}: its checks in Civitai's order, the file choice
// (fileId, or the preference score), the download counter, and the 307 to presigned storage.
// Source: civitai/civitai@ebed661630 src/pages/api/download/models/[modelVersionId].ts ("dl") and
// src/server/services/file.service.ts ("fs").
import type { IncomingMessage, ServerResponse } from "node:http";
import { CIVITAI_FILE_FORMATS, CIVITAI_FILE_TYPES, type SimCivitaiFile } from "./catalogue";
import { fileMetadata, fileType, isPublic, mergedPreferences, primaryFile } from "./civitai-files";
import { paidAccessOf } from "./civitai-json";
import { redirect, send, sendJson } from "./http";
import { civitaiStoragePath } from "./storage";
import type { SimState } from "./state";

/** Civitai's R2 URLs live 24 hours (`X-Amz-Expires=86400`, seen in civitai/civitai#975). */
const CIVITAI_PRESIGN_TTL_MS = 24 * 60 * 60 * 1000;
const NO_STORE = { "Cache-Control": "no-store, max-age=0" };

export type CivitaiCaller = { key: string | null; user: boolean };

/** Browser-like User-Agents get plain text and redirects instead of JSON (src/server/utils/request-helpers.ts:4-10). */
export function isBrowser(req: IncomingMessage): boolean {
  const agent = (req.headers["user-agent"] ?? "").toLowerCase();
  return ["mozilla", "chrome", "safari", "firefox", "opera", "edge"].some((word) => agent.includes(word));
}

type Refusal = { status: number; body: Record<string, unknown>; browserRedirect?: string; alwaysJson?: boolean };

const LOGIN_REQUIRED = { error: "Unauthorized", message: "The creator of this asset requires you to be logged in to download it" };

function refuse(req: IncomingMessage, res: ServerResponse, refusal: Refusal): void {
  if (isBrowser(req) && !refusal.alwaysJson) {
    if (refusal.browserRedirect) return redirect(res, 307, refusal.browserRedirect, NO_STORE);
    const text = String(refusal.body.message ?? refusal.body.error ?? "");
    return send(res, refusal.status, text, { "Content-Type": "text/plain; charset=utf-8", ...NO_STORE });
  }
  sendJson(res, refusal.status, refusal.body, NO_STORE);
}

/** dl:18-26: type and format from Civitai's lists, size full|pruned, fp/quantType ≤ 64 characters, fileId a number. */
function queryProblem(url: URL): string | null {
  const type = url.searchParams.get("type");
  const format = url.searchParams.get("format");
  const size = url.searchParams.get("size");
  if (type !== null && !(CIVITAI_FILE_TYPES as readonly string[]).includes(type)) return `type: Invalid option: ${type}`;
  if (format !== null && !(CIVITAI_FILE_FORMATS as readonly string[]).includes(format)) return `format: Invalid option: ${format}`;
  if (size !== null && size !== "full" && size !== "pruned") return `size: Invalid option: ${size}`;
  for (const key of ["fp", "quantType"]) if ((url.searchParams.get(key)?.length ?? 0) > 64) return `${key}: Too big`;
  const fileId = url.searchParams.get("fileId");
  if (fileId && !Number.isFinite(Number(fileId))) return "fileId: Invalid input: expected number, received NaN";
  return null;
}

const SCORED_KEYS = ["format", "size", "fp", "quantType"] as const;

/** fs:297-341 and dl:191-202: `fileId` names one Public file of this version; otherwise the best score, then the misalignment check. */
function chooseFile(state: SimState, files: SimCivitaiFile[], url: URL, caller: CivitaiCaller): SimCivitaiFile | undefined {
  const visible = files.filter(isPublic);
  const fileId = Number(url.searchParams.get("fileId") || 0);
  if (fileId) return visible.find((file) => file.id === fileId);
  const type = url.searchParams.get("type");
  const candidates = type ? visible.filter((file) => fileType(file) === type) : visible;
  const query = Object.fromEntries(SCORED_KEYS.map((key) => [key, url.searchParams.get(key)]));
  const chosen = primaryFile(candidates, mergedPreferences(caller.user ? state.options.civitaiAccount?.filePreferences : undefined, query));
  if (!chosen) return undefined;
  const metadata = fileMetadata(chosen);
  const misaligned = SCORED_KEYS.some((key) => {
    const asked = url.searchParams.get(key);
    const has = metadata[key];
    return asked !== null && has !== null && has !== undefined && asked !== has;
  });
  return misaligned ? undefined : chosen;
}

export function download(state: SimState, req: IncomingMessage, res: ServerResponse, url: URL, versionId: number, caller: CivitaiCaller): void {
  const limiterKey = caller.user ? `user:${caller.key}` : "ip:127.0.0.1";
  const used = state.counters.civitaiDownloadsByCaller.get(limiterKey) ?? 0;
  // dl:112-117: the limiter comes before anything else about the request.
  if (state.options.civitaiDownloadLimit !== undefined && used >= state.options.civitaiDownloadLimit) {
    return refuse(req, res, {
      status: 429,
      body: { error: "We've noticed an unusual amount of downloading from your account. Contact support@civitai.com or come back later." },
    });
  }
  const problem = queryProblem(url);
  if (problem) return refuse(req, res, { status: 400, body: { error: problem }, alwaysJson: true });
  const entry = state.index.civitaiVersion(versionId);
  if (!entry) return refuse(req, res, { status: 404, body: { error: "File not found" } });
  const { model, version } = entry;
  const page = `/model-versions/${version.id}`;
  if (model.mode === "Archived") return refuse(req, res, { status: 410, body: { error: "Model archived, not available for download" } });
  if (version.downloadsDisabled) {
    return refuse(req, res, {
      status: 401,
      body: { error: "Unauthorized", message: "The creator of this asset has disabled downloads on this file" },
      alwaysJson: true,
    });
  }
  const loginRequired = version.requiresAuth || state.options.requireCivitaiTokenForDownloads;
  const loginRedirect = `/login?returnUrl=${encodeURIComponent(page)}&reason=download-auth`;
  if (loginRequired && !caller.user) return refuse(req, res, { status: 401, body: LOGIN_REQUIRED, browserRedirect: loginRedirect });
  const paidAccess = paidAccessOf(version);
  const unlocked = caller.user && (state.options.civitaiAccount?.unlockedVersionIds ?? []).includes(version.id);
  if (paidAccess && !unlocked) {
    return refuse(req, res, {
      status: 403,
      body: {
        error: "Early Access",
        ...(paidAccess.endsAt ? { deadline: paidAccess.endsAt } : {}),
        message: "This asset is in Early Access. You can use Buzz access it now!",
      },
      browserRedirect: page,
    });
  }
  if (version.restricted) {
    return caller.user
      ? refuse(req, res, { status: 403, body: { error: "You do not have access to download this file" } })
      : refuse(req, res, { status: 401, body: LOGIN_REQUIRED, browserRedirect: loginRedirect });
  }
  const file = chooseFile(state, version.files, url, caller);
  if (!file) return refuse(req, res, { status: 404, body: { error: "File not found" } });
  // dl:204-244: the download is counted (limiter and stats) before the redirect, whether or not it is followed.
  state.counters.civitaiDownloads.set(version.id, (state.counters.civitaiDownloads.get(version.id) ?? 0) + 1);
  state.counters.civitaiDownloadsByCaller.set(limiterKey, used + 1);
  const path = civitaiStoragePath(file.id, file.name);
  redirect(res, 307, `${state.urls.storageUrl}${path}?${state.presigner.query(path, file.name, "sigv4", CIVITAI_PRESIGN_TTL_MS)}`, NO_STORE);
}
