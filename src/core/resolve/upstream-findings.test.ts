// One test (or a few) per finding of the upstream review, named after it, against the corrected simulator: what the
// real Civitai and Hugging Face answer, and what ComfyFixer makes of it. Each cites the source of the real behaviour.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EMPTY_KNOWN_MODELS } from "./known-models/index-data";
import { modelRef, resolverCatalogue, resolverFor, startSim } from "../../test/fixtures/resolve";
import { cloudflareChallenge, civitaiSearchOverloaded, type SimCatalogue, type UpstreamSim } from "../../test/sim";

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
  sim.setOptions({ catalogue: resolverCatalogue(), civitaiAccount: undefined, civitaiDownloadLimit: undefined });
});

const storageRequests = () => sim.requests.filter((request) => request.server === "storage");

describe("finding 1 — a non-primary Civitai file has no `primary` key in search results (model-search.service.ts:273)", () => {
  it("resolves the .ckpt beside the primary .safetensors to that exact file, with its own SHA-256 and size", async () => {
    const resolution = await resolverFor(sim).resolve(modelRef("juggernautXL_v9.ckpt", "checkpoints"));
    const ckpt = sim.fileInfo({ civitaiFileId: 112 });
    expect(resolution).toMatchObject({ status: "resolved", url: `${sim.civitaiUrl}/api/download/models/11?fileId=112`, sha256: ckpt.sha256, size: ckpt.size });
    // What the download URL serves is that file, not the primary one.
    const followed = await fetch(resolution.url!, { redirect: "manual" });
    expect(decodeURIComponent(followed.headers.get("location") ?? "")).toContain("/civitai/112/juggernautXL_v9.ckpt");
  });
});

describe("finding 2 — Civitai's `query` matches model names, never file names (models.search-index.ts:55)", () => {
  it("finds a model only through a query derived from the file name: camelCase split, version dropped", async () => {
    const direct = (await (await fetch(`${sim.civitaiUrl}/api/v1/models?query=juggernautXL_v9&types=Checkpoint`)).json()) as { items: unknown[] };
    expect(direct.items).toEqual([]);
    sim.resetRequests();
    const resolution = await resolverFor(sim).resolve(modelRef("juggernautXL_v9.safetensors", "checkpoints"));
    expect(resolution).toMatchObject({ status: "resolved", source: "civitai" });
    const queries = sim.requests
      .filter((request) => request.path.startsWith("/api/v1/models?"))
      .map((request) => new URL(request.path, sim.civitaiUrl).searchParams.get("query"));
    expect(queries).toEqual(expect.arrayContaining(["juggernaut XL"]));
    expect(queries).not.toContain("juggernautXL_v9");
    expect(resolution.attempts).toContainEqual({
      source: "civitai",
      query: 'search "juggernaut XL" (types Checkpoint, Other)',
      result: '1 models; "juggernautXL_v9.safetensors" in civitai model "Juggernaut XL" version "v9"',
    });
  });

  it("finds a LoRA whose title shares only one word with its file, among more popular models", async () => {
    const resolution = await resolverFor(sim).resolve(modelRef("add_detail.safetensors", "loras"));
    expect(resolution).toMatchObject({ status: "resolved", source: "civitai", url: `${sim.civitaiUrl}/api/download/models/31?fileId=311` });
    expect(resolution.reason).toContain('civitai model "Detail Tweaker LoRA"');
  });
});

describe("finding 3 — without fileId the download picks by the account's file preferences (file.service.ts:302-314)", () => {
  it("downloads the file it resolved even for an account that prefers another format", async () => {
    sim.setOptions({ civitaiAccount: { username: "prefers-pickle", filePreferences: { format: "PickleTensor", size: "full", fp: "fp32" } } });
    const resolution = await resolverFor(sim, { tokens: { civitai: CIVITAI_TOKEN } }).resolve(modelRef("juggernautXL_v9.safetensors", "checkpoints"));
    expect(resolution.sha256).toBe(sim.fileInfo({ civitaiFileId: 111 }).sha256);
    const auth = { Authorization: `Bearer ${CIVITAI_TOKEN}` };
    const bare = await fetch(`${sim.civitaiUrl}/api/download/models/11`, { redirect: "manual", headers: auth });
    expect(decodeURIComponent(bare.headers.get("location") ?? "")).toContain("juggernautXL_v9.ckpt");
    const exact = await fetch(resolution.url!, { redirect: "manual", headers: auth });
    expect(decodeURIComponent(exact.headers.get("location") ?? "")).toContain("juggernautXL_v9.safetensors");
  });
});

describe("finding 4 — Hugging Face's RateLimit header is on every answer; only a 429 with no quota left waits for it (huggingface_hub _http.py:488-497)", () => {
  it("retries a passing 503 with a short backoff although its RateLimit says 240 s to the window's end", async () => {
    sim.addFault({ server: "hf", pathIncludes: "search=4x_Upscaler&", kind: "status", status: 503, headers: { RateLimit: '"api";r=480;t=240' } });
    const resolver = resolverFor(sim);
    expect((await resolver.resolve(modelRef("4x_Upscaler.pth", "upscale_models"))).status).toBe("resolved");
    const retry = resolver.logs.find((entry) => entry.message.includes("answered 503"));
    expect(retry?.message).toContain("(backing off)");
    expect(retry?.message).not.toContain("RateLimit");
  });

  it("waits for the window's end on a 429 whose RateLimit has r=0", async () => {
    sim.addFault({ server: "hf", pathIncludes: "search=4x_Upscaler&", kind: "status", status: 429, headers: { RateLimit: '"api";r=0;t=1' } });
    const resolver = resolverFor(sim);
    expect((await resolver.resolve(modelRef("4x_Upscaler.pth", "upscale_models"))).status).toBe("resolved");
    expect(resolver.logs.some((entry) => entry.message.includes("answered 429") && entry.message.includes("retrying in 1.0 s (RateLimit)"))).toBe(true);
  });
});

describe("finding 6 — a refusal is not cached for the cache's lifetime", () => {
  it("resolves a gated file at once after its license is accepted, from the same cache", async () => {
    const first = resolverFor(sim, { tokens: { huggingface: HF_TOKEN } });
    expect((await first.resolve(modelRef("gated-unaccepted.safetensors", "checkpoints"))).status).toBe("needs_auth");
    const catalogue = resolverCatalogue();
    const repo = catalogue.huggingface.repos.find((candidate) => candidate.id === "gated-org/gated-unaccepted")!;
    repo.licenseAccepted = true;
    sim.setOptions({ catalogue });
    const second = resolverFor(sim, { tokens: { huggingface: HF_TOKEN }, cache: first.cache });
    expect((await second.resolve(modelRef("gated-unaccepted.safetensors", "checkpoints"))).status).toBe("resolved");
  });

  it("resolves an early-access Civitai file at once after the account unlocks it", async () => {
    const first = resolverFor(sim, { tokens: { civitai: CIVITAI_TOKEN } });
    expect((await first.resolve(modelRef("locked_early.safetensors", "loras"))).status).toBe("needs_auth");
    sim.setOptions({ civitaiAccount: { unlockedVersionIds: [23] } });
    const second = resolverFor(sim, { tokens: { civitai: CIVITAI_TOKEN }, cache: first.cache });
    expect((await second.resolve(modelRef("locked_early.safetensors", "loras"))).status).toBe("resolved");
  });
});

describe("finding 7 — a HEAD on presigned storage is refused (SigV4 signs the method: adobe/S3Mock#125)", () => {
  it("learns a Civitai file's exact size from a one-byte GET's Content-Range, never a HEAD", async () => {
    const resolution = await resolverFor(sim).resolve(modelRef("juggernautXL_v9.safetensors", "checkpoints"));
    expect(resolution.size).toBe(sim.fileInfo({ civitaiFileId: 111 }).size);
    expect(storageRequests().map((request) => [request.method, request.headers.range])).toEqual([["GET", "bytes=0-0"]]);
  });
});

describe("finding 8 — the download check is a download to Civitai ([modelVersionId].ts:204-244); 429 and 410 are not ok", () => {
  it("counts one download per file checked, and none when the yes is in the cache", async () => {
    const before = sim.counters().civitaiDownloads;
    const first = resolverFor(sim);
    await first.resolve(modelRef("juggernautXL_v9.safetensors", "checkpoints"));
    expect(sim.counters().civitaiDownloads).toBe(before + 1);
    await resolverFor(sim, { cache: first.cache }).resolve(modelRef("juggernautXL_v9.safetensors", "checkpoints"));
    expect(sim.counters().civitaiDownloads).toBe(before + 1);
  });

  it("says Civitai is limiting downloads on its 429, instead of calling the file resolved", async () => {
    sim.setOptions({ civitaiDownloadLimit: 0 });
    const resolution = await resolverFor(sim).resolve(modelRef("juggernautXL_v9.safetensors", "checkpoints"));
    expect(resolution.status).toBe("error");
    expect(resolution.reason).toContain("Civitai is limiting downloads from this account or address");
    expect(resolution.reason).toContain("unusual amount of downloading");
  });

  it("says an archived model's file can no longer be downloaded on a 410", async () => {
    // The real 410 body (file.service.ts:235-236); a model archived between search and download.
    sim.addFault({
      server: "civitai",
      pathIncludes: "/api/download/",
      kind: "status",
      status: 410,
      body: '{"error":"Model archived, not available for download"}',
    });
    const resolution = await resolverFor(sim).resolve(modelRef("juggernautXL_v9.safetensors", "checkpoints"));
    expect(resolution.status).toBe("error");
    expect(resolution.reason).toContain("archived on Civitai");
  });
});

describe("finding 9 — Civitai's 2026 model types UNet, TextEncoder, CLIPVision (enums.ts:136-160, commit bb7e9c7560)", () => {
  it("searches UNet-typed models for diffusion_models, and calls two files of one download name a choice, not a match", async () => {
    const resolution = await resolverFor(sim).resolve(modelRef("flux1DevGGUF_v10.gguf", "diffusion_models"));
    expect(sim.requests.some((request) => request.path.includes("types=Checkpoint&types=UNet&types=Other"))).toBe(true);
    expect(resolution.status).toBe("ambiguous");
    expect(resolution.candidates.map((candidate) => candidate.origin)).toEqual([
      { kind: "civitai", modelId: 5, versionId: 51, fileId: 511 },
      { kind: "civitai", modelId: 5, versionId: 51, fileId: 512 },
    ]);
  });
});

describe("finding 10 — Cloudflare's challenge is a 403 with cf-mitigated: challenge", () => {
  it("reports a challenge on Civitai's search as Cloudflare's bot check", async () => {
    sim.addFault(cloudflareChallenge("civitai", "/api/v1/models", 10));
    const resolution = await resolverFor(sim).resolve(modelRef("add_detail.safetensors", "loras"));
    expect(resolution.status).toBe("error");
    expect(resolution.reason).toContain("Cloudflare's bot check");
  });

  it("reports a challenge on the download check as Cloudflare's, not as Civitai forbidding the file", async () => {
    sim.addFault(cloudflareChallenge("civitai", "/api/download/"));
    const resolution = await resolverFor(sim).resolve(modelRef("add_detail.safetensors", "loras"));
    expect(resolution.status).toBe("error");
    expect(resolution.reason).toContain("Cloudflare's bot check");
    expect(resolution.reason).not.toContain("refused this download");
  });

  it("retries Civitai's search overload as it asks (503, Retry-After: 2)", async () => {
    sim.addFault(civitaiSearchOverloaded());
    const resolver = resolverFor(sim);
    expect((await resolver.resolve(modelRef("add_detail.safetensors", "loras"))).status).toBe("resolved");
    expect(resolver.logs.some((entry) => entry.message.includes("answered 503") && entry.message.includes("(Retry-After)"))).toBe(true);
  });
});

describe("finding 11 — `siblings` can be missing or cut short on big repos; the tree lists everything (huggingface_hub PR #3565)", () => {
  it("finds a file of a repo whose model info has no siblings, through the tree", async () => {
    const resolution = await resolverFor(sim).resolve(modelRef("megapack_lora_v3.safetensors", "loras"));
    expect(resolution).toMatchObject({ status: "resolved", source: "huggingface", sha256: sim.fileInfo("megapack_lora_v3.safetensors").sha256 });
    expect(sim.requests.some((request) => request.path.startsWith("/api/models/sim-labs/megapack-loras/tree/main?recursive=true"))).toBe(true);
  });

  it("follows the tree's Link pages when siblings stop at 1000 entries", async () => {
    const catalogue: SimCatalogue = {
      civitai: { models: [] },
      huggingface: {
        repos: [
          {
            id: "sim-labs/thousand-shards",
            siblings: 1000,
            files: Array.from({ length: 1200 }, (_, index) => ({ path: `shards/shard_${String(index).padStart(4, "0")}.safetensors`, size: 64 })),
          },
        ],
      },
    };
    const big = await startSim(catalogue);
    try {
      const resolution = await resolverFor(big, { knownModels: EMPTY_KNOWN_MODELS }).resolve(modelRef("shard_1100.safetensors", "loras"));
      expect(resolution).toMatchObject({ status: "resolved", url: `${big.hfUrl}/sim-labs/thousand-shards/resolve/main/shards/shard_1100.safetensors` });
      expect(big.requests.filter((request) => request.path.includes("/tree/main") && request.path.includes("cursor="))).toHaveLength(1);
    } finally {
      await big.close();
    }
  });
});

describe("finding 14 — a 401 with a token sent means the token is wrong", () => {
  it("says HF_TOKEN was rejected, and does not retry the 401", async () => {
    const resolver = resolverFor(sim, { tokens: { huggingface: "hf_stale" } });
    const resolution = await resolver.resolve(modelRef("4x_Upscaler.pth", "upscale_models"));
    expect(resolution.reason).toContain("Hugging Face rejected HF_TOKEN (invalid or expired)");
    const hf = sim.requests.filter((request) => request.server === "hf");
    expect(new Set(hf.map((request) => request.path)).size).toBe(hf.length);
  });

  it("says Civitai did not accept CIVITAI_API_TOKEN when a login-only file answers 401 to it (an unknown key is anonymous there)", async () => {
    const resolution = await resolverFor(sim, { tokens: { civitai: "revoked-key" } }).resolve(modelRef("locked.safetensors", "loras"));
    expect(resolution.status).toBe("needs_auth");
    expect(resolution.reason).toContain("Civitai did not accept CIVITAI_API_TOKEN");
  });
});

describe("finding 15 — Hugging Face's own X-Error-Message is kept (huggingface_hub _http.py:826-834)", () => {
  it("says a repo is disabled, in the Hub's words", async () => {
    const resolution = await resolverFor(sim).resolve(modelRef("old_upscaler.pth", "upscale_models"));
    expect(resolution.reason).toContain('has been disabled by Hugging Face (Hugging Face: "Access to this resource is disabled.")');
  });

  it("quotes the Hub's message for a gated repo whose license is not accepted", async () => {
    const resolution = await resolverFor(sim, { tokens: { huggingface: HF_TOKEN } }).resolve(modelRef("gated-unaccepted.safetensors", "checkpoints"));
    expect(resolution.reason).toContain("you are not in the authorized list");
  });
});

describe("finding 16 — early access shows as availability in search only; a key holder may have bought it", () => {
  it("does not spend a counted download on an early-access file without a key", async () => {
    const before = sim.counters().civitaiDownloads;
    const resolution = await resolverFor(sim).resolve(modelRef("locked_early.safetensors", "loras"));
    expect(resolution.status).toBe("needs_auth");
    expect(sim.counters().civitaiDownloads).toBe(before);
  });

  it("asks with a key, and resolves when the account unlocked the version", async () => {
    sim.setOptions({ civitaiAccount: { unlockedVersionIds: [23] } });
    const resolution = await resolverFor(sim, { tokens: { civitai: CIVITAI_TOKEN } }).resolve(modelRef("locked_early.safetensors", "loras"));
    expect(resolution.status).toBe("resolved");
  });
});

describe("re-uploads — the same file name in many Hub repos", () => {
  it("takes Comfy-Org's file over a more downloaded re-upload of other bytes, and counts a byte-identical copy as the same file", async () => {
    const resolution = await resolverFor(sim, { knownModels: { ...EMPTY_KNOWN_MODELS, publishers: [{ owner: "Comfy-Org", templateFiles: 1 }] } }).resolve(
      modelRef("wan_2.1_vae.safetensors", "vae"),
    );
    expect(resolution).toMatchObject({ status: "resolved", source: "huggingface" });
    expect(resolution.candidates[0]?.origin).toMatchObject({ repo: "Comfy-Org/Wan_2.1_ComfyUI_repackaged" });
    expect(resolution.reason).toContain("(1 identical copy elsewhere)");
    expect(resolution.reason).toContain("1 different file of that name in huggingface repo someuser/wan_2.1_vae");
  });

  it("leaves two different files from untrusted repos to a person", async () => {
    const resolution = await resolverFor(sim, { knownModels: EMPTY_KNOWN_MODELS }).resolve(modelRef("wan_2.1_vae.safetensors", "vae"));
    expect(resolution.status).toBe("ambiguous");
    expect(new Set(resolution.candidates.map((candidate) => candidate.sha256)).size).toBe(2);
  });

  it("never resolves a very short name from a bare substring search", async () => {
    const resolution = await resolverFor(sim, { knownModels: EMPTY_KNOWN_MODELS }).resolve(modelRef("ae.safetensors", "vae"));
    expect(resolution.status).toBe("not_found");
    expect(sim.requests.some((request) => /[?&]search=ae(&|$)/.test(request.path))).toBe(false);
  });
});
