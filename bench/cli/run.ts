// How fast the command starts: `comfyfixer --help` as a user runs it (the compiled CLI through its bin), against a bare
// `node -e ""` measured in the same run. It builds dist/ first.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../../src/core/config/project-root";
import { buildDist } from "../../scripts/build-dist.mjs";
import { report } from "../report";

const ROUNDS = 15;
await buildDist();
const bin = join(projectRoot(), "bin", "comfyfixer.mjs");

function bestMs(command: string, args: string[]): number {
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    const result = spawnSync(command, args, { stdio: "ignore" });
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${result.status}`);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

const node = bestMs(process.execPath, ["-e", ""]);
const help = bestMs(bin, ["--help"]);
report({
  name: "comfyfixer --help, start to exit",
  value: help,
  unit: "ms",
  baseline: { name: 'node -e ""', value: node, unit: "ms" },
  ratio: help / node,
  goal: "< 150 ms",
  met: help < 150,
});
