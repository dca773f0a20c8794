// Download benchmark against the upstream simulator: ours versus curl, measured in the same run.
//   npx tsx bench/download/run.ts            8 × 256 MB and a 1 GB file capped at 20 MB/s per connection
//   npx tsx bench/download/run.ts --quick    the same at a quarter of the sizes
import { execFile, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pLimit from "p-limit";
import { startUpstreamSim, type SimCatalogue } from "../../tools/upstream-sim";
import type { DownloadJob } from "../../src/core/download";
import { installTargetFor } from "../../src/core/install/target";
import { MiB } from "../../tools/upstream-sim/sizes";
import type { Settings } from "../../src/core/config/schema";
import type { ClientReport, ClientRequest } from "./client";
import { DOWNLOAD_PROCESS_NODE_FLAGS } from "../../src/worker/node-flags";

const scale = process.argv.includes("--quick") ? 0.25 : 1;
const PARALLEL_FILES = 8;
const PARALLEL_SIZE = Math.round(256 * MiB * scale);
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
          { path: "capped.bin", size: CAPPED_SIZE },
        ],
      },
    ],
  },
};

async function curlAll(urls: string[], dir: string, parallel: number): Promise<number> {
  const limit = pLimit(parallel);
  const started = performance.now();
  await Promise.all(urls.map((url, index) => limit(() => run("curl", ["-sSfL", "-o", path.join(dir, `curl_${index}`), url]))));
  return (performance.now() - started) / 1000;
}

function child<T>(script: string, argument: unknown, nodeFlags: string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", path.join(here, script), JSON.stringify(argument)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(output) as T) : reject(new Error(`${script} exited with ${code}`))));
  });
}

// Our side runs as the worker does, with the same Node flags.
const ours = (request: ClientRequest) => child<ClientReport>("client.ts", request, DOWNLOAD_PROCESS_NODE_FLAGS);

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
  const parallelFiles = Array.from({ length: PARALLEL_FILES }, (_, index) => `parallel_${index}.bin`);
  process.stdout.write(`Preparing ${PARALLEL_FILES} × ${PARALLEL_SIZE / MiB} MB and 1 × ${CAPPED_SIZE / MiB} MB on the simulator…\n`);
  [...parallelFiles, "capped.bin"].forEach((file) => sim.fileInfo(file));

  const curlParallelSeconds = await curlAll(parallelFiles.map(url), work, 4);
  // curl does not hash; ours does (SHA-256 of every byte), so also time curl followed by sha256sum.
  const hashStarted = performance.now();
  await Promise.all(parallelFiles.map((_, index) => run("sha256sum", [path.join(work, `curl_${index}`)])));
  const curlThenHashSeconds = curlParallelSeconds + (performance.now() - hashStarted) / 1000;
  const plainNode = await child<{ seconds: number }>("plain-client.ts", { urls: parallelFiles.slice(0, 4).map(url), dir: work });
  const oursParallel = await ours({
    settings,
    civitaiUrl: sim.civitaiUrl,
    hfUrl: sim.hfUrl,
    jobs: parallelFiles.map((file) => job(file, path.join(work, "ours-parallel"))),
  });
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });

  sim.setOptions({ bytesPerSecondPerConnection: CAP_PER_CONNECTION });
  const curlCappedSeconds = await curlAll([url("capped.bin")], work, 1);
  const oursCapped = await ours({ settings, civitaiUrl: sim.civitaiUrl, hfUrl: sim.hfUrl, jobs: [job("capped.bin", path.join(work, "ours-capped"))] });

  const idle = await ours({ settings, civitaiUrl: sim.civitaiUrl, hfUrl: sim.hfUrl, jobs: [] });
  const failures = [...oursParallel.failures, ...oursCapped.failures];
  if (failures.length > 0) throw new Error(`Our downloads failed: ${failures.join("; ")}`);
  const parallelBytes = PARALLEL_FILES * PARALLEL_SIZE;
  const rows = [
    [
      `${PARALLEL_FILES} × ${PARALLEL_SIZE / MiB} MB, 4 at a time`,
      `curl ${mbps(parallelBytes, curlParallelSeconds).toFixed(0)} MB/s`,
      `ours ${mbps(oursParallel.bytes, oursParallel.seconds).toFixed(0)} MB/s`,
      `ratio ${(curlParallelSeconds / oursParallel.seconds).toFixed(2)}× (goal ≥ 0.9×)`,
    ],
    [
      `  the same, curl then sha256sum`,
      `curl+hash ${mbps(parallelBytes, curlThenHashSeconds).toFixed(0)} MB/s`,
      "",
      `ratio ${(curlThenHashSeconds / oursParallel.seconds).toFixed(2)}×`,
    ],
    [
      `  4 of them at once, plain Node (undici, no hash)`,
      `plain ${mbps(4 * PARALLEL_SIZE, plainNode.seconds).toFixed(0)} MB/s`,
      "",
      "what a bare Node download reaches on this machine",
    ],
    [
      `1 × ${CAPPED_SIZE / MiB} MB, 20 MB/s per connection`,
      `curl ${mbps(CAPPED_SIZE, curlCappedSeconds).toFixed(0)} MB/s`,
      `ours ${mbps(oursCapped.bytes, oursCapped.seconds).toFixed(0)} MB/s`,
      `ratio ${(curlCappedSeconds / oursCapped.seconds).toFixed(2)}× (goal ≥ 3×)`,
    ],
    [
      "peak RSS (ours)",
      `${Math.max(oursParallel.peakRssMb, oursCapped.peakRssMb).toFixed(0)} MB (goal < 150 MB)`,
      `the same process idle: ${idle.peakRssMb.toFixed(0)} MB`,
      "",
    ],
    [
      "time to first byte (ours)",
      `first ${Math.min(...oursParallel.ttfbMs).toFixed(0)} ms, median ${median(oursParallel.ttfbMs).toFixed(0)} ms of 8 (4 wait their turn)`,
      `${median(oursCapped.ttfbMs).toFixed(0)} ms (capped)`,
      "",
    ],
  ];
  for (const row of rows) process.stdout.write(`${row.filter(Boolean).join("  |  ")}\n`);
} finally {
  await sim.close();
  await rm(work, { recursive: true, force: true });
}
