import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CIVITAI_TOKEN, HF_TOKEN, neverAborted, progressLog, quietly, startHarness, type DownloadHarness } from "../../test/fixtures/download";
import { installTargetFor } from "../install/target";

const sha256Of = async (file: string) =>
  createHash("sha256")
    .update(await readFile(file))
    .digest("hex");

describe("downloader: the happy paths", () => {
  let harness: DownloadHarness;
  beforeEach(async () => (harness = await startHarness()));
  afterEach(async () => harness.close());

  it("downloads a Hugging Face file through its storage redirect into exactly the target, verified", async () => {
    const job = harness.hfJob("small.safetensors");
    const progress = progressLog();
    let verifyingAt = -1;
    const outcome = await harness.downloader().download(job, neverAborted(), { ...progress, onVerifying: () => void (verifyingAt = progress.events.length) });

    expect(outcome).toMatchObject({ status: "installed", target: job.target, sha256: job.expectedSha256, bytes: job.expectedSize, attempts: 1 });
    // Verification is announced once the bytes are all there, before the file gets its name.
    expect(verifyingAt).toBeGreaterThan(0);
    expect(progress.events[verifyingAt - 1]).toMatchObject({ bytes: job.expectedSize });
    expect(await sha256Of(job.target.absolutePath)).toBe(job.expectedSha256);
    expect(await readdir(path.dirname(job.target.absolutePath))).toEqual(["small.safetensors"]);
    expect(progress.events.at(-1)).toMatchObject({ bytes: job.expectedSize, total: job.expectedSize });
  });

  it("follows the Civitai redirect to storage and never forwards the token there", async () => {
    const job = harness.civitaiJob(101, "juggernaut.safetensors");
    const outcome = await harness.downloader().download(job, neverAborted(), quietly);

    expect(outcome.status).toBe("installed");
    expect(await sha256Of(job.target.absolutePath)).toBe(job.expectedSha256);
    const apiRequests = harness.sim.requests.filter((request) => request.server === "civitai");
    expect(apiRequests.length).toBeGreaterThan(0);
    expect(apiRequests.every((request) => request.headers.authorization === `Bearer ${CIVITAI_TOKEN}`)).toBe(true);
    const storage = harness.sim.requests.filter((request) => request.server === "storage");
    expect(storage.length).toBeGreaterThan(0);
    for (const request of storage) {
      expect(request.headers.authorization).toBeUndefined();
      expect(JSON.stringify(request)).not.toContain(CIVITAI_TOKEN);
      expect(JSON.stringify(request)).not.toContain(HF_TOKEN);
    }
  });

  it("splits a large file into ranged segments over several connections, written in place and hashed in order", async () => {
    const job = harness.hfJob("big.safetensors");
    const outcome = await harness.downloader({ chunk_size: 1024 * 1024, per_host_concurrency: 4 }).download(job, neverAborted(), quietly);

    expect(outcome).toMatchObject({ status: "installed", sha256: job.expectedSha256 });
    expect(await sha256Of(job.target.absolutePath)).toBe(job.expectedSha256);
    const ranges = harness.storageRequests("big.safetensors").map((request) => request.headers.range);
    expect(ranges).toHaveLength(7);
    expect(new Set(ranges).size).toBe(7);
    expect(ranges).toContain("bytes=0-1048575");
    expect(ranges).toContain("bytes=6291456-6291532");
  });

  it("with one slot, a file is verifying before the next one starts: never two downloading at once", async () => {
    const downloader = harness.downloader({ concurrency: 1 });
    const timeline: string[] = [];
    const watched = (name: string) => ({
      ...quietly,
      onStarted: () => void timeline.push(`start ${name}`),
      onVerifying: () => void timeline.push(`verify ${name}`),
    });
    const jobs = [harness.hfJob("small.safetensors"), harness.hfJob("big.safetensors"), harness.civitaiJob(102, "detail.safetensors")];
    const outcomes = await Promise.all(jobs.map((job) => downloader.download(job, neverAborted(), watched(path.basename(job.target.name)))));

    expect(outcomes.map((outcome) => outcome.status)).toEqual(["installed", "installed", "installed"]);
    expect(timeline).toHaveLength(6);
    let downloading = 0;
    for (const step of timeline) {
      downloading += step.startsWith("start") ? 1 : -1;
      expect(downloading, timeline.join(", ")).toBeLessThanOrEqual(1);
    }
  });

  it("returns installed without any request when the verified file is already there", async () => {
    const job = harness.hfJob("small.safetensors");
    const downloader = harness.downloader();
    await downloader.download(job, neverAborted(), quietly);
    harness.sim.resetRequests();

    const again = await downloader.download(job, neverAborted(), quietly);
    expect(again).toMatchObject({ status: "installed", sha256: job.expectedSha256, attempts: 0 });
    expect(harness.sim.requests).toHaveLength(0);
  });

  // A process killed between the rename into place and the removal of the resume note leaves the note behind.
  it("clears a partial file and resume note left beside a target that is already in place and verified", async () => {
    const job = harness.hfJob("small.safetensors");
    const downloader = harness.downloader();
    await downloader.download(job, neverAborted(), quietly);
    await writeFile(`${job.target.absolutePath}.part`, "stale");
    await writeFile(`${job.target.absolutePath}.part.resume`, JSON.stringify({ validBytes: 5, total: 10, validator: null }));

    expect(await downloader.download(job, neverAborted(), quietly)).toMatchObject({ status: "installed", attempts: 0 });
    expect(await readdir(path.dirname(job.target.absolutePath))).toEqual([path.basename(job.target.absolutePath)]);
  });

  it("downloads the same target requested twice at once only once", async () => {
    const job = harness.hfJob("big.safetensors");
    const downloader = harness.downloader();
    const other = harness.downloader();
    const [first, second] = await Promise.all([downloader.download(job, neverAborted(), quietly), other.download(job, neverAborted(), quietly)]);

    expect(first.status).toBe("installed");
    expect(second.status).toBe("installed");
    expect([first.attempts, second.attempts].sort()).toEqual([0, 1]);
    expect(harness.storageRequests("big.safetensors")).toHaveLength(7);
    expect(existsSync(`${job.target.absolutePath}.lock`)).toBe(false);
  });

  it("checks the format of a .gguf and passes other extensions", async () => {
    const outcomes = await Promise.all(["quant.gguf", "other.bin"].map((file) => harness.downloader().download(harness.hfJob(file), neverAborted(), quietly)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["installed", "installed"]);
  });

  it("refuses bytes that are not a GGUF under a .gguf name, when no hash could tell", async () => {
    const target = installTargetFor({ folder: "diffusion_models", name: "not-really.gguf" }, path.join(harness.root, "diffusion_models"));
    const job = { ...harness.hfJob("other.bin"), target, expectedSha256: null, expectedSize: null };
    const outcome = await harness.downloader().download(job, neverAborted(), quietly);
    expect(outcome).toMatchObject({ status: "failed", reason: "wrong_file", message: expect.stringMatching(/GGUF magic/) });
    expect(existsSync(target.absolutePath)).toBe(false);
  });
});
