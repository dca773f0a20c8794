// `comfyfixer resolve`: where each missing model can be downloaded from, without downloading anything — the run's
// pipeline in a dry run, so each distinct file is resolved once, within the resolve limit.
import type { EngineEnv } from "../../core/config/env";
import type { Settings } from "../../core/config/settings";
import { modelKey, type Resolution, type ResolutionStatus } from "../../core/model";
import { createFileSearchCache } from "../../core/resolve";
import { createEngine, createMemoryRunStore, type RunModel } from "../../core/run";
import { runPipeline } from "../../core/run/pipeline";
import { buildAnalysisReport, linksNaming, uniqueModels, type AnalysisReport, type ReportedModel, type WorkflowAnalysis } from "../../core/workflow";
import { parseCommandArgs } from "../args";
import { UsageError, type CliCommand, type CliContext } from "../command";
import { loadCliSettings } from "../settings";
import { analyseOptionsFor, analysePaths, MODELS_LOCATION_FLAGS, modelsLocationFrom, presenceChecker } from "../inputs";

const usage = [
  "Usage: comfyfixer resolve PATH... [--models-dir DIR] [--extra-model-paths FILE]... [--comfyui-url URL] [--json]",
  "",
  "  PATH                      a workflow (.json, .png, .webp) or a folder of them",
  "  --models-dir DIR          ComfyUI models folder to check (default: $COMFYUI_MODELS_DIR);",
  "                            without one, every model is looked up",
  "  --extra-model-paths FILE  an extra_model_paths.yaml to honour (repeatable)",
  "  --comfyui-url URL         ask a running ComfyUI where its models folders are",
  "  --config FILE             a TOML file with settings to use (same keys as config/default.toml)",
  "  --json                    print the analysis as JSON, with a `resolution` on every missing model",
  "",
  "Tokens come from CIVITAI_API_TOKEN and HF_TOKEN; upstream answers are cached in $COMFYFIXER_CACHE_DIR",
  "(default ~/.cache/comfyfixer). Exit code: 0 when every missing model resolved, 3 when some did not.",
].join("\n");

export type ResolvedModel = ReportedModel & { resolution?: Resolution };
export type ResolveReport = Omit<AnalysisReport, "workflows" | "summary"> & {
  workflows: Array<Omit<AnalysisReport["workflows"][number], "models"> & { models: ResolvedModel[] }>;
  summary: AnalysisReport["summary"] & {
    resolution: Record<ResolutionStatus, number>;
    cache: { hits: number; misses: number };
  };
};

const STATUS_MARK: Record<ResolutionStatus, string> = { resolved: "✓", ambiguous: "?", not_found: "✗", needs_auth: "🔒", error: "!" };

/** Resolves each distinct missing file once, however many workflows need it. */
async function resolveMissing(report: AnalysisReport, analyses: WorkflowAnalysis[], settings: Settings, env: EngineEnv): Promise<ResolveReport> {
  const missing = new Set(report.workflows.flatMap((workflow) => workflow.models.filter((model) => model.status === "missing").map(modelKey)));
  const links = analyses.flatMap((analysis) => analysis.links);
  const models: RunModel[] = uniqueModels(analyses.flatMap((analysis) => analysis.models))
    .filter(({ ref }) => missing.has(modelKey(ref)))
    .map(({ ref, workflows }) => ({
      id: modelKey(ref),
      ref,
      workflows,
      links: linksNaming(ref, links),
      status: "missing",
      target: null,
      foundAt: null,
      resolution: null,
      sha256: null,
      bytes: 0,
      size: null,
      error: null,
      attempts: 0,
    }));
  const cache = createFileSearchCache({
    enabled: settings.cache.enabled,
    ttlHours: settings.cache.ttl_hours,
    maxSizeMb: settings.cache.max_size_mb,
    dir: env.cacheDir,
  });
  const engine = createEngine({
    settings,
    env,
    tokens: env.tokens,
    searchCache: cache,
    log: (level, message) => {
      if (level === "warn" || level === "error") process.stderr.write(`${level}: ${message}\n`);
    },
  });
  try {
    await runPipeline(models, {
      resolver: engine.resolver,
      downloader: engine.downloader,
      store: createMemoryRunStore(),
      resolveConcurrency: settings.resolve.concurrency,
      dryRun: true,
      signal: new AbortController().signal,
    });
  } finally {
    await engine.close();
    await cache.flush();
  }
  const answers = new Map(models.map((model) => [model.id, model.resolution]));
  const workflows = report.workflows.map((workflow) => ({
    ...workflow,
    models: workflow.models.map((model): ResolvedModel => {
      const resolution = answers.get(modelKey(model));
      return resolution ? { ...model, resolution } : model;
    }),
  }));
  const counts: Record<ResolutionStatus, number> = { resolved: 0, ambiguous: 0, not_found: 0, needs_auth: 0, error: 0 };
  for (const answer of answers.values()) if (answer) counts[answer.status]++;
  const stats = engine.resolver.stats();
  return { workflows, summary: { ...report.summary, resolution: counts, cache: { hits: stats.cacheHits, misses: stats.cacheMisses } } };
}

function describeResolution(resolution: Resolution): string[] {
  const lines = [`      ${resolution.reason}`];
  if (resolution.url) {
    const facts = [resolution.size !== null ? `${resolution.size} bytes` : null, resolution.sha256 ? `sha256 ${resolution.sha256}` : null].filter(Boolean);
    lines.push(`      ${resolution.url}${facts.length ? `  (${facts.join(", ")})` : ""}`);
  }
  for (const candidate of resolution.status === "ambiguous" ? resolution.candidates : []) {
    const facts = [candidate.source, candidate.baseModel, candidate.size !== null ? `${candidate.size} bytes` : null].filter(Boolean);
    lines.push(`      - ${candidate.fileName}  ${candidate.page ?? candidate.url}  (${facts.join(", ")})`);
  }
  return lines;
}

function humanReport(report: ResolveReport): string {
  const lines: string[] = [];
  const shown = new Set<string>();
  for (const workflow of report.workflows) {
    lines.push(workflow.path);
    if (workflow.error) lines.push(`  error: ${workflow.error}`);
    for (const model of workflow.models) {
      if (!model.resolution) continue;
      const key = modelKey(model);
      const first = !shown.has(key);
      shown.add(key);
      lines.push(`  ${STATUS_MARK[model.resolution.status]} ${model.folder}/${model.name}  ${model.resolution.status}${first ? "" : " (see above)"}`);
      if (first) lines.push(...describeResolution(model.resolution));
    }
  }
  const { summary } = report;
  const counts = Object.entries(summary.resolution)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${status.replace("_", " ")}`);
  lines.push("");
  lines.push(
    `${summary.unique} unique model(s), ${summary.missing} missing: ${counts.join(", ") || "nothing to resolve"}` +
      ` (cache: ${summary.cache.hits} hit(s), ${summary.cache.misses} miss(es))`,
  );
  return lines.join("\n") + "\n";
}

async function run(argv: string[], { env }: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    ...MODELS_LOCATION_FLAGS,
    config: { type: "string" },
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    process.stdout.write(usage + "\n");
    return 0;
  }
  if (positionals.length === 0) throw new UsageError("Give at least one workflow file or folder.");
  const settings = await loadCliSettings(values.config);
  const location = modelsLocationFrom(values, env);
  const analyses = await analysePaths(positionals, await analyseOptionsFor(location, settings, env));
  if (!analyses.some((analysis) => analysis.error === null)) {
    for (const analysis of analyses) process.stderr.write(`${analysis.path}: ${analysis.error}\n`);
    return 2;
  }
  const presence = await presenceChecker(location, env);
  const report = await resolveMissing(buildAnalysisReport(analyses, presence), analyses, settings, env);
  process.stdout.write(values.json ? JSON.stringify(report, null, 2) + "\n" : humanReport(report));
  const { resolution } = report.summary;
  return resolution.resolved === Object.values(resolution).reduce((sum, count) => sum + count, 0) ? 0 : 3;
}

export const command: CliCommand = {
  usage,
  run,
};
