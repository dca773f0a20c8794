// What the resolver asks the Hugging Face Hub about one repo: its files (model info, or the paginated tree when the
// Hub truncates or omits `siblings`), its gating, the download URL of a file, and what a refusal means.
import { z } from "zod";
import { errorMessage } from "../../error-message";
import type { Candidate, Resolution, ResolutionAttempt } from "../../model";
import { endpointUrl } from "../../net";
import { needsAuth, type SourceContext } from "../outcome";

/**
 * Past this many siblings the list may be cut short: huggingface_hub lists the tree instead
 * (`LARGE_REPO_THRESHOLD = 1000`, huggingface_hub@52af0c020, PR #3565).
 */
const LARGE_REPO_SIBLINGS = 1000;
/** Tree pages followed at most (1000 entries each). */
const MAX_TREE_PAGES = 50;

const RepoInfoSchema = z.object({
  id: z.string(),
  gated: z.unknown().optional(),
  // huggingface_hub treats a missing `siblings` as "not given" (hf_api.py list_models), so it is optional here too.
  siblings: z
    .array(
      z.object({
        rfilename: z.string(),
        size: z.number().optional().nullable(),
        lfs: z.object({ sha256: z.string().optional(), size: z.number().optional() }).optional().nullable(),
      }),
    )
    .optional(),
});
const TreeSchema = z.array(
  z.object({
    type: z.string(),
    path: z.string(),
    size: z.number().optional(),
    lfs: z.object({ oid: z.string().optional(), size: z.number().optional() }).optional().nullable(),
  }),
);

export type HubFile = { path: string; size: number | null; sha256: string | null };
export type HubRepo = { id: string; gated: boolean; files: HubFile[]; listedFrom: "siblings" | "tree" };

const isGated = (gated: unknown) => gated !== undefined && gated !== null && gated !== false;

export function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

export const repoPage = (context: SourceContext, repo: string) => endpointUrl(context.endpoints.huggingface, `/${repo}`).href;

/** A Hub file as a candidate, with its origin, so nothing has to parse the repo back out of the URL. */
export function hubCandidate(
  context: SourceContext,
  source: Candidate["source"],
  repo: string,
  file: HubFile,
  revision = "main",
  fileName = file.path.slice(file.path.lastIndexOf("/") + 1),
): Candidate {
  return {
    source,
    url: endpointUrl(context.endpoints.huggingface, `/${repo}/resolve/${encodeURIComponent(revision)}/${encodePath(file.path)}`).href,
    fileName,
    sha256: file.sha256?.toLowerCase() ?? null,
    size: file.size,
    page: repoPage(context, repo),
    origin: { kind: "huggingface", repo, path: file.path, revision },
  };
}

/**
 * Explains a refusal from the Hub by its X-Error-Code, with what to do, and keeps the Hub's own X-Error-Message
 * (huggingface_hub utils/_http.py:803-879: GatedRepo, RepoNotFound, a disabled repo known by its message only).
 */
export function hubRefusal(status: number, headers: Record<string, string>, body: unknown, repo: string, page: string, sentToken: boolean): string {
  const code = headers["x-error-code"];
  const message = headers["x-error-message"] ?? (body as { error?: string } | null)?.error ?? "";
  const said = message ? ` (Hugging Face: "${message}")` : "";
  if (/invalid credentials/i.test(message))
    return `Hugging Face rejected HF_TOKEN (invalid or expired): create a new token at ${new URL("/settings/tokens", page).href} and set HF_TOKEN`;
  if (code === "GatedRepo") {
    return sentToken
      ? `huggingface repo ${repo} is gated and this token has no access yet: accept the license at ${page}, then try again${said}`
      : `huggingface repo ${repo} is gated: accept its license at ${page} and set HF_TOKEN to a token of that account${said}`;
  }
  if (/access to this resource is disabled/i.test(message)) return `huggingface repo ${repo} has been disabled by Hugging Face${said}`;
  if (code === "RepoNotFound" || status === 401 || status === 404) {
    return sentToken
      ? `huggingface repo ${repo} does not exist or this token cannot see it (${status})`
      : `huggingface repo ${repo} is private or missing (${status}): set HF_TOKEN if you have access`;
  }
  return `Hugging Face answered ${status} for ${repo}${said}`;
}

async function treeFiles(context: SourceContext, repo: string): Promise<HubFile[] | string> {
  const files: HubFile[] = [];
  let next: URL | null = endpointUrl(context.endpoints.huggingface, `/api/models/${repo}/tree/main`);
  next.search = "recursive=true&expand=false";
  for (let page = 0; next && page < MAX_TREE_PAGES; page++) {
    const answer = await context.client.getJson(next, context.signal);
    if (answer.status !== 200) return `Hugging Face's file tree of ${repo} answered ${answer.status}`;
    const entries = TreeSchema.safeParse(answer.body);
    if (!entries.success) return `Hugging Face's file tree of ${repo} is not in a shape ComfyFixer understands`;
    for (const entry of entries.data) {
      if (entry.type === "file") files.push({ path: entry.path, size: entry.lfs?.size ?? entry.size ?? null, sha256: entry.lfs?.oid ?? null });
    }
    next = nextLink(answer.headers.link, next);
  }
  return files;
}

/** The `rel="next"` URL of a Link header (huggingface_hub utils/_pagination.py:40-52). */
function nextLink(header: string | undefined, base: URL): URL | null {
  const match = header?.match(/<([^>]+)>\s*;\s*rel="next"/);
  return match?.[1] ? new URL(match[1], base) : null;
}

/** A repo's files with their SHA-256 and size, from model info, or the tree when siblings are missing or may be cut. */
export async function hubRepo(context: SourceContext, repo: string): Promise<{ repo: HubRepo } | { problem: string; status: number }> {
  const url = endpointUrl(context.endpoints.huggingface, `/api/models/${repo}`);
  url.search = "blobs=true";
  const answer = await context.client.getJson(url, context.signal);
  if (answer.status !== 200) {
    return {
      status: answer.status,
      problem: hubRefusal(answer.status, answer.headers, answer.body, repo, repoPage(context, repo), context.client.sendsToken(url)),
    };
  }
  const parsed = RepoInfoSchema.safeParse(answer.body);
  if (!parsed.success) return { status: answer.status, problem: `Hugging Face's file list of ${repo} is not in a shape ComfyFixer understands` };
  const { siblings } = parsed.data;
  const gated = isGated(parsed.data.gated);
  if (siblings && siblings.length < LARGE_REPO_SIBLINGS) {
    const files = siblings.map((file) => ({ path: file.rfilename, size: file.lfs?.size ?? file.size ?? null, sha256: file.lfs?.sha256 ?? null }));
    return { repo: { id: parsed.data.id, gated, files, listedFrom: "siblings" } };
  }
  const files = await treeFiles(context, parsed.data.id);
  if (typeof files === "string") return { status: 0, problem: files };
  return { repo: { id: parsed.data.id, gated, files, listedFrom: "tree" } };
}

/**
 * A gated repo's file resolves only when the token may download it: a HEAD on /resolve (model info is public for gated
 * repos; access is enforced there). Only a success is cached, so accepting the license and trying again works at once.
 */
export async function checkHubAccess(context: SourceContext, resolution: Resolution, attempts: ResolutionAttempt[]): Promise<Resolution> {
  const candidate = resolution.candidates[0];
  const origin = candidate?.origin;
  if (!candidate || origin?.kind !== "huggingface") return resolution;
  // Hugging Face's /resolve answers where the bytes are while the repo is looked at: the download starts with them.
  if (resolution.url) context.storage?.prefetch(new URL(resolution.url));
  const info = await hubRepo(context, origin.repo);
  if (!("repo" in info) || !info.repo.gated) return resolution;
  const page = candidate.page ?? repoPage(context, origin.repo);
  const url = new URL(candidate.url);
  const sendsToken = context.client.sendsToken(url);
  if (!sendsToken) {
    attempts.push({ source: candidate.source, query: `access to ${origin.repo}`, result: "gated; no HF_TOKEN" });
    return needsAuth(candidate, hubRefusal(401, { "x-error-code": "GatedRepo" }, null, origin.repo, page, false));
  }
  const probe = await context.client.cached(
    context.client.keyFor("HEAD", url),
    async () => {
      try {
        const answer = await context.client.request(url, { method: "HEAD", redirect: "manual", signal: context.signal });
        return { status: answer.status, headers: answer.headers };
      } catch (error) {
        return { status: 0, headers: { "x-error-message": context.client.redact(errorMessage(error)) } };
      }
    },
    (answer) => answer.status >= 200 && answer.status < 400,
  );
  const allowed = probe.status >= 200 && probe.status < 400;
  attempts.push({
    source: candidate.source,
    query: `access to ${origin.repo}`,
    result: allowed ? "gated; HF_TOKEN has access" : `gated; HEAD answered ${probe.status}`,
  });
  if (allowed) return { ...resolution, reason: `${resolution.reason} (gated repo; HF_TOKEN has access)` };
  return needsAuth(candidate, hubRefusal(probe.status, probe.headers, null, origin.repo, page, true));
}
