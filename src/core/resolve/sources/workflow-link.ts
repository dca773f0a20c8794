// Source 1: the download links the workflow itself gives (properties.models[].url and friends).
import type { Candidate } from "../../model";
import { linksNaming } from "../../workflow/metadata";
import { linkRefusal, parseUrl, urlFileName } from "../link-policy";
import { knownHash, matchName } from "../match";
import { resolvedFrom, type ResolutionSourceModule, type SourceOutcome } from "../outcome";

export const workflowLinkSource: ResolutionSourceModule = {
  source: "workflow",
  async find(context): Promise<SourceOutcome> {
    const problems: string[] = [];
    const similar: Candidate[] = [];
    for (const link of linksNaming(context.ref, context.links)) {
      const url = parseUrl(link.url ?? "");
      if (!url) {
        problems.push(`the workflow's link for "${context.wanted}" is not a valid URL`);
        continue;
      }
      const refusal = linkRefusal(url, context.policy);
      if (refusal) {
        problems.push(`the workflow's link ${url.origin}${url.pathname} was not used: ${refusal}`);
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
      // Trusted for the file it names: a link whose path names another file is only a suggestion.
      if (named && matchName(context.wanted, named) !== "exact") {
        similar.push(candidate);
        continue;
      }
      return { resolution: resolvedFrom(candidate, `the workflow links "${context.wanted}" to ${url.host}${url.pathname}`) };
    }
    return { similar, problems };
  },
};
