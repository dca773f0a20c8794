// Source: Hugging Face — repo-id searches derived from the file name, plus the repos of the publishers ComfyUI's
// templates use, all at once; then the file lists of the most promising repos, publishers first.
import { z } from "zod";
import type { ResolutionAttempt } from "../../model";
import { endpointUrl } from "../../net";
import { trustedPublishers } from "../known-models/index-data";
import { matchName } from "../match";
import { TRUST, type Finding, type ResolutionSourceModule, type SourceContext, type SourceFindings } from "../outcome";
import { HostUnreachableError } from "../upstream";
import { checkHubAccess, hubCandidate, hubRefusal, hubRepo, repoPage } from "./hub";
import { huggingFaceQueries } from "./queries";

const SEARCH_LIMIT = 50;
/** Repos whose file lists are read per model: publishers first, then the most downloaded. */
const REPOS_TO_READ = 8;
/** Publishers whose whole listing is read (their repos are named after model families, not files). */
const LISTED_PUBLISHERS = ["Comfy-Org", "comfyanonymous"];
const PUBLISHER_LISTING_LIMIT = 500;

const SearchResultSchema = z.array(
  z.object({
    id: z.string(),
    downloads: z.number().optional(),
    siblings: z.array(z.object({ rfilename: z.string() })).optional(),
  }),
);
type SearchRepo = z.infer<typeof SearchResultSchema>[number];

type Search = { label: string; params: Record<string, string> };

function searches(wanted: string): Search[] {
  return [
    ...huggingFaceQueries(wanted).map((query) => ({ label: `search ${query}`, params: { search: query, limit: String(SEARCH_LIMIT) } })),
    ...LISTED_PUBLISHERS.map((author) => ({ label: `repos of ${author}`, params: { author, limit: String(PUBLISHER_LISTING_LIMIT) } })),
  ];
}

async function runSearch(context: SourceContext, search: Search): Promise<{ repos: SearchRepo[] } | { problem: string }> {
  const url = endpointUrl(context.endpoints.huggingface, "/api/models");
  url.search = new URLSearchParams({ ...search.params, full: "true", sort: "downloads" }).toString();
  const answer = await context.client.getJson(url, context.signal);
  if (answer.status !== 200)
    return { problem: hubRefusal(answer.status, answer.headers, answer.body, "search", repoPage(context, ""), context.client.sendsToken(url)) };
  const results = SearchResultSchema.safeParse(answer.body);
  return results.success ? { repos: results.data } : { problem: `Hugging Face search (${search.label}) gave an answer ComfyFixer does not understand` };
}

/** A repo is worth reading when its listing names a file of a matching name (or lists nothing, or may be cut short). */
const promising = (repo: SearchRepo, wanted: string) =>
  !repo.siblings || repo.siblings.length >= 1000 || repo.siblings.some((file) => matchName(wanted, file.rfilename) !== "none");

export const huggingFaceSource: ResolutionSourceModule = {
  source: "huggingface",
  async find(context): Promise<SourceFindings> {
    const attempts: ResolutionAttempt[] = [];
    const problems: string[] = [];
    const findings: Finding[] = [];
    const publishers = trustedPublishers(context.knownModels);
    const trustOf = (repo: string) => (publishers.has(repo.split("/")[0]?.toLowerCase() ?? "") ? TRUST.publisher : TRUST.community);
    try {
      const planned = searches(context.wanted);
      const answers = await Promise.all(planned.map((search) => runSearch(context, search)));
      const candidates = new Map<string, SearchRepo>();
      answers.forEach((answer, index) => {
        const search = planned[index]!;
        if ("problem" in answer) {
          problems.push(answer.problem);
          attempts.push({ source: "huggingface", query: search.label, result: answer.problem });
          return;
        }
        const worth = answer.repos.filter((repo) => promising(repo, context.wanted));
        for (const repo of worth) if (!candidates.has(repo.id)) candidates.set(repo.id, repo);
        attempts.push({
          source: "huggingface",
          query: search.label,
          result: `${answer.repos.length} repos${
            worth.length
              ? `; ${worth.length} list a file of this name (${worth
                  .slice(0, 3)
                  .map((repo) => repo.id)
                  .join(", ")}${worth.length > 3 ? ", …" : ""})`
              : ""
          }`,
        });
      });
      const toRead = [...candidates.values()].sort((a, b) => trustOf(a.id) - trustOf(b.id) || (b.downloads ?? 0) - (a.downloads ?? 0)).slice(0, REPOS_TO_READ);
      const infos = await Promise.all(toRead.map((repo) => hubRepo(context, repo.id)));
      infos.forEach((info, index) => {
        const repoId = toRead[index]!.id;
        if (!("repo" in info)) {
          problems.push(info.problem);
          attempts.push({ source: "huggingface", query: `files of ${repoId}`, result: info.problem });
          return;
        }
        const repo = info.repo;
        const matched = repo.files.filter((file) => matchName(context.wanted, file.path) !== "none");
        for (const file of matched) {
          findings.push({
            candidate: hubCandidate(context, "huggingface", repo.id, file),
            exact: matchName(context.wanted, file.path) === "exact",
            trust: trustOf(repo.id),
            where: `huggingface repo ${repo.id} (${file.path})`,
          });
        }
        attempts.push({
          source: "huggingface",
          query: `files of ${repo.id}${repo.listedFrom === "tree" ? " (tree)" : ""}`,
          result: matched.length > 0 ? matched.map((file) => file.path).join(", ") : `no file named "${context.wanted}"`,
        });
      });
    } catch (error) {
      if (!(error instanceof HostUnreachableError)) throw error;
      problems.push(`Hugging Face: ${error.message}`);
    }
    return { findings, attempts, problems };
  },
  checkAccess: (context, resolution, _finding, attempts) => checkHubAccess(context, resolution, attempts),
};
