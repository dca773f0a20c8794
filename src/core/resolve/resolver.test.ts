// The resolver against the upstream simulator over 127.0.0.1: every source, status and upstream failure.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { modelRef, resolverCatalogue, resolverFor, startSim, testSettings } from "../../test/fixtures/resolve";
import { type UpstreamSim } from "../../test/sim";

let sim: UpstreamSim;
const CIVITAI_TOKEN = "civitai-secret-token";
const HF_TOKEN = "hf_secret_token";

beforeAll(async () => {
  sim = await startSim(resolverCatalogue(), { civitaiToken: CIVITAI_TOKEN, hfToken: HF_TOKEN });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.clearFaults();
  sim.resetRequests();
});

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("exact file names", () => {
  it("finds a Hugging Face file under another path, with size and SHA-256 from the API", async () => {
    const resolution = await resolverFor(sim).resolve(modelRef("ae.safetensors", "vae"));
    const info = sim.fileInfo("ae.safetensors");
    expect(resolution).toMatchObject({
      status: "resolved",
      source: "huggingface",
      url: `${sim.hfUrl}/sim-labs/flux-vae/resolve/main/split_files/vae/ae.safetensors`,
      sha256: info.sha256,
      size: info.size,
      page: `${sim.hfUrl}/sim-labs/flux-vae`,
    });
    expect(resolution.reason).toContain('exact file name "ae.safetensors" in huggingface repo sim-labs/flux-vae');
  });

  it("finds a Civitai file, with its exact size from the download's storage HEAD (not sizeKB)", async () => {
    const resolution = await resolverFor(sim).resolve(modelRef("SDXL\\juggernautXL_v9.safetensors", "checkpoints"));
    const info = sim.fileInfo("juggernautXL_v9.safetensors");
    expect(resolution).toMatchObject({
      status: "resolved",
      source: "civitai",
      url: `${sim.civitaiUrl}/api/download/models/11`,
      sha256: info.sha256,
      size: info.size,
      page: `${sim.civitaiUrl}/models/1?modelVersionId=11`,
    });
    expect(resolution.candidates[0]).toMatchObject({ fileName: "juggernautXL_v9.safetensors", baseModel: "SDXL 1.0" });
    expect(resolution.reason).toContain('civitai model "Juggernaut XL" version "v9"');
    expect(sim.requests.some((request) => request.path.includes("types=Checkpoint&types=Other"))).toBe(true);
  });

  it("selects a non-primary Civitai file by its download query", async () => {
    const resolution = await resolverFor(sim).resolve(modelRef("juggernautXL_v9.ckpt", "checkpoints"));
    expect(resolution.status).toBe("resolved");
    expect(resolution.url).toBe(`${sim.civitaiUrl}/api/download/models/11?type=Model&format=PickleTensor&size=full&fp=fp32`);
    expect(resolution.size).toBe(sim.fileInfo("juggernautXL_v9.ckpt").size);
  });

  it("tries the stem without separators' noise when the first query finds nothing", async () => {
    const resolution = await resolverFor(sim).resolve(modelRef("4x_Upscaler.pth", "upscale_models"));
    expect(resolution).toMatchObject({ status: "resolved", source: "huggingface" });
    expect(resolution.queries).toEqual(["huggingface: 4x_Upscaler", "huggingface: 4x-Upscaler"]);
  });
});

describe("ambiguous and not found", () => {
  it("offers both files when two repos hold different files of the same name", async () => {
    const resolution = await resolverFor(sim).resolve(modelRef("clip_l.safetensors", "text_encoders"));
    expect(resolution.status).toBe("ambiguous");
    expect(resolution.url).toBeNull();
    expect(resolution.candidates.map((candidate) => candidate.page)).toEqual([`${sim.hfUrl}/sim-labs/clip_l`, `${sim.hfUrl}/other-org/clip_l-encoders`]);
    expect(resolution.candidates.map((candidate) => candidate.size)).toEqual([8 * 1024, 9 * 1024]);
  });

  it("never resolves a similar name silently", async () => {
    const resolution = await resolverFor(sim).resolve(modelRef("Juggernaut-XL_v9.safetensors", "checkpoints"));
    expect(resolution.status).toBe("ambiguous");
    expect(resolution.candidates.map((candidate) => candidate.fileName)).toContain("juggernautXL_v9.safetensors");
    expect(resolution.reason).toContain('no file is named exactly "Juggernaut-XL_v9.safetensors"');
  });

  it("lists every query it tried", async () => {
    const resolution = await resolverFor(sim).resolve(modelRef("nowhere_model_fp16.safetensors", "loras"));
    expect(resolution.status).toBe("not_found");
    expect(resolution.queries).toEqual([
      "huggingface: nowhere_model_fp16",
      "huggingface: nowhere-model",
      "huggingface: nowhere_model",
      "huggingface: repos of Comfy-Org",
      "huggingface: repos of comfyanonymous",
      "civitai: nowhere_model_fp16 (types LORA, LoCon, DoRA)",
      "civitai: nowhere model (types LORA, LoCon, DoRA)",
    ]);
    expect(resolution.reason).toContain("civitai: nowhere model");
  });
});

describe("sign-in and licences", () => {
  it("says a gated Hugging Face repo needs a licence acceptance and a token, with its page", async () => {
    const resolution = await resolverFor(sim).resolve(modelRef("gated-model.safetensors", "checkpoints"));
    expect(resolution).toMatchObject({ status: "needs_auth", source: "huggingface", page: `${sim.hfUrl}/gated-org/gated-model` });
    expect(resolution.reason).toContain(`accept its license at ${sim.hfUrl}/gated-org/gated-model and set HF_TOKEN`);
  });

  it("resolves a gated file when HF_TOKEN has access, and says when the licence is not accepted yet", async () => {
    const resolver = resolverFor(sim, { tokens: { huggingface: HF_TOKEN } });
    expect((await resolver.resolve(modelRef("gated-model.safetensors", "checkpoints"))).status).toBe("resolved");
    const unaccepted = await resolver.resolve(modelRef("gated-unaccepted.safetensors", "checkpoints"));
    expect(unaccepted.status).toBe("needs_auth");
    expect(unaccepted.reason).toContain("accept the license at");
  });

  it("says a bad HF_TOKEN is bad instead of retrying", async () => {
    const resolver = resolverFor(sim, { tokens: { huggingface: "hf_stale" } });
    const resolution = await resolver.resolve(modelRef("ae.safetensors", "vae"));
    expect(resolution.reason).toContain("Hugging Face rejected HF_TOKEN (invalid credentials)");
    expect(sim.requests.filter((request) => request.server === "hf")).toHaveLength(1);
  });

  it.each([
    ["locked.safetensors", "requires a logged-in user to download this file: set CIVITAI_API_TOKEN"],
    ["disabled.safetensors", "the creator has disabled downloads"],
    ["early.safetensors", "Early Access"],
  ])("explains why Civitai will not serve %s", async (name, explanation) => {
    const resolution = await resolverFor(sim).resolve(modelRef(name, "loras"));
    expect(resolution.status).toBe("needs_auth");
    expect(resolution.reason).toContain(explanation);
  });

  it("reads a redirect to Civitai's sign-in page as a need for CIVITAI_API_TOKEN", async () => {
    sim.addFault({
      server: "civitai",
      pathIncludes: "/api/download/models/31",
      kind: "status",
      status: 307,
      body: "",
      headers: { Location: "/login?returnUrl=%2Fmodels%2F3&reason=download-auth" },
    });
    const resolution = await resolverFor(sim).resolve(modelRef("add_detail.safetensors", "loras"));
    expect(resolution.status).toBe("needs_auth");
    expect(resolution.reason).toContain("set CIVITAI_API_TOKEN");
  });

  it("reports a web page served instead of the file as an error", async () => {
    const resolution = await resolverFor(sim).resolve(modelRef("html.safetensors", "loras"));
    expect(resolution.status).toBe("error");
    expect(resolution.reason).toContain("web page instead of the file");
  });

  it("downloads a sign-in-only Civitai file with CIVITAI_API_TOKEN", async () => {
    const resolution = await resolverFor(sim, { tokens: { civitai: CIVITAI_TOKEN } }).resolve(modelRef("locked.safetensors", "loras"));
    expect(resolution).toMatchObject({ status: "resolved", size: 10 * 1024 });
  });

  it("sends each token only to its own host, never to storage", async () => {
    const resolver = resolverFor(sim, { tokens: { civitai: CIVITAI_TOKEN, huggingface: HF_TOKEN } });
    await resolver.resolve(modelRef("juggernautXL_v9.safetensors", "checkpoints"));
    await resolver.resolve(modelRef("gated-model.safetensors", "checkpoints"));
    const byServer = (server: string) => sim.requests.filter((request) => request.server === server);
    expect(byServer("civitai").length).toBeGreaterThan(0);
    expect(byServer("hf").length).toBeGreaterThan(0);
    expect(byServer("storage").length).toBeGreaterThan(0);
    expect(byServer("civitai").every((request) => request.headers.authorization === `Bearer ${CIVITAI_TOKEN}`)).toBe(true);
    expect(byServer("hf").every((request) => request.headers.authorization === `Bearer ${HF_TOKEN}`)).toBe(true);
    expect(byServer("storage").every((request) => request.headers.authorization === undefined)).toBe(true);
  });
});

describe("hashes, workflow links and model lists", () => {
  it("finds a renamed file by the workflow's hash through Civitai's by-hash lookup first", async () => {
    const { sha256 } = sim.fileInfo("add_detail.safetensors");
    const resolution = await resolverFor(sim).resolve(
      modelRef("my_renamed_lora.safetensors", "loras", { hash: { type: "SHA256", value: sha256.toUpperCase() } }),
    );
    expect(resolution).toMatchObject({ status: "resolved", source: "civitai", sha256, url: `${sim.civitaiUrl}/api/download/models/31` });
    expect(resolution.reason).toContain("by-hash");
    expect(sim.requests[0]?.path).toBe(`/api/v1/model-versions/by-hash/${sha256}`);
    expect(sim.requests.some((request) => request.path.startsWith("/api/v1/models?"))).toBe(false);
  });

  it("trusts the workflow's own link for the file it names, moved onto the configured endpoint, without asking upstream", async () => {
    const url = "https://huggingface.co/Comfy-Org/files/resolve/main/split_files/vae/ae.safetensors";
    const resolution = await resolverFor(sim).resolve(modelRef("ae.safetensors", "vae", { url }));
    const onSim = `${sim.hfUrl}/Comfy-Org/files/resolve/main/split_files/vae/ae.safetensors`;
    expect(resolution).toMatchObject({ status: "resolved", source: "workflow", url: onSim });
    expect(resolution.reason).toBe(`the workflow links "ae.safetensors" to ${new URL(onSim).host}/Comfy-Org/files/resolve/main/split_files/vae/ae.safetensors`);
    expect(sim.requests).toHaveLength(0);
  });

  it("takes links from other workflows by name", async () => {
    const url = "https://civitai.com/api/download/models/999";
    const resolver = resolverFor(sim, { links: [{ name: "loras/add_detail.safetensors", url, hash: null, folder: "loras" }] });
    expect(await resolver.resolve(modelRef("add_detail.safetensors", "loras"))).toMatchObject({
      status: "resolved",
      source: "workflow",
      url: `${sim.civitaiUrl}/api/download/models/999`,
    });
  });

  it("refuses a workflow link to a host outside the allowlist and goes on to the other sources", async () => {
    const resolution = await resolverFor(sim).resolve(modelRef("ae.safetensors", "vae", { url: "https://downloads.example.org/ae.safetensors" }));
    expect(resolution).toMatchObject({ status: "resolved", source: "huggingface" });
    const refusedOnly = await resolverFor(sim).resolve(modelRef("zz_unknown.safetensors", "vae", { url: "http://10.0.0.8/zz_unknown.safetensors" }));
    expect(refusedOnly.status).toBe("error");
    expect(refusedOnly.reason).toContain("10.0.0.8 is not in the allowed hosts");
  });

  it("resolves from a ComfyUI-Manager model list file, and skips list entries on hosts not allowed", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cf-model-list-"));
    try {
      const list = join(dir, "model-list.json");
      const sha256 = "ab".repeat(32);
      await writeFile(
        list,
        JSON.stringify({
          models: [
            {
              name: "Team VAE",
              type: "VAE",
              base: "SDXL",
              save_path: "default",
              filename: "team_vae.safetensors",
              url: "https://huggingface.co/team/vae/resolve/main/team_vae.safetensors",
              sha256,
            },
            {
              name: "Shady",
              type: "lora",
              base: "SD1.5",
              save_path: "default",
              filename: "shady.safetensors",
              url: "https://files.example.net/shady.safetensors",
            },
            { broken: true },
          ],
        }),
      );
      const resolver = resolverFor(sim, { settings: testSettings({ resolve: { model_lists: [list] } }) });
      const resolution = await resolver.resolve(modelRef("team_vae.safetensors", "vae"));
      expect(resolution).toMatchObject({ status: "resolved", source: "model_list", sha256, url: `${sim.hfUrl}/team/vae/resolve/main/team_vae.safetensors` });
      expect(resolution.reason).toContain(`model list ${list}`);
      const refused = await resolver.resolve(modelRef("shady.safetensors", "loras"));
      expect(refused.status).not.toBe("resolved");
      expect(refused.reason).toContain("files.example.net is not in the allowed hosts");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("cache and upstream manners", () => {
  it("answers a second resolver from the cache without asking upstream", async () => {
    const first = resolverFor(sim);
    const answer = await first.resolve(modelRef("juggernautXL_v9.safetensors", "checkpoints"));
    const requestsBefore = sim.requests.length;
    const second = resolverFor(sim, { cache: first.cache });
    expect(await second.resolve(modelRef("juggernautXL_v9.safetensors", "checkpoints"))).toEqual(answer);
    expect(sim.requests.length).toBe(requestsBefore);
    expect(second.stats()).toMatchObject({ requests: 0, cacheMisses: 0 });
    expect(second.stats().cacheHits).toBeGreaterThan(0);
  });

  it("asks upstream again once the cached answer is older than the TTL", async () => {
    let now = Date.parse("2025-01-01T00:00:00Z");
    const first = resolverFor(sim, { cacheLimits: { ttlHours: 1, now: () => now } });
    await first.resolve(modelRef("ae.safetensors", "vae"));
    now += 30 * 60_000;
    const warm = resolverFor(sim, { cache: first.cache });
    await warm.resolve(modelRef("ae.safetensors", "vae"));
    expect(warm.stats().requests).toBe(0);
    now += 31 * 60_000;
    const expired = resolverFor(sim, { cache: first.cache });
    await expired.resolve(modelRef("ae.safetensors", "vae"));
    expect(expired.stats().cacheHits).toBe(0);
    expect(expired.stats().requests).toBeGreaterThan(0);
  });

  it("waits as a 429's Retry-After asks, then succeeds", async () => {
    sim.addFault({ server: "hf", pathIncludes: "/api/models?", kind: "rateLimit", retryAfter: "1", hfRateLimitHeader: true });
    const resolver = resolverFor(sim);
    const started = Date.now();
    const resolution = await resolver.resolve(modelRef("ae.safetensors", "vae"));
    expect(resolution.status).toBe("resolved");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(sim.requests.filter((request) => request.path.startsWith("/api/models?"))).toHaveLength(2);
    expect(resolver.logs.some((entry) => entry.message.includes("answered 429") && entry.message.includes("Retry-After"))).toBe(true);
  });

  it("retries a 500 and succeeds", async () => {
    sim.addFault({ server: "civitai", pathIncludes: "/api/v1/models", kind: "status", status: 503 });
    const resolution = await resolverFor(sim).resolve(modelRef("add_detail.safetensors", "loras"));
    expect(resolution).toMatchObject({ status: "resolved", source: "civitai" });
  });

  it("says once that a host cannot be reached, skips it afterwards, and lets other sources answer", async () => {
    const deadCivitai = `http://127.0.0.1:${await closedPort()}`;
    const resolver = resolverFor({ civitaiUrl: deadCivitai, hfUrl: sim.hfUrl }, { settings: testSettings({ download: { retries: 1 } }) });
    const first = await resolver.resolve(modelRef("add_detail.safetensors", "loras"));
    const requestsToDeadHost = resolver.stats().byHost[new URL(deadCivitai).host];
    const second = await resolver.resolve(modelRef("locked.safetensors", "loras"));
    const third = await resolver.resolve(modelRef("ae.safetensors", "vae"));
    expect(first.status).toBe("error");
    expect(first.reason).toContain("could not be reached (ECONNREFUSED)");
    expect(second.status).toBe("error");
    expect(second.reason).toContain("skipped for the rest of this run");
    expect(third).toMatchObject({ status: "resolved", source: "huggingface" });
    expect(resolver.stats().byHost[new URL(deadCivitai).host]).toBe(requestsToDeadHost);
    expect(resolver.logs.filter((entry) => entry.level === "warn" && entry.message.includes("could not be reached"))).toHaveLength(1);
  });
});
