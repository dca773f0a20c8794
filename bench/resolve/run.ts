// Resolution of every corpus model against a simulator named as the real sites name things (Civitai titles that are
// not file names, Hub repos named after families, re-uploads), the workflows' own links ignored:
// how many models each source finds on its own, and the wall time of a real resolution at 1 s per API answer against
// its baseline: every answer's latency one after another within each model, `resolve.concurrency` models at a time
// (API answers × latency ÷ concurrency), which is what asking the sources of a model at once beats. The floor the
// per-host caps set (the busiest host's answers × latency ÷ its cap) is shown beside it.
import pLimit from "p-limit";
import { createMemorySearchCache, type SearchCache } from "../../src/core/resolve";
import type { ResolutionSource, ResolutionStatus } from "../../src/core/model";
import { corpusCatalogue, readCorpusExpected } from "../../src/test/fixtures/corpus";
import { report } from "../report";
import { modelRef, resolverFor, startSim, testSettings } from "../../src/test/fixtures/resolve";

const API_LATENCY_MS = Number(process.env.BENCH_API_LATENCY_MS ?? 1000);
const expected = readCorpusExpected();
if (!expected) {
  console.log("bench/resolve: no shared corpus beside the project; nothing to measure.");
  process.exit(0);
}
const models = [
  ...new Map(
    Object.values(expected)
      .flat()
      .map((model) => [`${model.folder}|${model.name}`, model]),
  ).values(),
];
const catalogue = corpusCatalogue(expected);
const sim = await startSim(catalogue);
// BENCH_RESOLVE_PER_HOST shows what another per-host cap would cost (default: the shipped setting).
const perHost = process.env.BENCH_RESOLVE_PER_HOST;
const settings = testSettings(perHost ? { resolve: { per_host_concurrency: Number(perHost) } } : {});
const freshCache = (): SearchCache => createMemorySearchCache({ enabled: true, ttlHours: 24, maxSizeMb: 200 });
const ALL_SOURCES: ResolutionSource[] = ["workflow", "known_models", "model_list", "huggingface", "civitai"];

type Pass = {
  elapsedMs: number;
  bySource: Map<string, number>;
  byStatus: Map<ResolutionStatus, number>;
  requests: Record<string, number>;
  perModelMs: number[];
};

/** Resolves every model (4 at a time, as a run does) with only `sources` asked; a fresh cache each time. */
async function pass(sources: ResolutionSource[]): Promise<Pass> {
  const resolver = resolverFor(sim, { cache: freshCache(), settings });
  const skipSources = ALL_SOURCES.filter((source) => !sources.includes(source));
  const limit = pLimit(settings.resolve.concurrency);
  const bySource = new Map<string, number>();
  const byStatus = new Map<ResolutionStatus, number>();
  const perModelMs: number[] = [];
  sim.resetRequests();
  const started = performance.now();
  await Promise.all(
    models.map((model) =>
      limit(async () => {
        const began = performance.now();
        const resolution = await resolver.resolve(modelRef(model.name, model.folder), undefined, { skipSources });
        perModelMs.push(performance.now() - began);
        byStatus.set(resolution.status, (byStatus.get(resolution.status) ?? 0) + 1);
        if (resolution.status === "resolved" && resolution.source) bySource.set(resolution.source, (bySource.get(resolution.source) ?? 0) + 1);
      }),
    ),
  );
  const elapsedMs = performance.now() - started;
  await resolver.close();
  const requests: Record<string, number> = {};
  for (const request of sim.requests) requests[request.server] = (requests[request.server] ?? 0) + 1;
  return { elapsedMs, bySource, byStatus, requests, perModelMs };
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;
const statuses = (result: Pass) => [...result.byStatus.entries()].map(([status, count]) => `${count} ${status}`).join(", ");

const placements = new Map<string, number>();
for (const placed of catalogue.placements) placements.set(`${placed.host}:${placed.how}`, (placements.get(`${placed.host}:${placed.how}`) ?? 0) + 1);
console.log(
  `${models.length} distinct corpus models (workflow links ignored); the catalogue placed them: ${[...placements.entries()].map(([how, count]) => `${how} ${count}`).join(", ")}`,
);

console.log("\nEach source on its own (no simulated latency):");
for (const source of ["known_models", "huggingface", "civitai"] as const) {
  const result = await pass([source]);
  console.log(`  ${source.padEnd(13)} finds ${String(result.bySource.get(source) ?? 0).padStart(3)} of ${models.length}  (${statuses(result)})`);
}

sim.setOptions({ apiLatencyMs: API_LATENCY_MS });
const full = await pass(ALL_SOURCES);
const apiAnswers = (full.requests.civitai ?? 0) + (full.requests.hf ?? 0);
const serialMs = apiAnswers * API_LATENCY_MS;
const concurrency = settings.resolve.concurrency;
const baselineMs = serialMs / concurrency;
const perHostFloorMs = (Math.max(full.requests.civitai ?? 0, full.requests.hf ?? 0) * API_LATENCY_MS) / settings.resolve.per_host_concurrency;
console.log(`\nAll sources, as a run asks them, at ${API_LATENCY_MS} ms per API answer:`);
console.log(`  resolved by source: ${[...full.bySource.entries()].map(([source, count]) => `${source} ${count}`).join(", ")}; ${statuses(full)}`);
console.log(
  `  wall time ${(full.elapsedMs / 1000).toFixed(1)} s for ${apiAnswers} API answers (Hugging Face ${full.requests.hf ?? 0}, Civitai ${full.requests.civitai ?? 0}; storage ${full.requests.storage ?? 0})`,
);
console.log(`  per model: median ${(percentile(full.perModelMs, 0.5) / 1000).toFixed(1)} s, p90 ${(percentile(full.perModelMs, 0.9) / 1000).toFixed(1)} s`);
console.log(
  `  baseline, each model's answers one after another, ${concurrency} models at once: ${apiAnswers} × ${API_LATENCY_MS / 1000} s ÷ ${concurrency} = ${(baselineMs / 1000).toFixed(1)} s; ` +
    `ratio wall/baseline ${(full.elapsedMs / baselineMs).toFixed(2)}×`,
);
console.log(
  `  floor set by the per-host caps (${settings.resolve.per_host_concurrency} requests in flight to one service): busiest host's answers × latency ÷ cap = ${(perHostFloorMs / 1000).toFixed(1)} s`,
);
console.log(`  Hugging Face's anonymous quota is 500 API calls per 5 minutes (hub-docs rate-limits.md): this resolution used ${full.requests.hf ?? 0}.`);
report({
  name: `resolution of ${models.length} corpus models at ${API_LATENCY_MS} ms per API answer`,
  value: full.elapsedMs / 1000,
  unit: "s",
  baseline: { name: `API answers × latency ÷ ${concurrency} (sources one after another)`, value: baselineMs / 1000, unit: "s" },
  ratio: full.elapsedMs / baselineMs,
});
report({
  name: "resolution wall against the per-host caps' floor",
  value: full.elapsedMs / 1000,
  unit: "s",
  baseline: { name: "busiest host's answers × latency ÷ per-host cap", value: perHostFloorMs / 1000, unit: "s" },
  ratio: full.elapsedMs / perHostFloorMs,
});
await sim.close();
