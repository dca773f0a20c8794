// `npm run bench [name...] [--full]`: runs the benchmarks one after another (all of them, or the ones named) and prints
// one table of every figure beside its baseline and goal. By default the benchmarks that move many gigabytes over
// loopback (cli, download) run at their quick sizes, so the whole table takes minutes; `--full` runs them at full size.
// The headline job always runs whole: its goal is stated for the whole job. `--quick` makes every benchmark quick.
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../src/core/config/project-root";
import { FIGURE_PREFIX, round, type Figure } from "./report";

const benchDir = join(projectRoot(), "bench");
const available = readdirSync(benchDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(benchDir, entry.name, "run.ts")))
  .map((entry) => entry.name)
  .sort();
const args = process.argv.slice(2);
const flags = args.filter((arg) => arg.startsWith("--") && arg !== "--full");
const full = args.includes("--full");
/** Benchmarks whose figures hold at their quick sizes, run quick unless --full. */
const QUICK_BY_DEFAULT = new Set(["cli", "download"]);
const flagsFor = (name: string) => (!full && QUICK_BY_DEFAULT.has(name) && !flags.includes("--quick") ? [...flags, "--quick"] : flags);
const wanted = args.filter((arg) => !arg.startsWith("--"));
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`No benchmark named ${unknown.join(", ")}. Available: ${available.join(", ")}.`);
  process.exit(2);
}

/** Runs one benchmark, passing its output through and keeping the figures it reports. */
function runBench(name: string): Promise<{ figures: Figure[]; ok: boolean }> {
  return new Promise((resolve) => {
    const figures: Figure[] = [];
    const child = spawn(process.execPath, ["--import", "tsx", join(benchDir, name, "run.ts"), ...flagsFor(name)], { stdio: ["ignore", "pipe", "inherit"] });
    let pending = "";
    child.stdout.on("data", (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        if (line.startsWith(FIGURE_PREFIX)) figures.push(JSON.parse(line.slice(FIGURE_PREFIX.length)) as Figure);
        else process.stdout.write(`  ${line}\n`);
      }
    });
    child.on("close", (code) => resolve({ figures, ok: code === 0 }));
  });
}

const rows: Array<Figure & { bench: string }> = [];
let failed = 0;
for (const name of wanted.length > 0 ? wanted : available) {
  console.log(`\n=== bench/${name} ===`);
  const { figures, ok } = await runBench(name);
  rows.push(...figures.map((figure) => ({ ...figure, bench: name })));
  if (!ok) failed++;
}

const table = [
  ["bench", "figure", "value", "baseline", "ratio", "goal", "met"],
  ...rows.map((row) => [
    row.bench,
    row.name,
    `${round(row.value)} ${row.unit}`,
    row.baseline ? `${row.baseline.name} ${round(row.baseline.value)} ${row.baseline.unit}` : "",
    row.ratio === undefined ? "" : `${row.ratio.toFixed(2)}×`,
    row.goal ?? "",
    row.met === undefined ? "" : row.met ? "yes" : "NO",
  ]),
];
const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
console.log(
  "\n" +
    table
      .map((row) =>
        row
          .map((cell, column) => cell.padEnd(widths[column]!))
          .join("  ")
          .trimEnd(),
      )
      .join("\n"),
);
process.exit(failed > 0 ? 1 : 0);
