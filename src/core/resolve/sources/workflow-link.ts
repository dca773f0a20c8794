// Source: the download links the workflow itself gives (properties.models[].url and friends). The first usable link
// that names this file is trusted; a link whose path names another file is only offered to a person. A link to a
// Hugging Face file takes the SHA-256, size and gating the Hub publishes for it, so the download is verified.
import type { Candidate, ResolutionAttempt } from "../../model";
import { linksNaming } from "../../workflow/metadata";
import { linkRefusal, parseUrl, urlFileName } from "../link-policy";
import { knownHash, matchName } from "../match";
import { TRUST, type Finding, type ResolutionSourceModule, type SourceContext, type SourceFindings } from "../outcome";
import { HostUnreachableError } from "../upstream";
import { checkHubAccess, hubCandidate, hubRepo } from "./hub";

type HubLink = { repo: string; revision: string; path: string };

/** The Hub file a `/{owner}/{repo}/resolve/{revision}/{path}` link on the configured endpoint names, or null. */
function hubLinkOf(url: URL, endpoint: URL): HubLink | null {
  const prefix = endpoint.pathname.replace(/\/+$/, "");
  if (url.origin !== endpoint.origin || !url.pathname.startsWith(`${prefix}/`)) return null;
  const match = url.pathname.slice(prefix.length).match(/^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/);
  if (!match) return null;
  try {
    return { repo: decodeURIComponent(match[1]!), revision: decodeURIComponent(match[2]!), path: match[3]!.split("/").map(decodeURIComponent).join("/") };
  } catch {
    return null;
  }
}

/**
 * The candidate with what the Hub publishes for the file (its LFS SHA-256, size, repo and gating). Without it a link's
 * bytes could only be checked for their format, so a wrong file would be installed. An answer the Hub refuses leaves
 * the link as it is: its download then says why.
 */
async function withHubFacts(context: SourceContext, candidate: Candidate, link: HubLink, tried: (query: string, result: string) => void): Promise<Candidate> {
  try {
    const info = await hubRepo(context, link.repo);
    if (!("repo" in info)) {
      tried(`file list of ${link.repo}`, info.problem);
      return candidate;
    }
    const file = info.repo.files.find((entry) => entry.path === link.path);
    if (!file) return candidate;
    const published = hubCandidate(context, "workflow", info.repo.id, file, link.revision, candidate.fileName);
    return { ...published, url: candidate.url, sha256: published.sha256 ?? candidate.sha256 };
  } catch (error) {
    if (!(error instanceof HostUnreachableError)) throw error;
    tried(`file list of ${link.repo}`, error.message);
    return candidate;
  }
}

export const workflowLinkSource: ResolutionSourceModule = {
  source: "workflow",
  async find(context): Promise<SourceFindings> {
    const problems: string[] = [];
    const findings: Finding[] = [];
    const attempts: ResolutionAttempt[] = [];
    const tried = (query: string, result: string) => attempts.push({ source: "workflow", query, result });
    for (const link of linksNaming(context.ref, context.links)) {
      const url = parseUrl(link.url ?? "");
      if (!url) {
        problems.push(`the workflow's link for "${context.wanted}" is not a valid URL`);
        tried(link.url ?? "", "not a valid URL");
        continue;
      }
      const shown = `${url.host}${url.pathname}`;
      const refusal = linkRefusal(url, context.policy);
      if (refusal) {
        problems.push(`the workflow's link ${url.origin}${url.pathname} was not used: ${refusal}`);
        tried(shown, `not used: ${refusal}`);
        continue;
      }
      const hash = knownHash(link.hash) ?? context.hash;
      const named = urlFileName(url);
      const linked: Candidate = {
        source: "workflow",
        url: url.href,
        fileName: named ?? context.wanted,
        sha256: hash?.sha256 ?? null,
        size: null,
        page: null,
      };
      const hubLink = hubLinkOf(url, context.endpoints.huggingface);
      const exact = !named || matchName(context.wanted, named) === "exact";
      const candidate = hubLink && exact ? await withHubFacts(context, linked, hubLink, tried) : linked;
      findings.push({ candidate, exact, trust: TRUST.known, where: `the workflow's link ${shown}` });
      tried(shown, exact ? "names this file" : `names another file ("${named}")`);
      if (exact) break;
    }
    return { findings, attempts, problems };
  },
  checkAccess: (context, resolution, _finding, attempts) => checkHubAccess(context, resolution, attempts),
};
