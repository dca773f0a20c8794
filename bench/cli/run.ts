// The command as a user runs it (the compiled CLI through its bin): how fast it starts (`comfyfixer --help`, against a
// bare `node -e ""`), and its peak memory while it downloads 10 large files at once from the simulator (the files'
// links are in the workflow, so nothing is searched).
//   npx tsx bench/cli/run.ts            10 × 1 GB
//   npx tsx bench/cli/run.ts --quick    10 × 128 MB
import { execFile, spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { buildDist } from "../../scripts/build-dist.mjs";
import { projectRoot } from "../../src/core/config/project-root";
import { simEnv } from "../../src/test/sim-env";
import { startUpstreamSim } from "../../tools/upstream-sim";
import { uiWorkflow } from "../../tools/upstream-sim/sample-workflows";
import { MiB } from "../../tools/upstream-sim/sizes";
import { report } from "../report";

const ROUNDS = 15;
const FILES = 10;
const FILE_SIZE = Math.round((process.argv.includes("--quick") ? 128 : 1024) * MiB);
const run = promisify(execFile);

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

const files = Array.from({ length: FILES }, (_, index) => ({ path: `large_${index}.ckpt`, size: FILE_SIZE }));
const sim = await startUpstreamSim({ catalogue: { civitai: { models: [] }, huggingface: { repos: [{ id: "bench/large", files }] } } });
const work = await mkdtemp(join(tmpdir(), "comfyfixer-bench-cli-"));
try {
  const workflow = join(work, "large.json");
  const nodes = files.map((file) => ({
    type: "CheckpointLoaderSimple",
    widgets: [file.path],
    models: [{ name: file.path, url: `https://huggingface.co/bench/large/resolve/main/${file.path}`, directory: "checkpoints" }],
  }));
  await writeFile(workflow, uiWorkflow(nodes));
  const env = { ...process.env, ...simEnv(sim), COMFYFIXER_CACHE_DIR: join(work, "cache") };
  const started = performance.now();
  const { stderr } = await run(
    "/usr/bin/time",
    ["-f", "PEAK %M", bin, "run", workflow, "--models-dir", join(work, "models"), "--concurrency", String(FILES), "--json"],
    {
      env,
      maxBuffer: 64 * MiB,
    },
  ).catch((error: { stdout?: string; stderr?: string }) => {
    throw new Error(`comfyfixer run failed: ${error.stderr ?? error}`);
  });
  const seconds = (performance.now() - started) / 1000;
  const peakMb = Number(stderr.match(/PEAK (\d+)/)?.[1]) / 1024;
  report({
    name: `comfyfixer run, ${FILES} × ${Math.round(FILE_SIZE / MiB)} MB at once: peak RSS`,
    value: peakMb,
    unit: "MB",
    goal: "< 150 MB",
    met: peakMb < 150,
  });
  console.log(`(${((FILES * FILE_SIZE) / 1e6 / seconds).toFixed(0)} MB/s over loopback in ${seconds.toFixed(1)} s)`);
} finally {
  await sim.close();
  await rm(work, { recursive: true, force: true });
}
