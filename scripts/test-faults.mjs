// `npm run test:faults [-- --long]`: the fault tier (faults/*.fault.test.ts) against real processes, PostgreSQL and the
// simulator, then one table of its figures. Exits non-zero when a test fails or any suite lost something.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";

const long = process.argv.includes("--long");
const figuresFile = join("test-results", "reports", "fault-figures.jsonl");
const jsonReport = process.env.COMFYFIXER_FAULT_JSON_REPORT;
rmSync(figuresFile, { force: true });
mkdirSync(dirname(figuresFile), { recursive: true });

const args = ["run", "--project", "faults", "--reporter=default"];
if (jsonReport) args.push("--reporter=json", `--outputFile.json=${jsonReport}`);
const result = spawnSync(join("node_modules", ".bin", "vitest"), args, {
  stdio: "inherit",
  env: { ...process.env, COMFYFIXER_FAULTS_LONG: long ? "1" : "0", COMFYFIXER_FAULT_FIGURES: figuresFile },
});

const rows = existsSync(figuresFile)
  ? readFileSync(figuresFile, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line))
  : [];
const columns = [
  ["suite", (row) => row.suite],
  ["trials", (row) => row.trials],
  ["faults", (row) => row.faults],
  ["inputs", (row) => row.inputs],
  ["crashes", (row) => row.crashes],
  ["corrupt files", (row) => row.corruptFiles],
  ["duplicate downloads", (row) => row.duplicateDownloads],
  ["note", (row) => row.note ?? ""],
];
const cells = rows.map((row) => columns.map(([, cell]) => String(cell(row))));
const widths = columns.map(([title], index) => Math.max(title.length, ...cells.map((line) => line[index].length)));
const line = (values) => values.map((value, index) => value.padEnd(widths[index])).join("  ");
console.log(`\nFault tier (${long ? "long" : "CI-sized"} version)\n`);
console.log(line(columns.map(([title]) => title)));
console.log(line(widths.map((width) => "-".repeat(width))));
for (const row of cells) console.log(line(row));
const total = (key) => rows.reduce((sum, row) => sum + row[key], 0);
const losses = total("crashes") + total("corruptFiles") + total("duplicateDownloads");
console.log(`\n${rows.length} suites, ${total("trials")} trials, ${total("faults")} faults, ${total("inputs")} inputs; ${losses} losses`);
if (!rows.length) console.log("No suite reported its figures.");
process.exit(result.status !== 0 || losses > 0 || !rows.length ? 1 : 0);
