import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { neverAborted, quietly, startHarness, type DownloadHarness } from "../../test/fixtures/download";
import { installTargetFor } from "../install/target";
import { createStorageLocator, STORAGE_MEMO_TTL_MS } from "./storage-locator";

describe("storage URLs asked ahead", () => {
  let harness: DownloadHarness;
  beforeEach(async () => (harness = await startHarness()));
  afterEach(async () => harness.close());

  const resolveRequests = (file: string) => harness.sim.requests.filter((request) => request.server === "hf" && request.path.endsWith(`/resolve/main/${file}`));

  it("lets the download go straight to storage: the source is asked once for both", async () => {
    const http = harness.http();
    const storage = createStorageLocator(http);
    const job = harness.hfJob("big.safetensors");
    storage.prefetch(new URL(job.url));

    const outcome = await harness.downloader({}, { http, storage }).download(job, neverAborted(), quietly);

    expect(outcome).toMatchObject({ status: "installed", sha256: job.expectedSha256 });
    expect(resolveRequests("big.safetensors")).toHaveLength(1);
    expect(harness.storageRequests("big.safetensors").length).toBeGreaterThan(0);
  });

  it("is used once: the next download of that source asks the source itself", async () => {
    const http = harness.http();
    const storage = createStorageLocator(http);
    const job = harness.hfJob("small.safetensors");
    storage.prefetch(new URL(job.url));
    const downloader = harness.downloader({}, { http, storage });
    await downloader.download(job, neverAborted(), quietly);
    expect(await storage.take(new URL(job.url))).toBeNull();

    const again = { ...job, target: installTargetFor({ folder: "loras", name: "small.safetensors" }, `${harness.root}/loras`) };
    expect(await downloader.download(again, neverAborted(), quietly)).toMatchObject({ status: "installed" });
    expect(resolveRequests("small.safetensors")).toHaveLength(2);
  });

  it("forgets a failed ask: the download asks the source itself and reports what the source says", async () => {
    const http = harness.http();
    const storage = createStorageLocator(http);
    const job = harness.hfJob("small.safetensors", { url: `${harness.sim.hfUrl}/org/models/resolve/main/missing.safetensors` });
    storage.prefetch(new URL(job.url));

    const outcome = await harness.downloader({}, { http, storage }).download(job, neverAborted(), quietly);

    expect(outcome).toMatchObject({ status: "failed", reason: "not_found" });
    expect(resolveRequests("missing.safetensors")).toHaveLength(2);
  });

  it("sends the download back to the source when storage refuses the remembered URL (expired)", async () => {
    const http = harness.http();
    const storage = createStorageLocator(http);
    const job = harness.civitaiJob(101, "juggernaut.safetensors");
    const answer = await http.request(new URL(job.url), { redirect: "manual" });
    const signed = new URL(answer.headers.location!);
    signed.searchParams.set("X-Amz-Signature", "0".repeat(64));
    storage.remember(new URL(job.url), signed);

    const outcome = await harness.downloader({}, { http, storage }).download(job, neverAborted(), quietly);

    expect(outcome).toMatchObject({ status: "installed", sha256: job.expectedSha256 });
    const refused = harness.storageRequests("juggernaut.safetensors").filter((request) => request.path.includes("0".repeat(64)));
    expect(refused).toHaveLength(1);
    // The one redirect asked above, then the download's own after the refusal.
    expect(harness.sim.requests.filter((request) => request.server === "civitai")).toHaveLength(2);
  });

  it("does not hold a cancelled download on an answer still awaited", async () => {
    // A source that never answers: a download that waited for the answer asked ahead would never report back.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const http = harness.http();
      const storage = createStorageLocator(http);
      const job = harness.hfJob("small.safetensors", { url: `http://localhost:${(silent.address() as AddressInfo).port}/file.safetensors` });
      storage.prefetch(new URL(job.url));
      const cancel = new AbortController();

      const outcome = harness.downloader({}, { http, storage }).download(job, cancel.signal, quietly);
      cancel.abort(new Error("cancelled"));

      expect(await outcome).toMatchObject({ status: "cancelled" });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it("ages out: a storage URL remembered longer ago than its lifetime is not used", async () => {
    let now = 0;
    const storage = createStorageLocator(harness.http(), { now: () => now });
    const source = new URL(`${harness.sim.civitaiUrl}/api/download/models/101`);
    storage.remember(source, new URL(`${harness.sim.storageUrl}/somewhere`));
    now = STORAGE_MEMO_TTL_MS;
    expect(await storage.take(source)).toBeNull();
  });
});
