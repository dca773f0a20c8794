// Source 3: Hugging Face — search repos by the file's stem, list their files, match the exact file name.
import { z } from "zod";
import { errorMessage } from "../../error-message";
import type { Candidate } from "../../model";
import { endpointUrl } from "../../net";
import { fileStem, matchName, meaningfulWords } from "../match";
import { decideFindings, needsAuth, type ResolutionSourceModule, type SourceContext, type SourceOutcome } from "../outcome";
import { HostUnreachableError } from "../upstream";
import type { Resolution } from "../../model";

const SEARCH_LIMIT = 50;
/** Repos whose file lists are read per query: the most downloaded first. */
const REPOS_PER_QUERY = 5;
/** Publishers of the files ComfyUI's own templates link to: their repos are looked through when a search by name fails. */
const COMFYUI_FILE_PUBLISHERS = ["Comfy-Org", "comfyanonymous"];
const PUBLISHER_REPOS = 100;

const SearchResultSchema = z.array(
  z.object({
    id: z.string(),
    gated: z.unknown().optional(),
    private: z.boolean().optional(),
    siblings: z.array(z.object({ rfilename: z.string() })).optional(),
  }),
);
const RepoInfoSchema = z.object({
  id: z.string(),
  gated: z.unknown().optional(),
  private: z.boolean().optional(),
  siblings: z.array(
    z.object({
      rfilename: z.string(),
      size: z.number().optional().nullable(),
      lfs: z.object({ sha256: z.string().optional(), oid: z.string().optional(), size: z.number().optional() }).optional().nullable(),
    }),
  ),
});
type RepoInfo = z.infer<typeof RepoInfoSchema>;

const isGated = (gated: unknown) => gated !== undefined && gated !== null && gated !== false;

/** The first two parts of a name: the model family that repackaged repos are named after (wan_2.1_vae → wan_2.1). */
function familyPrefix(stem: string): string | null {
  const parts = stem.split(/([_-])/);
  if (parts.length < 5) return null; // fewer than three parts: the stem itself is the family
  const prefix = parts.slice(0, 3).join("");
  return prefix.length >= 5 ? prefix : null;
}

/**
 * Queries for HF's repo-id search: the stem, then without precision and format words, then the model family
 * (files are often published in a repo named after their family) — in the repo-id alphabet.
 */
export function huggingFaceQueries(wanted: string): string[] {
  const stem = fileStem(wanted).replace(/[^A-Za-z0-9._-]+/g, "-");
  const simplified = meaningfulWords(wanted).join("-");
  return [...new Set([stem, simplified, familyPrefix(stem)].filter((query): query is string => query !== null && query.length >= 2))];
}

function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/** Explains a refusal from the Hub by its X-Error-Code, with what to do. */
function hubRefusal(status: number, headers: Record<string, string>, body: unknown, repo: string, page: string, hasToken: boolean): string {
  const code = headers["x-error-code"];
  const message = headers["x-error-message"] ?? (body as { error?: string } | null)?.error ?? "";
  if (/invalid credentials/i.test(message))
    return `Hugging Face rejected HF_TOKEN (invalid credentials): create a new token at ${new URL("/settings/tokens", page).href} and set HF_TOKEN`;
  if (code === "GatedRepo") {
    return hasToken
      ? `huggingface repo ${repo} is gated and this token has no access yet: accept the license at ${page}, then try again`
      : `huggingface repo ${repo} is gated: accept its license at ${page} and set HF_TOKEN to a token of that account`;
  }
  if (code === "RepoNotFound") return `huggingface repo ${repo} is private or missing (${status}): set HF_TOKEN if you have access`;
  return `Hugging Face answered ${status} for ${repo}${message ? ` (${message})` : ""}`;
}

export const huggingFaceSource: ResolutionSourceModule = {
  source: "huggingface",
  async find(context): Promise<SourceOutcome> {
    const base = context.endpoints.huggingface;
    const queries = huggingFaceQueries(context.wanted);
    const hasToken = Boolean(context.tokens.huggingface);
    const tried: string[] = [];
    const problems: string[] = [];
    const exact: Candidate[] = [];
    const similar: Candidate[] = [];
    const repoPage = (repo: string) => endpointUrl(base, `/${repo}`).href;
    const gatedRepos = new Map<string, unknown>();
    const seenRepos = new Set<string>();

    /** One search; reads the file lists of the repos that list a file of the wanted name. Returns false when the Hub refused. */
    const searchAndExamine = async (params: Record<string, string>, label: string): Promise<boolean> => {
      const searchUrl = endpointUrl(base, "/api/models");
      searchUrl.search = new URLSearchParams({ ...params, full: "true", sort: "downloads", direction: "-1" }).toString();
      tried.push(`huggingface: ${label}`);
      const answer = await context.client.getJson(searchUrl, context.signal);
      if (answer.status !== 200) {
        problems.push(hubRefusal(answer.status, answer.headers, answer.body, "search", repoPage(""), hasToken));
        return false;
      }
      const results = SearchResultSchema.safeParse(answer.body);
      if (!results.success) {
        problems.push(`Hugging Face search for ${label} gave an answer ComfyFixer does not understand`);
        return false;
      }
      // Only repos that list a file of a matching name are worth a second request.
      const promising = results.data
        .filter((repo) => !seenRepos.has(repo.id))
        .filter((repo) => !repo.siblings || repo.siblings.some((file) => matchName(context.wanted, file.rfilename) !== "none"))
        .slice(0, REPOS_PER_QUERY);
      for (const repo of promising) {
        seenRepos.add(repo.id);
        const info = await repoInfo(context, repo.id);
        if ("problem" in info) {
          problems.push(info.problem);
          continue;
        }
        if (isGated(info.repo.gated)) gatedRepos.set(repo.id, info.repo.gated);
        for (const file of info.repo.siblings) {
          const kind = matchName(context.wanted, file.rfilename);
          if (kind === "none") continue;
          const candidate: Candidate = {
            source: "huggingface",
            url: endpointUrl(base, `/${repo.id}/resolve/main/${encodePath(file.rfilename)}`).href,
            fileName: file.rfilename,
            sha256: (file.lfs?.sha256 ?? file.lfs?.oid)?.toLowerCase() ?? null,
            size: file.lfs?.size ?? file.size ?? null,
            page: repoPage(repo.id),
          };
          (kind === "exact" ? exact : similar).push(candidate);
        }
      }
      return true;
    };

    try {
      let answering = true;
      for (const query of queries) {
        answering = await searchAndExamine({ search: query, limit: String(SEARCH_LIMIT) }, query);
        if (!answering || exact.length > 0) break;
      }
      // Many files ComfyUI workflows use are published in repos named after a model family, not after the file.
      for (const author of COMFYUI_FILE_PUBLISHERS) {
        if (!answering || exact.length > 0) break;
        answering = await searchAndExamine({ author, limit: String(PUBLISHER_REPOS) }, `repos of ${author}`);
      }
    } catch (error) {
      if (!(error instanceof HostUnreachableError)) throw error;
      problems.push(`Hugging Face: ${error.message}`);
    }

    const repoOf = (candidate: Candidate) => candidate.url.slice(endpointUrl(base, "/").href.length).split("/resolve/")[0] ?? "";
    const where = (candidate: Candidate) => `huggingface repo ${repoOf(candidate)} (${candidate.fileName})`;
    const resolution = decideFindings({ exact, similar }, context, where);
    const checked =
      resolution?.status === "resolved" ? await checkAccess(context, resolution, gatedRepos.has(repoOf(resolution.candidates[0]!)), repoOf) : resolution;
    return { resolution: checked, similar, queries: tried, problems };
  },
};

async function repoInfo(context: SourceContext, repo: string): Promise<{ repo: RepoInfo } | { problem: string }> {
  const url = endpointUrl(context.endpoints.huggingface, `/api/models/${repo}`);
  url.search = "blobs=true";
  const answer = await context.client.getJson(url, context.signal);
  const page = endpointUrl(context.endpoints.huggingface, `/${repo}`).href;
  if (answer.status !== 200) return { problem: hubRefusal(answer.status, answer.headers, answer.body, repo, page, Boolean(context.tokens.huggingface)) };
  const parsed = RepoInfoSchema.safeParse(answer.body);
  return parsed.success ? { repo: parsed.data } : { problem: `Hugging Face's file list of ${repo} is not in a shape ComfyFixer understands` };
}

/** A gated repo's file resolves only when the token may download it; without a token, a person must act first. */
async function checkAccess(context: SourceContext, resolution: Resolution, gated: boolean, repoOf: (candidate: Candidate) => string): Promise<Resolution> {
  const candidate = resolution.candidates[0];
  if (!gated || !candidate) return resolution;
  const repo = repoOf(candidate);
  const page = candidate.page ?? "";
  if (!context.tokens.huggingface) return needsAuth(candidate, hubRefusal(401, { "x-error-code": "GatedRepo" }, null, repo, page, false));
  const url = new URL(candidate.url);
  const probe = await context.client.cached(
    context.client.keyFor("HEAD", url),
    async () => {
      try {
        const answer = await context.client.request(url, { method: "HEAD", redirect: "manual", signal: context.signal });
        return { status: answer.status, headers: answer.headers };
      } catch (error) {
        return { status: 0, headers: { "x-error-message": errorMessage(error) } };
      }
    },
    (answer) => answer.status > 0 && answer.status < 500,
  );
  if (probe.status >= 200 && probe.status < 400) {
    return { ...resolution, reason: `${resolution.reason} (gated repo; HF_TOKEN has access)` };
  }
  return needsAuth(candidate, hubRefusal(probe.status, probe.headers, null, repo, page, true));
}
