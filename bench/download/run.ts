// Download benchmark against the upstream simulator, with baselines measured in the same run:
//   - CPU per gigabyte: 8 files at concurrency 4, ours (receive, write, SHA-256, checks) against curl's own receive and
//     write plus SHA-256 at this machine's `openssl speed` rate (the least any verified download can cost);
//   - peak memory during 10 concurrent large downloads;
//   - one file capped at 20 MB/s per connection (what segmented connections buy), against one curl;
//   - wall-clock throughput on loopback, shown but not a goal: the sending side shares this machine's two cores.
//   npx tsx bench/download/run.ts            8 × 256 MB, 10 × 1 GB, and a 1 GB capped file
//   npx tsx bench/download/run.ts --quick    the same at an eighth of the sizes
import { execFile, spawn } from "node:child_process";
import { build } from "esbuild";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pLimit from "p-limit";
import { startUpstreamSim, type SimCatalogue } from "../../tools/upstream-sim";
import { MiB } from "../../tools/upstream-sim/sizes";
import type { DownloadJob } from "../../src/core/download";
import type { Settings } from "../../src/core/config/schema";
import { installTargetFor } from "../../src/core/install/target";
import { DOWNLOAD_PROCESS_NODE_FLAGS } from "../../src/worker/node-flags";
import { report } from "../report";
import type { ClientReport, ClientRequest } from "./client";

const scale = process.argv.includes("--quick") ? 0.125 : 1;
const PARALLEL_FILES = 8;
const PARALLEL_SIZE = Math.round(256 * MiB * scale);
const MEMORY_FILES = 10;
const MEMORY_SIZE = Math.round(1024 * MiB * scale);
const CAPPED_SIZE = Math.round(1024 * MiB * scale);
const CAP_PER_CONNECTION = 20 * 1000 * 1000;
const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

const settings: Settings["download"] = {
  concurrency: 4,
  per_host_concurrency: 8,
  chunk_size: 8 * MiB,
  max_bandwidth_mbps: 0,
  resume_downloads: true,
  civitai_api_timeout: 30,
  download_timeout: 60,
  retries: 3,
  allowed_hosts: ["localhost"],
  allow_private_networks: true,
};

const catalogue: SimCatalogue = {
  civitai: { models: [] },
  huggingface: {
    repos: [
      {
        id: "bench/models",
        files: [
          ...Array.from({ length: PARALLEL_FILES }, (_, index) => ({ path: `parallel_${index}.bin`, size: PARALLEL_SIZE })),
          ...Array.from({ length: MEMORY_FILES }, (_, index) => ({ path: `large_${index}.bin`, size: MEMORY_SIZE })),
          { path: "capped.bin", size: CAPPED_SIZE },
        ],
      },
    ],
  },
};

/** Runs curl on every URL, `parallel` at a time, each under /usr/bin/time so its CPU seconds are known. */
async function curlAll(urls: string[], dir: string, parallel: number): Promise<{ seconds: number; cpuSeconds: number }> {
  const limit = pLimit(parallel);
  const started = performance.now();
  const cpu = await Promise.all(
    urls.map((url, index) =>
      limit(async () => {
        const { stderr } = await run("/usr/bin/time", ["-f", "CPU %U %S", "curl", "-sSfL", "-o", path.join(dir, `curl_${index}`), url]);
        const [, user, system] = stderr.match(/CPU ([\d.]+) ([\d.]+)/) ?? [];
        return Number(user) + Number(system);
      }),
    ),
  );
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: cpu.reduce((sum, value) => sum + value, 0) };
}

/** This machine's SHA-256 rate (bytes per second of one core), from `openssl speed`. */
async function opensslSha256Rate(): Promise<number> {
  const { stdout } = await run("openssl", ["speed", "-seconds", "2", "-bytes", String(MiB), "-evp", "sha256"]);
  const rate = stdout.match(/sha256\s+([\d.]+)k/);
  if (!rate) throw new Error(`openssl speed printed no sha256 rate:\n${stdout}`);
  return Number(rate[1]) * 1000;
}

/** The download side, compiled as the worker ships (no TypeScript loader in its memory). */
async function compiledClient(): Promise<string> {
  const outfile = path.join(here, "..", ".out", "download-client.mjs");
  await build({
    entryPoints: [path.join(here, "client.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  return outfile;
}

function child<T>(script: string, argument: unknown, nodeFlags: string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, script, JSON.stringify(argument)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(output) as T) : reject(new Error(`${script} exited with ${code}`))));
  });
}

// Our side runs as the worker does: compiled, with the same Node flags.
const client = await compiledClient();
// BENCH_CPU_PROF=DIR writes a CPU profile of each of our runs there, to see where the CPU per GB goes.
const profiling = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
const ours = (request: ClientRequest) => child<ClientReport>(client, request, [...DOWNLOAD_PROCESS_NODE_FLAGS, ...profiling]);
const GB = 1e9;
const mbps = (bytes: number, seconds: number) => bytes / seconds / 1e6;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const sim = await startUpstreamSim({ catalogue });
const work = await mkdtemp(path.join(tmpdir(), "comfyfixer-bench-download-"));
try {
  const url = (file: string) => `${sim.hfUrl}/bench/models/resolve/main/${file}`;
  const job = (file: string, root: string): DownloadJob => {
    const info = sim.fileInfo(file);
    return {
      url: url(file),
      target: installTargetFor({ folder: "checkpoints", name: file }, path.join(root, "checkpoints")),
      expectedSha256: info.sha256,
      expectedSize: info.size,
    };
  };
  const fresh = async () => {
    await rm(work, { recursive: true, force: true });
    await mkdir(work, { recursive: true });
  };
  const parallelFiles = Array.from({ length: PARALLEL_FILES }, (_, index) => `parallel_${index}.bin`);
  const largeFiles = Array.from({ length: MEMORY_FILES }, (_, index) => `large_${index}.bin`);
  const parallelBytes = PARALLEL_FILES * PARALLEL_SIZE;
  const shaRate = await opensslSha256Rate();

  const curl = await curlAll(parallelFiles.map(url), work, 4);
  await fresh();
  const parallel = await ours({ settings, civitaiUrl: sim.civitaiUrl, hfUrl: sim.hfUrl, jobs: parallelFiles.map((file) => job(file, work)) });
  await fresh();
  const large = await ours({
    settings: { ...settings, concurrency: MEMORY_FILES },
    civitaiUrl: sim.civitaiUrl,
    hfUrl: sim.hfUrl,
    jobs: largeFiles.map((file) => job(file, work)),
  });
  await fresh();
  sim.setOptions({ bytesPerSecondPerConnection: CAP_PER_CONNECTION });
  const curlCapped = await curlAll([url("capped.bin")], work, 1);
  await fresh();
  const capped = await ours({ settings, civitaiUrl: sim.civitaiUrl, hfUrl: sim.hfUrl, jobs: [job("capped.bin", work)] });
  const failures = [...parallel.failures, ...large.failures, ...capped.failures];
  if (failures.length > 0) throw new Error(`Our downloads failed: ${failures.join("; ")}`);

  const gigabytes = parallelBytes / GB;
  const floorCpu = curl.cpuSeconds + parallelBytes / shaRate;
  report({
    name: `CPU per GB, ${PARALLEL_FILES} × ${Math.round(PARALLEL_SIZE / MiB)} MB at 4 at once`,
    value: parallel.cpuSeconds / gigabytes,
    unit: "CPU-s/GB",
    baseline: { name: "curl receive+write, plus SHA-256 at openssl speed", value: floorCpu / gigabytes, unit: "CPU-s/GB" },
    ratio: parallel.cpuSeconds / floorCpu,
    goal: "≤ 1.1×",
    met: parallel.cpuSeconds / floorCpu <= 1.1,
  });
  report({
    name: `peak RSS, ${MEMORY_FILES} × ${Math.round(MEMORY_SIZE / MiB)} MB at once (worker's downloader)`,
    value: large.peakRssMb,
    unit: "MB",
    goal: "< 150 MB",
    met: large.peakRssMb < 150,
  });
  report({
    name: `1 × ${Math.round(CAPPED_SIZE / MiB)} MB at 20 MB/s per connection`,
    value: mbps(capped.bytes, capped.seconds),
    unit: "MB/s",
    baseline: { name: "one curl", value: mbps(CAPPED_SIZE, curlCapped.seconds), unit: "MB/s" },
    ratio: curlCapped.seconds / capped.seconds,
    goal: "≥ 3× one connection",
    met: curlCapped.seconds / capped.seconds >= 3,
  });
  report({
    name: "loopback throughput, 4 at once (not a goal: both ends share 2 cores)",
    value: mbps(parallel.bytes, parallel.seconds),
    unit: "MB/s",
    baseline: { name: "curl, 4 at once", value: mbps(parallelBytes, curl.seconds), unit: "MB/s" },
    ratio: curl.seconds / parallel.seconds,
  });
  report({ name: "time to first byte once a file has its slot, median of 8", value: median(parallel.ttfbMs), unit: "ms" });
} finally {
  await sim.close();
  await rm(work, { recursive: true, force: true });
}
