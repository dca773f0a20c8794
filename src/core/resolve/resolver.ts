// Resolves one missing model through its sources, stage by stage: the workflow's link, the known-models index, model
// lists, Civitai by hash when a hash is known, then Hugging Face and Civitai searches at once. Each source reports
// findings; the first source whose findings decide the model wins, after its access check. What was tried is kept.
import { errorMessage } from "../error-message";
import { modelBaseName, type Candidate, type ModelRef, type Resolution, type ResolutionAttempt, type ResolutionSource } from "../model";
import { onConfiguredEndpoint } from "../net/endpoints";
import { knownModelsIndex } from "./known-models/index-data";
import { knownHash } from "./match";
import {
  ambiguous,
  decideFindings,
  distinctFiles,
  noFindings,
  type Finding,
  type ResolutionSourceModule,
  type SourceContext,
  type SourceFindings,
} from "./outcome";
import { civitaiByHashSource, civitaiSearchSource } from "./sources/civitai";
import { huggingFaceSource } from "./sources/huggingface";
import { knownModelsSource } from "./sources/known-models";
import { createModelListSource } from "./sources/model-list";
import { workflowLinkSource } from "./sources/workflow-link";
import type { ResolveOptions, Resolver, ResolverOptions } from "./types";
import { createUpstreamClient } from "./upstream";

const SOURCE_LABEL: Record<ResolutionSource, string> = {
  workflow: "workflow link",
  known_models: "known models",
  model_list: "model lists",
  huggingface: "Hugging Face",
  civitai: "Civitai",
  manual: "manual",
};

/** Stages in order; the sources of one stage are asked at once, and decide in the order listed. */
function stagesFor(modelLists: ResolutionSourceModule): ResolutionSourceModule[][] {
  return [[workflowLinkSource], [knownModelsSource], [modelLists], [civitaiByHashSource], [huggingFaceSource, civitaiSearchSource]];
}

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
  const stages = stagesFor(createModelListSource());
  const knownModels = options.knownModels ?? knownModelsIndex();

  /** A source's findings; a failure becomes a problem, and a stop asked by the resolver becomes nothing. */
  async function findSafely(source: ResolutionSourceModule, context: SourceContext, stop: AbortSignal): Promise<SourceFindings> {
    try {
      return await source.find(context);
    } catch (error) {
      if (stop.aborted || context.signal?.aborted) return noFindings();
      return noFindings([], [`${SOURCE_LABEL[source.source]}: ${client.redact(errorMessage(error))}`]);
    }
  }

  async function resolve(ref: ModelRef, signal?: AbortSignal, resolveOptions: ResolveOptions = {}): Promise<Resolution> {
    // Workflow links to huggingface.co or civitai.com go to the configured endpoints (a mirror, or the simulator).
    const links = (resolveOptions.links ?? []).map((link) => ({ ...link, url: link.url && onConfiguredEndpoint(link.url, endpoints) }));
    const base: SourceContext = {
      ref: { ...ref, url: ref.url && onConfiguredEndpoint(ref.url, endpoints) },
      wanted: modelBaseName(ref.name),
      hash: knownHash(ref.hash),
      client,
      settings,
      tokens,
      endpoints,
      policy,
      links,
      knownModels,
      defaultModelLists: options.defaultModelLists ?? [],
      signal,
      log,
      storage: resolveOptions.prepareDownload ? options.storage : undefined,
    };
    const attempts: ResolutionAttempt[] = [];
    const problems: string[] = [];
    const similar: Candidate[] = [];
    let waiting: Resolution | undefined;
    const finish = (resolution: Resolution): Resolution => ({
      ...resolution,
      attempts,
      queries: attempts.map((attempt) => `${attempt.source}: ${attempt.query}`),
    });

    const skipped = new Set(resolveOptions.skipSources ?? []);
    for (const stage of stages) {
      const active = stage.filter((source) => !skipped.has(source.source) && (source.applies?.(base) ?? true));
      const stops = active.map(() => new AbortController());
      const running = active.map((source, index) => {
        const stop = stops[index]!.signal;
        return findSafely(source, { ...base, signal: signal ? AbortSignal.any([signal, stop]) : stop }, stop);
      });
      for (const [index, source] of active.entries()) {
        const found = await running[index]!;
        if (signal?.aborted) throw signal.reason;
        attempts.push(...found.attempts);
        problems.push(...found.problems);
        similar.push(...found.findings.filter((finding) => !finding.exact).map((finding) => finding.candidate));
        const decided = decideFindings(found.findings, base);
        if (!decided) continue;
        const winner = found.findings.find((finding: Finding) => finding.candidate.url === decided.url);
        const checked = decided.status === "resolved" && winner && source.checkAccess ? await source.checkAccess(base, decided, winner, attempts) : decided;
        // A later source may still offer the file without sign-in; a resolved file or a choice among exact names is final.
        if (checked.status === "needs_auth" || checked.status === "error") {
          waiting ??= checked;
          continue;
        }
        for (const stop of stops.slice(index + 1)) stop.abort();
        await Promise.all(running.slice(index + 1));
        return finish(instead(waiting, checked));
      }
    }
    if (waiting) return finish({ ...waiting, reason: withProblems(waiting.reason, problems) });
    const wanted = base.wanted;
    const offered = distinctFiles(similar);
    if (offered.length > 0) {
      const what = `${offered.length} similar ${offered.length === 1 ? "file was" : "files were"} found`;
      return finish(ambiguous(offered, withProblems(`no file is named exactly "${wanted}"; ${what}: pick one if it is the right model`, problems)));
    }
    const status = problems.length > 0 ? "error" : "not_found";
    const asked = attempts.filter((attempt) => attempt.source === "huggingface" || attempt.source === "civitai");
    const tried = asked.length > 0 ? `tried ${asked.map((attempt) => `${attempt.source}: ${attempt.query}`).join("; ")}` : "no source could be asked";
    const reason =
      status === "error" ? `not found, and some sources could not answer — ${problems.join("; ")} (${tried})` : `no source has "${wanted}" (${tried})`;
    return finish({ status, source: null, url: null, sha256: null, size: null, reason, candidates: [], page: null });
  }

  return { resolve, stats: client.stats };
}

/**
 * A file found after an earlier source found the file locked (a gated repo, a login): the same bytes (same SHA-256)
 * are the same file, so it resolves; other bytes under the same name are a choice for a person, never a silent swap.
 */
function instead(locked: Resolution | undefined, found: Resolution): Resolution {
  const lockedFile = locked?.candidates[0];
  if (!locked || !lockedFile?.sha256 || found.status !== "resolved") return found;
  if (found.sha256 === lockedFile.sha256)
    return { ...found, reason: `${found.reason} (the same bytes as ${lockedFile.page ?? lockedFile.url}, which needs sign-in)` };
  const other = found.candidates[0]!;
  return ambiguous(
    [lockedFile, other],
    `${locked.reason}; a different file of that name (other SHA-256) is at ${other.page ?? other.url}: pick it only if it is the model you need, or sign in for the first`,
  );
}

function withProblems(reason: string, problems: string[]): string {
  return problems.length > 0 ? `${reason} (also: ${problems.join("; ")})` : reason;
}
