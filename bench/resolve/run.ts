// Resolution of every corpus model against the simulator with network latency: one at a time (the old tool's way)
// against the resolver's concurrency, and a warm-cache rerun.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import pLimit from "p-limit";
import { catalogueFromExpected, type ExpectedModels } from "../../tools/upstream-sim/corpus-catalogue";
import { projectRoot } from "../../src/core/config/project-root";
import { createMemorySearchCache } from "../../src/core/resolve";
import { modelRef, resolverFor, startSim, testSettings } from "../../src/test/fixtures/resolve";
import type { SearchCache } from "../../src/core/resolve";

const LATENCY_MS = 40;
const expectedPath = resolve(projectRoot(), "../shared/corpus/expected.json");
if (!existsSync(expectedPath)) {
  console.log("bench/resolve: no shared corpus beside the project; nothing to measure.");
  process.exit(0);
}
const expected = JSON.parse(readFileSync(expectedPath, "utf8")) as ExpectedModels;
const models = [
  ...new Map(
    Object.values(expected)
      .flat()
      .map((model) => [`${model.folder}|${model.name}`, model]),
  ).values(),
];
const sim = await startSim(catalogueFromExpected(expected), { latencyMs: LATENCY_MS });

async function timeRun(label: string, concurrency: number, cache: SearchCache): Promise<number> {
  const resolver = resolverFor(sim, { cache, settings: testSettings({ resolve: { concurrency } }) });
  const limit = pLimit(concurrency);
  const started = performance.now();
  const answers = await Promise.all(models.map((model) => limit(() => resolver.resolve(modelRef(model.name, model.folder)))));
  const elapsed = performance.now() - started;
  const resolved = answers.filter((answer) => answer.status === "resolved").length;
  const stats = resolver.stats();
  console.log(
    `${label.padEnd(26)} ${(elapsed / 1000).toFixed(2).padStart(6)} s  ${resolved}/${models.length} resolved, ${stats.requests} requests, cache ${stats.cacheHits} hits / ${stats.cacheMisses} misses`,
  );
  return elapsed;
}

const freshCache = () => createMemorySearchCache({ enabled: true, ttlHours: 24, maxSizeMb: 100 });
console.log(`${models.length} distinct corpus models, simulator latency ${LATENCY_MS} ms per request (no workflow links used)`);
const sequential = await timeRun("one at a time, cold", 1, freshCache());
const warmCache = freshCache();
const concurrent = await timeRun("concurrency 4, cold", 4, warmCache);
const warm = await timeRun("concurrency 4, warm cache", 4, warmCache);
console.log(`ratio concurrent/sequential: ${(concurrent / sequential).toFixed(2)}x; warm/cold: ${(warm / concurrent).toFixed(3)}x`);
await sim.close();
