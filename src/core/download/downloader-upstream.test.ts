// The download engine against answers the real services give (upstream review findings 10, 13 and 14), over loopback.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { neverAborted, quietly, startHarness, type DownloadHarness } from "../../test/fixtures/download";
import { cloudflareChallenge } from "../../test/sim";
import { createHttpClient } from "../net/http";

describe("downloads as the real services answer", () => {
  let harness: DownloadHarness;
  beforeEach(async () => (harness = await startHarness()));
  afterEach(async () => harness.close());

  it("finding 13: installs a .json file the Hub serves as application/json through a relative 307 to /api/resolve-cache", async () => {
    const job = harness.hfJob("config.json", { expectedSha256: null });
    const outcome = await harness.downloader().download(job, neverAborted(), quietly);
    expect(outcome.status).toBe("installed");
    const bytes = await readFile(job.target.absolutePath);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(harness.sim.fileInfo("config.json").sha256);
    const paths = harness.sim.requests.filter((request) => request.server === "hf").map((request) => request.path.split("?")[0]);
    expect(paths).toEqual([
      "/org/models/resolve/main/config.json",
      expect.stringMatching(/^\/api\/resolve-cache\/models\/org\/models\/[0-9a-f]{40}\/config\.json$/),
    ]);
  });

  it("follows a renamed repo's relative 307 to the new path and then the CDN's 302 (huggingface_hub test_download_from_a_renamed_repo)", async () => {
    const job = harness.hfJob("small.safetensors", { url: `${harness.sim.hfUrl}/org/old-models/resolve/main/small.safetensors` });
    expect((await harness.downloader().download(job, neverAborted(), quietly)).status).toBe("installed");
    const hub = harness.sim.requests.filter((request) => request.server === "hf").map((request) => request.path);
    expect(hub).toEqual(["/org/old-models/resolve/main/small.safetensors", "/org/models/resolve/main/small.safetensors"]);
  });

  it("finding 14: says the token was refused (with the Hub's message) when a public file answers 401 to a stale HF_TOKEN", async () => {
    const http = createHttpClient({
      policy: harness.policy(),
      tokens: { huggingface: "hf_stale" },
      endpoints: harness.endpoints,
      userAgent: "ComfyFixer-test",
    });
    try {
      const outcome = await harness.downloader({}, { http }).download(harness.hfJob("small.safetensors"), neverAborted(), quietly);
      expect(outcome).toMatchObject({ status: "failed", reason: "needs_auth" });
      expect(outcome.status === "failed" && outcome.message).toContain(
        "the token was refused (invalid or expired: Invalid credentials in Authorization header)",
      );
    } finally {
      await http.close();
    }
  });

  it("finding 10: reports a Cloudflare challenge (403 + cf-mitigated: challenge) as Cloudflare's bot check, not as an expired link", async () => {
    harness.sim.addFault(cloudflareChallenge("civitai", "/api/download/", 20));
    const outcome = await harness.downloader().download(harness.civitaiJob(101, "juggernaut.safetensors"), neverAborted(), quietly);
    expect(outcome).toMatchObject({ status: "failed", reason: "refused" });
    expect(outcome.status === "failed" && outcome.message).toContain("Cloudflare's bot check blocked the download");
  });
});
