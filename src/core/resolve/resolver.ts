// Resolves one missing model through the sources in order: workflow link, model lists, Hugging Face, Civitai.
import { errorMessage } from "../error-message";
import { modelBaseName, type Candidate, type ModelRef, type Resolution } from "../model";
import { onConfiguredEndpoint } from "../net/endpoints";
import { knownHash } from "./match";
import { ambiguous, distinctFiles, type ResolutionSourceModule, type SourceContext, type SourceOutcome } from "./outcome";
import { civitaiSource } from "./sources/civitai";
import { huggingFaceSource } from "./sources/huggingface";
import { createModelListSource } from "./sources/model-list";
import { workflowLinkSource } from "./sources/workflow-link";
import type { ResolveOptions, Resolver, ResolverOptions } from "./types";
import { createUpstreamClient } from "./upstream";

/** Civitai's by-hash lookup runs before any name search when the workflow gives a hash. */
function sourceOrder(hasHash: boolean, modelLists: ResolutionSourceModule): ResolutionSourceModule[] {
  return hasHash ? [workflowLinkSource, modelLists, civitaiSource, huggingFaceSource] : [workflowLinkSource, modelLists, huggingFaceSource, civitaiSource];
}

const SOURCE_LABEL: Partial<Record<ResolutionSourceModule["source"], string>> = {
  workflow: "workflow link",
  model_list: "model lists",
  huggingface: "Hugging Face",
  civitai: "Civitai",
};

export function createResolver(options: ResolverOptions): Resolver {
  const log = options.log ?? (() => undefined);
  const { settings, endpoints, tokens, policy } = options;
  const client = createUpstreamClient({
    http: options.http,
    cache: options.cache,
    perHostConcurrency: settings.resolve.per_host_concurrency,
    retries: settings.download.retries,
    timeoutMs: settings.download.civitai_api_timeout * 1000,
    log,
  });
  const modelLists = createModelListSource();

  async function resolve(ref: ModelRef, signal?: AbortSignal, resolveOptions: ResolveOptions = {}): Promise<Resolution> {
    const hash = knownHash(ref.hash);
    // Workflow links to huggingface.co or civitai.com go to the configured endpoints (a mirror, or the simulator).
    const links = (resolveOptions.links ?? []).map((link) => ({ ...link, url: link.url && onConfiguredEndpoint(link.url, endpoints) }));
    const context: SourceContext = {
      ref: { ...ref, url: ref.url && onConfiguredEndpoint(ref.url, endpoints) },
      wanted: modelBaseName(ref.name),
      hash,
      client,
      settings,
      tokens,
      endpoints,
      policy,
      links,
      signal,
      log,
    };
    const queries: string[] = [];
    const problems: string[] = [];
    const similar: Candidate[] = [];
    let waiting: Resolution | undefined;

    const skipped = new Set(resolveOptions.skipSources ?? []);
    for (const source of sourceOrder(hash !== null, modelLists).filter((candidate) => !skipped.has(candidate.source))) {
      let outcome: SourceOutcome;
      try {
        outcome = await source.find(context);
      } catch (error) {
        if (signal?.aborted) throw error;
        outcome = { problems: [`${SOURCE_LABEL[source.source] ?? source.source}: ${client.redact(errorMessage(error))}`] };
      }
      queries.push(...(outcome.queries ?? []));
      problems.push(...(outcome.problems ?? []));
      similar.push(...(outcome.similar ?? []));
      const found = outcome.resolution;
      if (!found) continue;
      // A later source may still offer the file without sign-in; an exact-name choice is final.
      if (found.status === "needs_auth" || found.status === "error") {
        waiting ??= found;
        continue;
      }
      return { ...found, queries };
    }
    if (waiting) return { ...waiting, queries, reason: withProblems(waiting.reason, problems) };
    const offered = distinctFiles(similar);
    if (offered.length > 0) {
      return {
        ...ambiguous(
          offered,
          withProblems(
            `no file is named exactly "${context.wanted}"; ${offered.length} similar ${offered.length === 1 ? "file was" : "files were"} found: pick one if it is the right model`,
            problems,
          ),
        ),
        queries,
      };
    }
    const status = problems.length > 0 ? "error" : "not_found";
    const tried = queries.length > 0 ? `tried ${queries.join("; ")}` : "no source could be asked";
    const reason =
      status === "error" ? `not found, and some sources could not answer — ${problems.join("; ")} (${tried})` : `no source has "${context.wanted}" (${tried})`;
    return { status, source: null, url: null, sha256: null, size: null, reason, candidates: [], queries, page: null };
  }

  return { resolve, stats: client.stats };
}

function withProblems(reason: string, problems: string[]): string {
  return problems.length > 0 ? `${reason} (also: ${problems.join("; ")})` : reason;
}
