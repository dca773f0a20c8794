import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MiB, neverAborted, quietly, startHarness, type DownloadHarness } from "../../test/fixtures/download";
import type { DownloadJob, Downloader } from "./types";

const sha256Of = async (file: string) =>
  createHash("sha256")
    .update(await readFile(file))
    .digest("hex");

/** Starts a download on a slow simulator and cancels it once `bytes` have arrived (more than a segment's worth). */
async function cancelHalfway(downloader: Downloader, job: DownloadJob, bytes = 2 * MiB) {
  const controller = new AbortController();
  let abortedAt = 0;
  const outcome = await downloader.download(job, controller.signal, {
    onProgress: (progress) => {
      if (progress.bytes >= bytes && !controller.signal.aborted) {
        abortedAt = performance.now();
        controller.abort();
      }
    },
  });
  return { outcome, stoppedInMs: performance.now() - abortedAt };
}

describe("downloader: cancel and resume", () => {
  let harness: DownloadHarness;
  beforeEach(async () => (harness = await startHarness({ bytesPerSecondPerConnection: 1 * MiB })));
  afterEach(async () => harness.close());

  it("stops within 2 s of a cancel, keeps the .part, and a later download resumes it with Range and If-Range", async () => {
    const job = harness.hfJob("big.safetensors");
    const { outcome, stoppedInMs } = await cancelHalfway(harness.downloader({ per_host_concurrency: 2 }), job);

    expect(outcome.status).toBe("cancelled");
    expect(stoppedInMs).toBeLessThan(2000);
    expect(existsSync(`${job.target.absolutePath}.part`)).toBe(true);
    expect(existsSync(job.target.absolutePath)).toBe(false);

    harness.sim.setOptions({ bytesPerSecondPerConnection: undefined });
    harness.sim.resetRequests();
    const resumed = await harness.downloader().download(job, neverAborted(), quietly);

    expect(resumed).toMatchObject({ status: "installed", sha256: job.expectedSha256 });
    expect(await sha256Of(job.target.absolutePath)).toBe(job.expectedSha256);
    // The first request for bytes (at storage, after the source's redirect) resumes where the .part stopped.
    const [first] = harness.storageRequests("big.safetensors");
    expect(first?.headers.range).toMatch(/^bytes=[1-9]\d*-/);
    expect(first?.headers["if-range"]).toMatch(/^"/);
    expect(harness.storageRequests("big.safetensors").some((request) => request.headers.range?.startsWith("bytes=0-"))).toBe(false);
    expect(existsSync(`${job.target.absolutePath}.part`)).toBe(false);
    expect(existsSync(`${job.target.absolutePath}.part.resume`)).toBe(false);
  });

  it("starts again from zero when the file changed upstream (new ETag), and the hash is still right", async () => {
    const job = harness.hfJob("big.safetensors");
    await cancelHalfway(harness.downloader({ per_host_concurrency: 2 }), job);
    expect(existsSync(`${job.target.absolutePath}.part.resume`)).toBe(true);

    harness.sim.setOptions({ bytesPerSecondPerConnection: undefined });
    harness.sim.addFault({ server: "storage", pathIncludes: "big.safetensors", kind: "changeEtag" });
    harness.sim.resetRequests();
    const logs: string[] = [];
    const resumed = await harness.downloader({}, { log: (_level, message) => logs.push(message) }).download(job, neverAborted(), quietly);

    expect(resumed).toMatchObject({ status: "installed", sha256: job.expectedSha256 });
    expect(await sha256Of(job.target.absolutePath)).toBe(job.expectedSha256);
    expect(logs.some((message) => message.includes("starting again from zero"))).toBe(true);
  });

  it("deletes the .part on cancel when resuming is switched off", async () => {
    const job = harness.hfJob("big.safetensors");
    const { outcome } = await cancelHalfway(harness.downloader({ resume_downloads: false }), job, 1 * MiB);
    expect(outcome.status).toBe("cancelled");
    expect(existsSync(`${job.target.absolutePath}.part`)).toBe(false);
  });
});

describe("downloader: bandwidth cap", () => {
  let harness: DownloadHarness;
  beforeEach(async () => (harness = await startHarness()));
  afterEach(async () => harness.close());

  // Only the ceiling is asserted: a slow machine may stay below the cap, never above it (accuracy is measured in bench/).
  it("holds two downloads together under max_bandwidth_mbps", async () => {
    const capMbps = 16; // 2 MB/s
    const downloader = harness.downloader({ max_bandwidth_mbps: capMbps });
    const jobs = [harness.civitaiJob(101, "juggernaut.safetensors"), harness.civitaiJob(102, "detail.safetensors")];
    const started = performance.now();
    const outcomes = await Promise.all(jobs.map((job) => downloader.download(job, neverAborted(), quietly)));
    const seconds = (performance.now() - started) / 1000;

    expect(outcomes.map((outcome) => outcome.status)).toEqual(["installed", "installed"]);
    const megabitsPerSecond = (outcomes.reduce((sum, outcome) => sum + outcome.bytes, 0) * 8) / 1_000_000 / seconds;
    expect(megabitsPerSecond).toBeLessThanOrEqual(capMbps * 1.1);
  });
});
