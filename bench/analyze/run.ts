// Analyser throughput over the shared corpus (+ holdout), against bare JSON.parse of the same text.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { projectRoot } from "../../src/core/config/project-root";
import { analyzeWorkflowText } from "../../src/core/workflow";
import { report } from "../report";

const TARGET_WORKFLOWS = 1000;
const ROUNDS = 5;

const shared = resolve(projectRoot(), "../shared");
const folders = [join(shared, "corpus", "workflows"), join(shared, "corpus-holdout", "workflows")].filter(existsSync);
if (folders.length === 0) {
  console.log("bench/analyze: no shared corpus beside the project; nothing to measure.");
  process.exit(0);
}
const texts = folders.flatMap((folder) =>
  readdirSync(folder)
    .filter((f) => f.endsWith(".json"))
    .map((f) => readFileSync(join(folder, f), "utf8")),
);
const batch = Array.from({ length: TARGET_WORKFLOWS }, (_, index) => texts[index % texts.length]!);
const megabytes = batch.reduce((sum, text) => sum + text.length, 0) / 1e6;

function time(label: string, work: (text: string) => unknown): number {
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.cpuUsage();
    for (const text of batch) work(text);
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  console.log(`${label.padEnd(22)} ${best.toFixed(1).padStart(8)} ms CPU for ${batch.length} workflows (best of ${ROUNDS})`);
  return best;
}

// Warm up both paths so the JIT has compiled them before measuring.
for (const text of texts) {
  JSON.parse(text);
  analyzeWorkflowText(text, "warmup.json");
}
console.log(`${texts.length} distinct workflows, ${batch.length} per round, ${megabytes.toFixed(1)} MB of JSON`);
const parse = time("JSON.parse", (text) => JSON.parse(text));
const analyse = time("analyzeWorkflowText", (text) => analyzeWorkflowText(text, "bench.json"));
report({
  name: `analysis CPU, ${batch.length} workflows`,
  value: analyse,
  unit: "ms",
  baseline: { name: "JSON.parse", value: parse, unit: "ms" },
  ratio: analyse / parse,
  goal: "≤ 2× JSON.parse",
  met: analyse / parse <= 2,
});
