// The benchmark's download side, in its own process so its CPU time and peak RSS are ours alone (the simulator runs in
// the parent). Runs with the worker's Node flags.
import { createDownloader, type DownloadJob } from "../../src/core/download";
import { hostPolicy } from "../../src/core/net/host-policy";
import { createHttpClient } from "../../src/core/net/http";
import type { Settings } from "../../src/core/config/schema";

export type ClientRequest = { settings: Settings["download"]; civitaiUrl: string; hfUrl: string; jobs: DownloadJob[] };
export type ClientReport = { seconds: number; bytes: number; cpuSeconds: number; peakRssMb: number; ttfbMs: number[]; failures: string[] };

const request = JSON.parse(process.argv[2] ?? "{}") as ClientRequest;
const endpoints = { civitai: new URL(request.civitaiUrl), huggingface: new URL(request.hfUrl) };
const http = createHttpClient({
  policy: hostPolicy({ allowedHosts: ["localhost"], allowPrivateNetworks: true, endpoints }),
  tokens: {},
  endpoints,
  userAgent: "ComfyFixer-bench",
});
const downloader = createDownloader({ settings: request.settings, http });

const cpuBefore = process.cpuUsage();
const started = performance.now();
const ttfbMs: number[] = [];
const outcomes = await Promise.all(
  request.jobs.map((job) => {
    // From the moment the file has its download slot (a file waiting for one is not slow to start, only queued).
    let jobStarted = performance.now();
    let firstByte = false;
    return downloader.download(job, new AbortController().signal, {
      onStarted: () => void (jobStarted = performance.now()),
      onProgress: (progress) => {
        if (!firstByte && progress.bytes > 0) {
          firstByte = true;
          ttfbMs.push(performance.now() - jobStarted);
        }
      },
    });
  }),
);
const seconds = (performance.now() - started) / 1000;
await downloader.close();
await http.close();
const cpu = process.cpuUsage(cpuBefore);

const report: ClientReport = {
  seconds,
  bytes: outcomes.reduce((sum, outcome) => sum + outcome.bytes, 0),
  // The hashing threads' CPU is this process's too.
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  ttfbMs,
  failures: outcomes.flatMap((outcome) => (outcome.status === "failed" ? [outcome.message] : outcome.status === "cancelled" ? ["cancelled"] : [])),
};
process.stdout.write(`${JSON.stringify(report)}\n`);
