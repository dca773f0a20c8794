// Source: the download links the workflow itself gives (properties.models[].url and friends). The first usable link
// that names this file is trusted; a link whose path names another file is only offered to a person.
import type { Candidate, ResolutionAttempt } from "../../model";
import { linksNaming } from "../../workflow/metadata";
import { linkRefusal, parseUrl, urlFileName } from "../link-policy";
import { knownHash, matchName } from "../match";
import { TRUST, type Finding, type ResolutionSourceModule, type SourceFindings } from "../outcome";

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
      const candidate: Candidate = {
        source: "workflow",
        url: url.href,
        fileName: named ?? context.wanted,
        sha256: hash?.sha256 ?? null,
        size: null,
        page: null,
      };
      const exact = !named || matchName(context.wanted, named) === "exact";
      findings.push({ candidate, exact, trust: TRUST.known, where: `the workflow's link ${shown}` });
      tried(shown, exact ? "names this file" : `names another file ("${named}")`);
      if (exact) break;
    }
    return { findings, attempts, problems };
  },
};
