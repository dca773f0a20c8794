import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, symlink, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { neverAborted, quietly, startHarness, type DownloadHarness } from "../../test/fixtures/download";

const sha256Of = async (file: string) =>
  createHash("sha256")
    .update(await readFile(file))
    .digest("hex");

describe("downloader: faults upstream", () => {
  let harness: DownloadHarness;
  beforeEach(async () => (harness = await startHarness()));
  afterEach(async () => harness.close());

  it("resumes a segment after a connection reset, with Range and If-Range, and the hash stays right", async () => {
    harness.sim.addFault({ server: "storage", pathIncludes: "big.safetensors", kind: "resetAt", byte: 300 * 1024 });
    const job = harness.hfJob("big.safetensors");
    const outcome = await harness.downloader({ retries: 2 }).download(job, neverAborted(), quietly);

    expect(outcome).toMatchObject({ status: "installed", sha256: job.expectedSha256 });
    expect(await sha256Of(job.target.absolutePath)).toBe(job.expectedSha256);
    const requests = harness.storageRequests("big.safetensors");
    // The reset hit the first segment (bytes 0-1048575): it continues from where the bytes stopped, not from zero.
    const resumedFirstSegment = requests.filter((request) => /^bytes=[1-9]\d*-1048575$/.test(request.headers.range ?? ""));
    expect(resumedFirstSegment).toHaveLength(1);
    expect(resumedFirstSegment[0]!.headers["if-range"]).toMatch(/^"/);
  });

  it("restarts from zero when the server ignores Range, and still verifies", async () => {
    harness.sim.addFault({ server: "storage", pathIncludes: "big.safetensors", kind: "ignoreRange", times: 10 });
    const job = harness.hfJob("big.safetensors");
    const outcome = await harness.downloader().download(job, neverAborted(), quietly);

    expect(outcome).toMatchObject({ status: "installed", sha256: job.expectedSha256 });
    expect(await sha256Of(job.target.absolutePath)).toBe(job.expectedSha256);
    expect(harness.storageRequests("big.safetensors")).toHaveLength(1);
  });

  it("starts over from scratch once when the file arrives with the wrong hash", async () => {
    harness.sim.addFault({ server: "storage", pathIncludes: "small.safetensors", kind: "wrongBytes" });
    const job = harness.hfJob("small.safetensors");
    const logs: string[] = [];
    const outcome = await harness.downloader({}, { log: (_level, message) => logs.push(message) }).download(job, neverAborted(), quietly);

    expect(outcome).toMatchObject({ status: "installed", sha256: job.expectedSha256, attempts: 2 });
    expect(logs.some((message) => message.includes("SHA-256"))).toBe(true);
  });

  it("fails with the reason when the file is wrong twice, leaving nothing behind", async () => {
    harness.sim.addFault({ server: "storage", pathIncludes: "small.safetensors", kind: "wrongBytes", times: 2 });
    const job = harness.hfJob("small.safetensors");
    const outcome = await harness.downloader().download(job, neverAborted(), quietly);

    expect(outcome).toMatchObject({ status: "failed", reason: "wrong_file", message: expect.stringContaining(`not the ${job.expectedSha256}`) });
    expect(existsSync(job.target.absolutePath)).toBe(false);
    expect(existsSync(`${job.target.absolutePath}.part`)).toBe(false);
  });

  it("continues after a body cut short of its Content-Length", async () => {
    harness.sim.addFault({ server: "storage", pathIncludes: "small.safetensors", kind: "truncateAt", byte: 50_000 });
    const job = harness.hfJob("small.safetensors");
    const outcome = await harness.downloader().download(job, neverAborted(), quietly);

    expect(outcome).toMatchObject({ status: "installed", sha256: job.expectedSha256 });
    expect(harness.storageRequests("small.safetensors").map((request) => request.headers.range)).toEqual(["bytes=0-204802", "bytes=50000-204802"]);
  });

  it("waits as Retry-After asks after a 429, retries a 500, then succeeds", async () => {
    harness.sim.addFault({ server: "hf", pathIncludes: "small.safetensors", kind: "rateLimit", retryAfter: "1" });
    harness.sim.addFault({ server: "hf", pathIncludes: "small.safetensors", kind: "status", status: 500 });
    const job = harness.hfJob("small.safetensors");
    const started = performance.now();
    const outcome = await harness.downloader().download(job, neverAborted(), quietly);

    expect(outcome).toMatchObject({ status: "installed", sha256: job.expectedSha256, attempts: 3 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("gives up a stalled connection after download_timeout without progress and carries on", async () => {
    harness.sim.addFault({ server: "storage", pathIncludes: "small.safetensors", kind: "stall", afterByte: 60_000, ms: 20_000 });
    const job = harness.hfJob("small.safetensors");
    const started = performance.now();
    const outcome = await harness.downloader({ download_timeout: 1 }).download(job, neverAborted(), quietly);

    expect(outcome).toMatchObject({ status: "installed", sha256: job.expectedSha256 });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(harness.storageRequests("small.safetensors")[1]?.headers.range).toBe("bytes=60000-204802");
  });

  it("never saves an HTML page as the model", async () => {
    harness.sim.addFault({ server: "storage", pathIncludes: "small.safetensors", kind: "html200", times: 5 });
    const job = harness.hfJob("small.safetensors");
    const outcome = await harness.downloader().download(job, neverAborted(), quietly);

    expect(outcome).toMatchObject({ status: "failed", reason: "wrong_file", message: expect.stringMatching(/web page/) });
    expect(existsSync(job.target.absolutePath)).toBe(false);
    expect(existsSync(`${job.target.absolutePath}.part`)).toBe(false);
  });

  it("asks the source's own URL again when the presigned storage URL answers 403, and continues", async () => {
    const job = harness.hfJob("big.safetensors");
    harness.sim.addFault({ server: "storage", pathIncludes: "big.safetensors", kind: "status", status: 403, times: 2 });
    const outcome = await harness.downloader().download(job, neverAborted(), quietly);

    expect(outcome).toMatchObject({ status: "installed", sha256: job.expectedSha256 });
    const asked = harness.sim.requests.filter((request) => request.server === "hf" && request.path.includes("big.safetensors"));
    expect(asked.length).toBeGreaterThanOrEqual(2);
  });
});

describe("downloader: presigned URLs that expire during a download", () => {
  let harness: DownloadHarness;
  beforeEach(async () => (harness = await startHarness({ presignTtlMs: 400, bytesPerSecondPerConnection: 2 * 1024 * 1024 })));
  afterEach(async () => harness.close());

  it("fetches a fresh URL from the API when a segment gets 403, and finishes with the right hash", async () => {
    const job = harness.hfJob("big.safetensors");
    const outcome = await harness.downloader({ per_host_concurrency: 2, retries: 5 }).download(job, neverAborted(), quietly);

    expect(outcome).toMatchObject({ status: "installed", sha256: job.expectedSha256 });
    expect(harness.sim.requests.filter((request) => request.server === "hf").length).toBeGreaterThanOrEqual(2);
  });
});

describe("downloader: safety", () => {
  let harness: DownloadHarness;
  beforeEach(async () => (harness = await startHarness()));
  afterEach(async () => harness.close());

  it("refuses a URL on a private address unless private networks are allowed, before any request", async () => {
    const job = harness.hfJob("small.safetensors", { url: `${harness.sim.storageUrl}/anything` });
    const outcome = await harness.downloader({}, { http: harness.http(false) }).download(job, neverAborted(), quietly);
    expect(outcome).toMatchObject({ status: "failed", reason: "blocked", message: expect.stringMatching(/private or loopback/) });
    expect(harness.sim.requests).toHaveLength(0);
  });

  it("checks every redirect hop: a trusted API that redirects to a private storage host is refused there", async () => {
    const job = harness.hfJob("small.safetensors");
    const outcome = await harness.downloader({}, { http: harness.http(false) }).download(job, neverAborted(), quietly);
    expect(outcome).toMatchObject({ status: "failed", reason: "blocked", message: expect.stringMatching(/localhost.*private or loopback/) });
    expect(harness.sim.requests.filter((request) => request.server === "storage")).toHaveLength(0);
  });

  it("refuses to start without enough free space for the file plus a margin", async () => {
    const job = harness.hfJob("small.safetensors");
    const outcome = await harness.downloader({}, { freeSpace: async () => 1024 * 1024 }).download(job, neverAborted(), quietly);
    expect(outcome).toMatchObject({ status: "failed", reason: "disk", message: expect.stringMatching(/Not enough free space/) });
    expect(existsSync(job.target.absolutePath)).toBe(false);
  });

  describe.skipIf(!existsSync("/dev/full"))("a disk that fills up (the .part points at /dev/full, which answers ENOSPC; Linux only)", () => {
    it("stops with a clear error and removes nothing that was complete", async () => {
      const job = harness.hfJob("small.safetensors");
      const neighbour = path.join(path.dirname(job.target.absolutePath), "complete.safetensors");
      await mkdir(path.dirname(job.target.absolutePath), { recursive: true });
      await writeFile(neighbour, "complete");
      await symlink("/dev/full", `${job.target.absolutePath}.part`);

      const outcome = await harness.downloader().download(job, neverAborted(), quietly);
      expect(outcome).toMatchObject({ status: "failed", reason: "disk", message: expect.stringMatching(/disk is full/) });
      expect(await readFile(neighbour, "utf8")).toBe("complete");
      expect(existsSync(job.target.absolutePath)).toBe(false);
    });
  });
});
