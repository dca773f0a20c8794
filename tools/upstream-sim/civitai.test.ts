// Contract tests of the simulated Civitai. Each rule names its source in civitai/civitai@ebed661630 (2026-08-08); the
// IDs (CIV-…) are those of the simulator's specification. Civitai's repository holds no recorded HTTP answers (its
// tests mock `res`), so these bodies are checked against the server code's keys, not against recordings.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { civitaiDownloadName, filenamize } from "./civitai-files";
import { startUpstreamSim, type UpstreamSim } from "./index";
import { civitaiSearchOverloaded, cloudflareChallenge } from "./real-answers";
import { civitaiStorageUrl, testCatalogue } from "./test-support";

type FileJson = {
  id: number;
  name: string;
  sizeKB: number;
  primary?: boolean;
  type: string;
  downloadUrl: string;
  hashes: Record<string, string>;
  metadata: Record<string, string>;
};
type VersionJson = {
  id: number;
  baseModel: string;
  files: FileJson[];
  availability?: string;
  paidAccess?: unknown;
  downloadUrl?: string;
  model?: { name: string };
};
type SearchJson = { items: { id: number; name: string; type: string; modelVersions: VersionJson[] }[]; metadata: { nextCursor?: string; nextPage?: string } };

let sim: UpstreamSim;
const civitaiToken = "civitai-secret";

beforeAll(async () => {
  sim = await startUpstreamSim({ catalogue: testCatalogue(), civitaiToken, civitaiAccount: { username: "tester", unlockedVersionIds: [] } });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.clearFaults();
  sim.setOptions({
    presignTtlMs: undefined,
    requireCivitaiTokenForDownloads: false,
    civitaiDownloadLimit: undefined,
    civitaiAccount: { username: "tester", unlockedVersionIds: [] },
  });
});

async function getJson<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(`${sim.civitaiUrl}${path}`, { redirect: "manual", ...init });
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}
const search = (query: string) => getJson<SearchJson>(`/api/v1/models?${query}`);
const withKey = { headers: { Authorization: `Bearer ${civitaiToken}` } };

describe("search: what `query` matches (CIV-SRCH-10, models.search-index.ts:55)", () => {
  it("matches model names, never file names", async () => {
    expect((await search("query=juggernaut")).body.items.map((item) => item.name)).toEqual(["Juggernaut XL"]);
    // The file is juggernautXL_v9.safetensors; Civitai does not index file names.
    expect((await search("query=juggernautXL_v9")).body.items).toEqual([]);
  });

  it("matches the creator's user name and trigger words", async () => {
    expect((await search("query=KandooAI")).body.items.map((item) => item.name)).toEqual(["Juggernaut XL"]);
    expect((await search("query=gatekeeper")).body.items.map((item) => item.name)).toEqual(["Locked Styles"]);
  });

  it("matches a main-weight file's SHA-256 or AutoV2, lower-cased, but never AutoV1 (model.selector.ts hashes)", async () => {
    const file = sim.fileInfo({ civitaiFileId: 111 });
    expect((await search(`query=${file.sha256}`)).body.items.map((item) => item.id)).toEqual([1]);
    expect((await search(`query=${file.autoV2.toLowerCase()}`)).body.items.map((item) => item.id)).toEqual([1]);
    const { body } = await getJson<VersionJson>("/api/v1/model-versions/11");
    const autoV1 = body.files[0]?.hashes.AutoV1 ?? "";
    expect(autoV1).toMatch(/^[0-9A-F]{8}$/);
    expect((await search(`query=${autoV1}`)).body.items).toEqual([]);
  });

  it("keeps matching with the last query words dropped, ranked by thumbs-up before words matched (:137-144)", async () => {
    const { body } = await search("query=juggernaut%20xl%20v9%20rundiffusion");
    expect(body.items.map((item) => item.name)).toEqual(["Juggernaut XL"]);
  });
});

describe("search: parameters (CIV-SRCH-01…08, src/pages/api/v1/models/index.ts)", () => {
  it("takes repeated types only: a comma-joined list is one invalid enum value, a 400 (model.schema.ts:77-81)", async () => {
    expect((await search("query=juggernaut&types=Checkpoint&types=LORA")).body.items).toHaveLength(1);
    expect((await search("query=juggernaut&types=Checkpoint,LORA")).status).toBe(400);
    expect((await search("query=juggernaut&types=checkpoint")).status).toBe(400);
  });

  it("knows the 2026 types UNet, TextEncoder and CLIPVision (commit bb7e9c7560)", async () => {
    expect((await search("query=flux&types=UNet")).body.items.map((item) => item.name)).toEqual(["Flux.1 Dev GGUF"]);
    expect((await search("types=TextEncoder&types=CLIPVision")).status).toBe(200);
  });

  it("filters types inside the search, over every match (CIV-SRCH-13, since 7f34924bca)", async () => {
    expect((await search("query=juggernaut&types=LORA")).body.items).toEqual([]);
  });

  it("refuses limit over 100, and page together with query (index.ts:41, :91-96)", async () => {
    expect((await search("query=style&limit=101")).status).toBe(400);
    expect((await search("query=style&page=2")).body).toEqual({ error: "Cannot use page param with query search. Use cursor-based pagination." });
  });

  it("answers too many pages with 429 before it looks at the query (index.ts:72-79)", async () => {
    expect((await search("query=style&page=20&limit=100")).status).toBe(429);
  });

  it("pages with an opaque offset cursor; the last page has no nextCursor at all (CIV-SRCH-14/15)", async () => {
    const names: string[] = [];
    let next: string | undefined = `${sim.civitaiUrl}/api/v1/models?query=style%20lora&types=LORA&limit=2`;
    let pages = 0;
    while (next) {
      const body = (await (await fetch(next)).json()) as SearchJson;
      names.push(...body.items.map((item) => item.name));
      if (!body.metadata.nextPage) expect(body.metadata).not.toHaveProperty("nextCursor");
      next = body.metadata.nextPage;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(names).toEqual(["Style LoRA 0", "Style LoRA 1", "Style LoRA 2", "Style LoRA 3", "Style LoRA 4"]);
  });

  it("can be overloaded: 503 with Retry-After: 2 and no-store (index.ts:124-134)", async () => {
    sim.addFault(civitaiSearchOverloaded());
    const response = await fetch(`${sim.civitaiUrl}/api/v1/models?query=style`);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("2");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ error: "Model search is temporarily overloaded \u2014 please retry." });
  });

  it("sends CORS and, to anonymous callers, CDN cache headers (endpoint-helpers.ts:90-122)", async () => {
    const anonymous = await search("query=style");
    expect(anonymous.headers.get("access-control-allow-origin")).toBe("*");
    expect(anonymous.headers.get("cache-control")).toBe("public, s-maxage=300, stale-while-revalidate=150");
    const signedIn = await getJson("/api/v1/models?query=style", withKey);
    expect(signedIn.headers.get("cache-control")).toBeNull();
    expect((await fetch(`${sim.civitaiUrl}/api/v1/models`, { method: "HEAD" })).status).toBe(405);
  });
});

describe("search: files of a version (CIV-SRCH-23…26, model-search.service.ts:244-302)", () => {
  it("marks the primary file primary: true and leaves the key out on the others — never primary: false (:273)", async () => {
    const [safetensors, ckpt] = (await search("query=juggernaut")).body.items[0]?.modelVersions[0]?.files ?? [];
    expect(safetensors).toMatchObject({ name: "juggernautXL_v9.safetensors", primary: true });
    expect(ckpt?.name).toBe("juggernautXL_v9.ckpt");
    expect(ckpt).not.toHaveProperty("primary");
  });

  it("gives the primary file the bare URL and the others type, format, size, fp in that order, never fileId (model-helpers.ts:8-32)", async () => {
    const [safetensors, ckpt] = (await search("query=juggernaut")).body.items[0]?.modelVersions[0]?.files ?? [];
    expect(safetensors?.downloadUrl).toBe(`${sim.civitaiUrl}/api/download/models/11`);
    expect(ckpt?.downloadUrl).toBe(`${sim.civitaiUrl}/api/download/models/11?type=Model&format=PickleTensor&size=full&fp=fp32`);
    const ggufs = (await search("query=flux")).body.items[0]?.modelVersions[0]?.files ?? [];
    expect(ggufs.map((file) => file.downloadUrl).join(" ")).not.toContain("fileId");
  });

  it("picks the primary with the caller's file preferences (model-search.service.ts:222)", async () => {
    sim.setOptions({ civitaiAccount: { username: "tester", filePreferences: { format: "PickleTensor", fp: "fp32", size: "full" } } });
    const files = (await getJson<SearchJson>("/api/v1/models?query=juggernaut", withKey)).body.items[0]?.modelVersions[0]?.files ?? [];
    expect(files.find((file) => file.primary)?.name).toBe("juggernautXL_v9.ckpt");
  });

  it("publishes two files of one version under the same download name (CIV-NAME-02)", async () => {
    const files = (await search("query=flux")).body.items[0]?.modelVersions[0]?.files ?? [];
    expect(files.map((file) => file.name)).toEqual(["flux1DevGGUF_v10.gguf", "flux1DevGGUF_v10.gguf"]);
    expect(files[0]?.hashes.SHA256).not.toBe(files[1]?.hashes.SHA256);
    expect(files.map((file) => file.metadata.quantType)).toEqual(["Q8_0", "Q4_K_M"]);
  });

  it("shows an archived model's versions without files or downloadUrl", async () => {
    const version = (await search("query=retired")).body.items[0]?.modelVersions[0];
    expect(version?.files).toEqual([]);
    expect(version).not.toHaveProperty("downloadUrl");
  });

  it("carries availability and paidAccess on search versions (caches.ts:644; paidAccess since 5a0945a79a, 2026-07-30)", async () => {
    const versions = (await search("query=locked")).body.items[0]?.modelVersions ?? [];
    expect(versions.find((version) => version.id === 23)).toMatchObject({ availability: "EarlyAccess", paidAccess: { permanent: false } });
    expect(versions.find((version) => version.id === 21)).toMatchObject({ availability: "Public", paidAccess: null });
  });
});

describe("model versions and by-hash (CIV-MV, CIV-HASH; model-versions/[id].ts, by-hash/[hash].ts)", () => {
  it("answers with a boolean primary chosen with the default preferences, and no availability", async () => {
    sim.setOptions({ civitaiAccount: { username: "tester", filePreferences: { format: "PickleTensor" } } });
    const { body } = await getJson<VersionJson>("/api/v1/model-versions/11", withKey);
    expect(body.files.map((file) => file.primary)).toEqual([true, false]);
    expect(body).not.toHaveProperty("availability");
    expect(body).toMatchObject({ paidAccess: null, model: { name: "Juggernaut XL" } });
    expect(body.files[0]?.metadata).toEqual({ format: "SafeTensor", size: "pruned", fp: "fp16" });
  });

  it("finds a version by any stored hash type, upper-casing the input (by-hash/[hash].ts:9-26)", async () => {
    const info = sim.fileInfo({ civitaiFileId: 112 });
    const { body: version } = await getJson<VersionJson>("/api/v1/model-versions/11");
    const ckpt = version.files[1]!;
    for (const hash of [info.sha256, info.sha256.toUpperCase(), info.autoV2.toLowerCase(), ckpt.hashes.CRC32!, ckpt.hashes.AutoV1!.toLowerCase()]) {
      const { status, body, headers } = await getJson<VersionJson>(`/api/v1/model-versions/by-hash/${hash}`);
      expect(status).toBe(200);
      expect(body.id).toBe(11);
      expect(headers.get("cache-control")).toBe("public, s-maxage=3600, stale-while-revalidate=1800");
    }
  });

  it("answers 404 Model not found for an unknown hash or version, 400 for a bad id (:46-56)", async () => {
    expect(await getJson(`/api/v1/model-versions/by-hash/${"0".repeat(64)}`)).toMatchObject({ status: 404, body: { error: "Model not found" } });
    expect((await getJson("/api/v1/model-versions/999")).status).toBe(404);
    expect((await getJson("/api/v1/model-versions/abc")).status).toBe(400);
  });

  it("lists no files and no downloadUrl for an archived model (:195, 244-278)", async () => {
    const { body } = await getJson<VersionJson>("/api/v1/model-versions/61");
    expect(body.files).toEqual([]);
    expect(body).not.toHaveProperty("downloadUrl");
  });
});

describe("downloads (CIV-DL, src/pages/api/download/models/[modelVersionId].ts and file.service.ts)", () => {
  const download = (path: string, init: RequestInit = {}) => fetch(`${sim.civitaiUrl}/api/download/models/${path}`, { redirect: "manual", ...init });

  it("redirects with 307 to a 24-hour SigV4 URL on the storage host, with no-store (dl:45, :244)", async () => {
    const response = await download("11");
    expect(response.status).toBe(307);
    expect(response.headers.get("cache-control")).toBe("no-store, max-age=0");
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.hostname).toBe("localhost");
    expect(location.searchParams.get("X-Amz-Expires")).toBe("86400");
    expect(location.searchParams.get("X-Amz-SignedHeaders")).toBe("host");
  });

  it("serves the exact file ?fileId= names, and 404 for a file of another version (CIV-SEL-01, fs:297-301)", async () => {
    expect(decodeURIComponent(await civitaiStorageUrl(sim, 11, "?fileId=112"))).toContain("juggernautXL_v9.ckpt");
    expect(decodeURIComponent(await civitaiStorageUrl(sim, 51, "?fileId=512"))).toContain("/512/");
    expect((await download("11?fileId=512")).status).toBe(404);
    expect((await download("11?fileId=abc")).status).toBe(400);
  });

  it("picks by the caller's preferences without fileId, so the bare URL can serve another file (CIV-SEL-03)", async () => {
    sim.setOptions({ civitaiAccount: { username: "tester", filePreferences: { format: "PickleTensor" } } });
    expect(decodeURIComponent(await civitaiStorageUrl(sim, 11, "", withKey.headers))).toContain("juggernautXL_v9.ckpt");
    expect(decodeURIComponent(await civitaiStorageUrl(sim, 11))).toContain("juggernautXL_v9.safetensors");
  });

  it("answers 404 when a query value disagrees with the file the score chose (misalignment, dl:191-202)", async () => {
    expect(decodeURIComponent(await civitaiStorageUrl(sim, 11, "?type=Model&format=PickleTensor"))).toContain("juggernautXL_v9.ckpt");
    // SafeTensor outscores fp32, so the pruned fp16 file is chosen, and its fp disagrees with the query.
    expect((await download("11?type=Model&format=SafeTensor&fp=fp32")).status).toBe(404);
  });

  it("validates the query: an unknown type is a 400 (dl:18-26)", async () => {
    expect((await download("11?type=Checkpoint")).status).toBe(400);
  });

  it("answers in Civitai's order: archived 410 even to anonymous callers, before anything about login (fs:235-236)", async () => {
    sim.setOptions({ requireCivitaiTokenForDownloads: true });
    expect(await getJson("/api/download/models/61")).toMatchObject({ status: 410, body: { error: "Model archived, not available for download" } });
  });

  it("treats an unknown key as anonymous: login-required answers 401 either way (bearer-token.ts:15-43)", async () => {
    const expected = { error: "Unauthorized", message: "The creator of this asset requires you to be logged in to download it" };
    expect(await getJson("/api/download/models/21")).toMatchObject({ status: 401, body: expected });
    expect(await getJson("/api/download/models/21", { headers: { Authorization: "Bearer nope" } })).toMatchObject({ status: 401, body: expected });
    expect((await download("21", withKey)).status).toBe(307);
    expect((await download(`21?token=${civitaiToken}`)).status).toBe(307);
    // The key is the second word of Authorization (get-server-auth-session.ts:67-74): a bare key is no key.
    expect((await download("21", { headers: { Authorization: civitaiToken } })).status).toBe(401);
  });

  it("puts disabled downloads before login, and login before early access (fs:259-276)", async () => {
    expect((await getJson<{ message: string }>("/api/download/models/22")).body.message).toContain("disabled downloads");
    sim.setOptions({ requireCivitaiTokenForDownloads: true });
    expect((await download("23")).status).toBe(401);
    expect(await getJson("/api/download/models/23", withKey)).toMatchObject({
      status: 403,
      body: { error: "Early Access", deadline: "2999-01-01T00:00:00.000Z", message: "This asset is in Early Access. You can use Buzz access it now!" },
    });
  });

  it("lets a key holder who bought early access through", async () => {
    sim.setOptions({ civitaiAccount: { username: "tester", unlockedVersionIds: [23] } });
    expect((await download("23", withKey)).status).toBe(307);
  });

  it("answers 403 no access to a signed-in caller and 401 login to an anonymous one (fs:280-283, since 12827b81ce)", async () => {
    expect(await getJson("/api/download/models/24", withKey)).toMatchObject({ status: 403, body: { error: "You do not have access to download this file" } });
    expect((await download("24")).status).toBe(401);
  });

  it("counts every download that reaches the redirect, followed or not, HEAD included (dl:204-244; endpoint-helpers.ts:124-138)", async () => {
    const before = sim.counters().civitaiDownloadsByVersion[11] ?? 0;
    await download("11");
    await download("11", { method: "HEAD" });
    expect(sim.counters().civitaiDownloadsByVersion[11]).toBe(before + 2);
  });

  it("answers the download limiter's 429 first, before validating the query (dl:112-124)", async () => {
    sim.setOptions({ civitaiDownloadLimit: 0 });
    const limited = await getJson<{ error: string }>("/api/download/models/11?type=Checkpoint");
    expect(limited.status).toBe(429);
    expect(limited.body.error).toContain("unusual amount of downloading");
    expect(limited.headers.get("retry-after")).toBeNull();
  });

  it("sends browsers to the sign-in page and plain-text errors (request-helpers.ts:4-10; login-helpers.ts:52-54)", async () => {
    const browser = { headers: { "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0" } };
    const login = await download("21", browser);
    expect(login.status).toBe(307);
    expect(login.headers.get("location")).toBe("/login?returnUrl=%2Fmodel-versions%2F21&reason=download-auth");
    const archived = await download("61", browser);
    expect(await archived.text()).toBe("Model archived, not available for download");
  });

  it("lets presigned URLs expire, and refuses a tampered signature", async () => {
    sim.setOptions({ presignTtlMs: 50 });
    const location = await civitaiStorageUrl(sim, 11);
    await new Promise((resolve) => setTimeout(resolve, 120));
    const expired = await fetch(location);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain("Request has expired");
    const tampered = new URL(await civitaiStorageUrl(sim, 11));
    tampered.searchParams.set("X-Sim-Expires-At", String(Date.now() + 10 * 3600_000));
    expect((await fetch(tampered)).status).toBe(403);
  });
});

describe("account and enums", () => {
  it("checks a key on /api/v1/me: 401 Unauthorized for none or an unknown one, the account for a valid one (me.ts)", async () => {
    expect(await getJson("/api/v1/me")).toMatchObject({ status: 401, body: { error: "Unauthorized" } });
    expect((await getJson("/api/v1/me", { headers: { Authorization: "Bearer nope" } })).status).toBe(401);
    const { status, body } = await getJson<Record<string, unknown>>("/api/v1/me", withKey);
    expect(status).toBe(200);
    expect(body).toMatchObject({ username: "tester", status: "active", subject: { type: "apiKey" } });
    expect(Object.keys(body).sort()).toEqual(["buzzLimit", "id", "isMember", "status", "subject", "subscriptions", "tier", "tokenScope", "username"]);
    expect((await fetch(`${sim.civitaiUrl}/api/v1/me`, { method: "POST", ...withKey })).status).toBe(405);
  });

  it("lists the 23 model types of /api/v1/enums (enums.ts:136-160)", async () => {
    const { body } = await getJson<{ ModelType: string[]; ModelFileType: string[] }>("/api/v1/enums");
    expect(body.ModelType).toHaveLength(23);
    expect(body.ModelType).toEqual(expect.arrayContaining(["UNet", "TextEncoder", "CLIPVision", "CLIP", "LLM"]));
    expect(body.ModelFileType).toContain("Diffusion Model");
  });
});

describe("download names (CIV-NAME-01, file.service.ts:402-448, string-helpers.ts:133-163)", () => {
  it("names a model file {filenamize(model)}_{filenamize(version)}", () => {
    expect(civitaiDownloadName("DreamShaper", "8", ".safetensors")).toBe("dreamshaper_8.safetensors");
    expect(civitaiDownloadName("WAI-illustrious-SDXL", "v16.0", ".safetensors")).toBe("waiIllustriousSDXL_v160.safetensors");
    expect(filenamize("Juggernaut XL")).toBe("juggernautXL");
    expect(civitaiDownloadName("Juggernaut XL", "v9 + RunDiffusionPhoto 2", "safetensors")).toBe("juggernautXL_v9Rundiffusionphoto2.safetensors");
  });
});

describe("Cloudflare in front of Civitai (CIV-COM-08)", () => {
  it("answers a challenge as 403 HTML with cf-mitigated: challenge, never a 200", async () => {
    sim.addFault(cloudflareChallenge("civitai", "/api/v1/models"));
    const response = await fetch(`${sim.civitaiUrl}/api/v1/models?query=style`);
    expect(response.status).toBe(403);
    expect(response.headers.get("cf-mitigated")).toBe("challenge");
    expect(response.headers.get("content-type")).toContain("text/html");
  });
});
