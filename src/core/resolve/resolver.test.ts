// The resolver against the upstream simulator over 127.0.0.1: every source, status and upstream failure. The findings
// of the upstream review have their own tests in upstream-findings.test.ts.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EMPTY_KNOWN_MODELS } from "./known-models/index-data";
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
  it("finds a Hugging Face file by a repo-id search, with size, SHA-256 and its origin from the API", async () => {
    const resolution = await resolverFor(sim).resolve(modelRef("4x_Upscaler.pth", "upscale_models"));
    const info = sim.fileInfo("4x_Upscaler.pth");
    expect(resolution).toMatchObject({
      status: "resolved",
      source: "huggingface",
      url: `${sim.hfUrl}/sim-labs/4x-upscaler/resolve/main/4x_Upscaler.pth`,
      sha256: info.sha256,
      size: info.size,
      page: `${sim.hfUrl}/sim-labs/4x-upscaler`,
    });
    expect(resolution.candidates[0]?.origin).toEqual({ kind: "huggingface", repo: "sim-labs/4x-upscaler", path: "4x_Upscaler.pth", revision: "main" });
    expect(resolution.reason).toContain('exact file name "4x_Upscaler.pth" in huggingface repo sim-labs/4x-upscaler');
  });

  it("finds a Civitai file through its model's name, downloaded by its file id", async () => {
    const resolution = await resolverFor(sim).resolve(modelRef("SDXL\\juggernautXL_v9.safetensors", "checkpoints"));
    const info = sim.fileInfo({ civitaiFileId: 111 });
    expect(resolution).toMatchObject({
      status: "resolved",
      source: "civitai",
      url: `${sim.civitaiUrl}/api/download/models/11?fileId=111`,
      sha256: info.sha256,
      size: info.size,
      page: `${sim.civitaiUrl}/models/1?modelVersionId=11`,
    });
    expect(resolution.candidates[0]).toMatchObject({
      fileName: "juggernautXL_v9.safetensors",
      baseModel: "SDXL 1.0",
      origin: { kind: "civitai", modelId: 1, versionId: 11, fileId: 111 },
    });
    expect(resolution.reason).toContain('civitai model "Juggernaut XL" version "v9"');
    expect(sim.requests.some((request) => request.path.includes("types=Checkpoint&types=Other"))).toBe(true);
  });
});

describe("ambiguous and not found", () => {
  it("offers both files when two community repos hold different files of the same name", async () => {
    const resolution = await resolverFor(sim).resolve(modelRef("clip_l.safetensors", "text_encoders"));
    expect(resolution.status).toBe("ambiguous");
    expect(resolution.url).toBeNull();
    expect(resolution.candidates.map((candidate) => candidate.page).sort()).toEqual([`${sim.hfUrl}/other-org/clip_l-encoders`, `${sim.hfUrl}/sim-labs/clip_l`]);
  });

  it("never resolves a similar name silently", async () => {
    const resolution = await resolverFor(sim).resolve(modelRef("Juggernaut-XL_v9.safetensors", "checkpoints"));
    expect(resolution.status).toBe("ambiguous");
    expect(resolution.candidates.map((candidate) => candidate.fileName)).toContain("juggernautXL_v9.safetensors");
    expect(resolution.reason).toContain('no file is named exactly "Juggernaut-XL_v9.safetensors"');
  });

  it("says what it asked each source and what came back", async () => {
    const resolution = await resolverFor(sim).resolve(modelRef("nowhere_model_fp16.safetensors", "loras"));
    expect(resolution.status).toBe("not_found");
    expect(resolution.attempts?.map((attempt) => `${attempt.source}: ${attempt.query}`)).toEqual([
      "huggingface: search nowhere_model_fp16",
      "huggingface: search nowhere-model",
      "huggingface: search nowhere_model",
      "huggingface: repos of Comfy-Org",
      "huggingface: repos of comfyanonymous",
      'civitai: search "nowhere model" (types LORA, LoCon, DoRA)',
      'civitai: search "nowhere" (types LORA, LoCon, DoRA)',
    ]);
    expect(resolution.attempts?.find((attempt) => attempt.source === "civitai")?.result).toBe('0 models; no file named "nowhere_model_fp16.safetensors"');
    expect(resolution.queries).toEqual(resolution.attempts?.map((attempt) => `${attempt.source}: ${attempt.query}`));
    expect(resolution.reason).toContain('civitai: search "nowhere model"');
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

  it.each([
    ["locked.safetensors", "requires a logged-in user to download this file: set CIVITAI_API_TOKEN"],
    ["locked_disabled.safetensors", "the creator has disabled downloads"],
    ["locked_early.safetensors", "Early Access"],
  ])("explains why Civitai will not serve %s", async (name, explanation) => {
    const resolution = await resolverFor(sim).resolve(modelRef(name, "loras"));
    expect(resolution.status).toBe("needs_auth");
    expect(resolution.reason).toContain(explanation);
  });

  it("says a signed-in account has no access to a restricted file (403 since civitai 12827b81ce)", async () => {
    const resolution = await resolverFor(sim, { tokens: { civitai: CIVITAI_TOKEN } }).resolve(modelRef("locked_members.safetensors", "loras"));
    expect(resolution.status).toBe("needs_auth");
    expect(resolution.reason).toContain("You do not have access to download this file");
  });

  it("reads a redirect to Civitai's sign-in page as a need for CIVITAI_API_TOKEN", async () => {
    sim.addFault({
      server: "civitai",
      pathIncludes: "/api/download/models/31",
      kind: "status",
      status: 307,
      body: "",
      headers: { Location: "/login?returnUrl=%2Fmodel-versions%2F31&reason=download-auth" },
    });
    const resolution = await resolverFor(sim).resolve(modelRef("add_detail.safetensors", "loras"));
    expect(resolution.status).toBe("needs_auth");
    expect(resolution.reason).toContain("set CIVITAI_API_TOKEN");
  });

  it("reports a web page served instead of the file as an error", async () => {
    sim.addFault({ server: "civitai", pathIncludes: "/api/download/models/31", kind: "html200" });
    const resolution = await resolverFor(sim).resolve(modelRef("add_detail.safetensors", "loras"));
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
    expect(resolution).toMatchObject({ status: "resolved", source: "civitai", sha256, url: `${sim.civitaiUrl}/api/download/models/31?fileId=311` });
    expect(resolution.reason).toContain("civitai found the workflow's hash");
    expect(sim.requests[0]?.path).toBe(`/api/v1/model-versions/by-hash/${sha256}`);
    expect(sim.requests.some((request) => request.path.startsWith("/api/v1/models?"))).toBe(false);
  });

  it("finds a file by an image's AutoV2 through Civitai's by-hash lookup, with its full SHA-256 for the download", async () => {
    const { sha256, autoV2 } = sim.fileInfo("add_detail.safetensors");
    const resolution = await resolverFor(sim).resolve(
      modelRef("detail_lora_renamed.safetensors", "loras", { hash: { type: "AutoV2", value: autoV2.toLowerCase() } }),
    );
    expect(resolution).toMatchObject({ status: "resolved", source: "civitai", sha256, url: `${sim.civitaiUrl}/api/download/models/31?fileId=311` });
    expect(resolution.attempts?.[0]).toMatchObject({ source: "civitai", query: `by hash ${autoV2.toLowerCase()}` });
  });

  it("trusts the workflow's own link for the file it names, moved onto the configured endpoint, with the SHA-256 and size the Hub publishes", async () => {
    const url = "https://huggingface.co/sim-labs/flux-vae/resolve/main/split_files/vae/ae.safetensors";
    const resolution = await resolverFor(sim).resolve(modelRef("ae.safetensors", "vae", { url }));
    const onSim = `${sim.hfUrl}/sim-labs/flux-vae/resolve/main/split_files/vae/ae.safetensors`;
    const published = sim.fileInfo({ hfRepo: "sim-labs/flux-vae", path: "split_files/vae/ae.safetensors" });
    expect(resolution).toMatchObject({ status: "resolved", source: "workflow", url: onSim, sha256: published.sha256, size: published.size });
    expect(resolution.reason).toBe(
      `exact file name "ae.safetensors" in the workflow's link ${new URL(onSim).host}/sim-labs/flux-vae/resolve/main/split_files/vae/ae.safetensors`,
    );
    // One question: the repo's file list (model info with blobs), nothing else.
    expect(sim.requests.map((request) => request.path)).toEqual(["/api/models/sim-labs/flux-vae?blobs=true"]);
  });

  it("asks nothing upstream for a workflow link that is not a Hub file", async () => {
    const url = "https://civitai.com/api/download/models/12345";
    const resolution = await resolverFor(sim).resolve(modelRef("linked_only.safetensors", "loras", { url }));
    expect(resolution).toMatchObject({ status: "resolved", source: "workflow", url: `${sim.civitaiUrl}/api/download/models/12345`, sha256: null });
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
    const resolution = await resolverFor(sim).resolve(modelRef("4x_Upscaler.pth", "upscale_models", { url: "https://downloads.example.org/4x_Upscaler.pth" }));
    expect(resolution).toMatchObject({ status: "resolved", source: "huggingface" });
    const refusedOnly = await resolverFor(sim).resolve(modelRef("zz_unknown.safetensors", "vae", { url: "http://10.0.0.8/zz_unknown.safetensors" }));
    expect(refusedOnly.status).toBe("error");
    expect(refusedOnly.reason).toContain("10.0.0.8 is not in the allowed hosts");
  });

  it("resolves from a ComfyUI-Manager model list for the folder Manager saves it to, and skips entries on hosts not allowed", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cf-model-list-"));
    try {
      const list = join(dir, "model-list.json");
      const sha256 = "ab".repeat(32);
      const entry = (filename: string, type: string, url: string, extra: object = {}) => ({
        name: filename,
        type,
        base: "SDXL",
        save_path: "default",
        filename,
        url,
        ...extra,
      });
      await writeFile(
        list,
        JSON.stringify({
          models: [
            entry("team_vae.safetensors", "VAE", "https://huggingface.co/team/vae/resolve/main/team_vae.safetensors", { sha256 }),
            entry("shady.safetensors", "lora", "https://files.example.net/shady.safetensors"),
            entry("team_upscaler.pth", "upscale", "https://huggingface.co/team/up/resolve/main/team_upscaler.pth"),
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
      // Manager would save team_upscaler.pth to upscale_models (manager_server.py model_dir_name_map), not to loras.
      expect((await resolver.resolve(modelRef("team_upscaler.pth", "loras"))).source).not.toBe("model_list");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("reads the default model list (ComfyUI-Manager's, by URL) once, through the cache like any upstream answer", async () => {
    let served = 0;
    const server: Server = createHttpServer((_req, res) => {
      served += 1;
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(
        JSON.stringify({
          models: [
            {
              filename: "listed_vae.safetensors",
              type: "VAE",
              save_path: "default",
              url: "https://huggingface.co/lister/vae/resolve/main/listed_vae.safetensors",
            },
          ],
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const listUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/model-list.json`;
      const settings = testSettings({ download: { allowed_hosts: [...testSettings().download.allowed_hosts, new URL(listUrl).host] } });
      const first = resolverFor(sim, { settings, defaultModelLists: [listUrl] });
      expect(await first.resolve(modelRef("listed_vae.safetensors", "vae"))).toMatchObject({ status: "resolved", source: "model_list" });
      await first.resolve(modelRef("other_vae.safetensors", "vae"));
      const second = resolverFor(sim, { settings, defaultModelLists: [listUrl], cache: first.cache });
      expect((await second.resolve(modelRef("listed_vae.safetensors", "vae"))).source).toBe("model_list");
      expect(served).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
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
    await first.resolve(modelRef("4x_Upscaler.pth", "upscale_models"));
    now += 30 * 60_000;
    const warm = resolverFor(sim, { cache: first.cache });
    await warm.resolve(modelRef("4x_Upscaler.pth", "upscale_models"));
    expect(warm.stats().requests).toBe(0);
    now += 31 * 60_000;
    const expired = resolverFor(sim, { cache: first.cache });
    sim.resetRequests();
    await expired.resolve(modelRef("4x_Upscaler.pth", "upscale_models"));
    expect(expired.stats().requests).toBeGreaterThan(0);
    expect(sim.requests.some((request) => request.path.includes("search=4x_Upscaler&"))).toBe(true);
  });

  it("waits as a 429's Retry-After asks, then succeeds", async () => {
    sim.addFault({ server: "hf", pathIncludes: "search=4x_Upscaler", kind: "rateLimit", retryAfter: "1", hfRateLimitHeader: true });
    const resolver = resolverFor(sim);
    const resolution = await resolver.resolve(modelRef("4x_Upscaler.pth", "upscale_models"));
    expect(resolution.status).toBe("resolved");
    expect(sim.requests.filter((request) => request.path.includes("search=4x_Upscaler&"))).toHaveLength(2);
    expect(resolver.logs.some((entry) => entry.message.includes("answered 429") && entry.message.includes("retrying in 1.0 s (Retry-After)"))).toBe(true);
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
    const third = await resolver.resolve(modelRef("4x_Upscaler.pth", "upscale_models"));
    expect(first.status).toBe("error");
    expect(first.reason).toContain("could not be reached (ECONNREFUSED)");
    expect(second.status).toBe("error");
    expect(second.reason).toContain("skipped for the rest of this run");
    expect(third).toMatchObject({ status: "resolved", source: "huggingface" });
    expect(resolver.stats().byHost[new URL(deadCivitai).host]).toBe(requestsToDeadHost);
    expect(resolver.logs.filter((entry) => entry.level === "warn" && entry.message.includes("could not be reached"))).toHaveLength(1);
  });

  it("asks Hugging Face and Civitai at once: Civitai is asked while Hugging Face has not answered", async () => {
    // Two loopback servers that hold every request until both services have been asked: a resolver asking one after
    // the other never gets an answer, and the test times out.
    const arrived: Record<string, () => void> = {};
    const both = new Promise<void>((resolve) => {
      const check = () => arrived.hf && arrived.civitai && resolve();
      arrived.check = check;
    });
    const hold = (name: "hf" | "civitai", body: string) =>
      createHttpServer((_req, res) => {
        arrived[name] ??= () => undefined;
        arrived.check?.();
        void both.then(() => {
          res.writeHead(200, { "Content-Type": "application/json" });
          res.end(body);
        });
      });
    const servers = [hold("hf", "[]"), hold("civitai", JSON.stringify({ items: [], metadata: {} }))];
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))));
    const [hfUrl, civitaiUrl] = servers.map((server) => `http://127.0.0.1:${(server.address() as { port: number }).port}`);
    try {
      const resolution = await resolverFor({ hfUrl: hfUrl!, civitaiUrl: civitaiUrl! }, { knownModels: EMPTY_KNOWN_MODELS }).resolve(
        modelRef("nowhere_model_fp16.safetensors", "loras"),
      );
      expect(resolution.status).toBe("not_found");
    } finally {
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    }
  });
});
