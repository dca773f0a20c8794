// Shared set-up for the download engine's tests: a simulator catalogue, settings and a downloader per test.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startUpstreamSim, type SimCatalogue, type UpstreamSim } from "../../../tools/upstream-sim";
import type { Settings } from "../config/schema";
import { hostPolicy, type HostPolicy, type UpstreamEndpoints } from "../net";
import { createDownloader } from "./downloader";
import type { DownloadJob, DownloadProgress, Downloader, DownloaderOptions } from "./types";

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const CIVITAI_TOKEN = "civitai-secret-token-123";
export const HF_TOKEN = "hf_secret_token_456";

export function downloadCatalogue(): SimCatalogue {
  const civitaiFile = (versionId: number, name: string, size: number) => ({
    id: versionId * 10,
    name: "Model",
    type: "Checkpoint" as const,
    modelVersions: [{ id: versionId, name: "v1", baseModel: "SDXL 1.0", files: [{ id: versionId * 10 + 1, name, size, primary: true }] }],
  });
  return {
    civitai: {
      models: [civitaiFile(101, "juggernaut.safetensors", 3 * MiB + 123), civitaiFile(102, "detail.safetensors", 3 * MiB + 5)],
    },
    huggingface: {
      repos: [
        {
          id: "org/models",
          files: [
            { path: "small.safetensors", size: 200 * KiB + 3 },
            { path: "big.safetensors", size: 6 * MiB + 77 },
            { path: "quant.gguf", size: 300 * KiB },
            { path: "other.bin", size: 100 * KiB },
          ],
        },
      ],
    },
  };
}

export function testSettings(overrides: Partial<Settings["download"]> = {}): Settings["download"] {
  return {
    concurrency: 3,
    per_host_concurrency: 4,
    chunk_size: 1 * MiB,
    max_bandwidth_mbps: 0,
    resume_downloads: true,
    civitai_api_timeout: 30,
    download_timeout: 10,
    retries: 3,
    allowed_hosts: ["localhost"],
    allow_private_networks: true,
    ...overrides,
  };
}

export type DownloadHarness = {
  sim: UpstreamSim;
  root: string;
  endpoints: UpstreamEndpoints;
  policy: (allowPrivateNetworks?: boolean) => HostPolicy;
  downloader: (settings?: Partial<Settings["download"]>, extra?: Partial<DownloaderOptions>) => Downloader;
  hfJob: (file: string, overrides?: Partial<DownloadJob>) => DownloadJob;
  civitaiJob: (versionId: number, fileName: string, overrides?: Partial<DownloadJob>) => DownloadJob;
  storageRequests: (pathIncludes: string) => Array<{ path: string; headers: Record<string, string> }>;
  close: () => Promise<void>;
};

export async function startHarness(options: { bytesPerSecondPerConnection?: number; presignTtlMs?: number } = {}): Promise<DownloadHarness> {
  const sim = await startUpstreamSim({ catalogue: downloadCatalogue(), civitaiToken: CIVITAI_TOKEN, hfToken: HF_TOKEN, ...options });
  const root = await mkdtemp(path.join(tmpdir(), "comfyfixer-download-"));
  const endpoints = { civitai: new URL(sim.civitaiUrl), huggingface: new URL(sim.hfUrl) };
  const downloaders: Downloader[] = [];
  const policy = (allowPrivateNetworks = true) => hostPolicy({ allowedHosts: ["localhost"], allowPrivateNetworks, endpoints, env: {} });
  return {
    sim,
    root,
    endpoints,
    policy,
    downloader(settings = {}, extra = {}) {
      const downloader = createDownloader({
        settings: testSettings(settings),
        policy: policy(),
        tokens: { civitai: CIVITAI_TOKEN, huggingface: HF_TOKEN },
        endpoints,
        ...extra,
      });
      downloaders.push(downloader);
      return downloader;
    },
    hfJob(file, overrides = {}) {
      const info = sim.fileInfo(file);
      return {
        url: `${sim.hfUrl}/org/models/resolve/main/${file}`,
        modelsRoot: root,
        targetPath: path.join(root, "checkpoints", file),
        expectedSha256: info.sha256,
        expectedSize: info.size,
        ...overrides,
      };
    },
    civitaiJob(versionId, fileName, overrides = {}) {
      const info = sim.fileInfo(fileName);
      return {
        url: `${sim.civitaiUrl}/api/download/models/${versionId}`,
        modelsRoot: root,
        targetPath: path.join(root, "checkpoints", fileName),
        expectedSha256: info.sha256,
        expectedSize: info.size,
        ...overrides,
      };
    },
    storageRequests: (pathIncludes) =>
      sim.requests.filter((request) => request.server === "storage" && request.method === "GET" && request.path.includes(pathIncludes)),
    async close() {
      await Promise.all(downloaders.map((downloader) => downloader.close()));
      await sim.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

export function progressLog(): { events: DownloadProgress[]; onProgress: (progress: DownloadProgress) => void } {
  const events: DownloadProgress[] = [];
  return { events, onProgress: (progress) => events.push(progress) };
}

export const neverAborted = () => new AbortController().signal;
