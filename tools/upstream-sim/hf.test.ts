// Contract tests of the simulated Hugging Face Hub. Rules cite huggingface_hub@ee0a4510f (hfh), huggingface.js@fe42e6801
// (hfjs) and hub-docs@242f4a1e (docs); IDs (HF-…) are those of the simulator's specification. Three answers are
// compared with real ones recorded by those projects (recorded/*.json, each naming its recording); the rest are
// checked against the clients' parsing code.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startUpstreamSim, type UpstreamSim } from "./index";
import { testCatalogue } from "./test-support";

let sim: UpstreamSim;
const hfToken = "hf_valid";
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  sim = await startUpstreamSim({ catalogue: testCatalogue(), hfToken, hfAccount: { name: "tester", role: "read" } });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.clearFaults();
  sim.setOptions({ hfEnforceQuota: false, hfTreePageSize: undefined });
});

function hf(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${sim.hfUrl}${path}`, { redirect: "manual", ...init });
}
const json = async <T>(path: string, init: RequestInit = {}) => (await (await hf(path, init)).json()) as T;

const recorded = <T>(name: string): T => {
  const { _source: _, ...rest } = JSON.parse(readFileSync(new URL(`./recorded/${name}`, import.meta.url), "utf8")) as Record<string, unknown>;
  return rest as T;
};

type TreeEntry = { type: string; path: string; size: number; oid: string; lfs?: { oid: string; size: number; pointerSize: number }; xetHash?: string };
type Sibling = { rfilename: string; size?: number; blobId?: string; lfs?: { sha256: string; size: number; pointerSize: number } };

describe("recorded answers", () => {
  it("sends only keys the real model info has (recorded: hfh cassette InferenceApiTest.test_simple_inference.yaml, 2025-01-22)", async () => {
    const real = recorded<Record<string, unknown>>("model-info.bert-base-uncased.recorded-2025-01-22.json");
    const simulated = await json<Record<string, unknown>>("/api/models/comfyanonymous/flux_text_encoders");
    expect(Object.keys(simulated).filter((key) => !(key in real))).toEqual([]);
    for (const key of ["id", "sha", "gated", "private", "siblings", "downloads"]) expect(simulated).toHaveProperty(key);
  });

  it("sends the Hub's header set on API answers (recorded: same interaction)", async () => {
    const real = recorded<{ headers: Record<string, string> }>("model-info.bert-base-uncased.recorded-2025-01-22.headers.json").headers;
    const response = await hf("/api/models/comfyanonymous/flux_text_encoders");
    expect(response.headers.get("access-control-expose-headers")).toBe(real["Access-Control-Expose-Headers"]);
    expect(response.headers.get("x-powered-by")).toBe(real["X-Powered-By"]);
    expect(response.headers.get("content-type")).toBe(real["Content-Type"]);
    expect(response.headers.get("x-request-id")).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}/);
  });

  it("answers a renamed repo with a relative 307 and a text body (recorded: same cassette, interaction 0)", async () => {
    const real = recorded<{ status: number; headers: Record<string, string>; body: string }>("model-info.renamed-307.recorded-2025-01-22.json");
    const response = await hf("/api/models/Comfy-Org/Wan_2.1_ComfyUI");
    expect(response.status).toBe(real.status);
    expect(response.headers.get("content-type")).toBe(real.headers["Content-Type"]);
    expect(response.headers.get("vary")).toBe(real.headers.Vary);
    const location = response.headers.get("location") ?? "";
    expect(location).toBe("/api/models/Comfy-Org/Wan_2.1_ComfyUI_repackaged");
    expect(await response.text()).toBe(real.body.replace("/api/models/google-bert/bert-base-uncased", location));
  });

  it("answers whoami-v2 with the recorded key set (recorded: hfjs lib/who-am-i.spec.ts against hub-ci)", async () => {
    const real = recorded<Record<string, unknown> & { auth: { accessToken: object } }>("whoami-v2.recorded-hubci.json");
    const simulated = await json<Record<string, unknown> & { auth: { accessToken: object } }>("/api/whoami-v2", { headers: auth(hfToken) });
    expect(Object.keys(simulated).sort()).toEqual(Object.keys(real).sort());
    expect(Object.keys(simulated.auth.accessToken).sort()).toEqual(Object.keys(real.auth.accessToken).sort());
    expect(simulated).toMatchObject({ name: "tester", auth: { type: "access_token", accessToken: { role: "read" } } });
    expect((await hf("/api/whoami-v2")).status).toBe(401);
  });
});

describe("search (HF-SRCH, docs api.md:36 @4910c3c9; hfh hf_api.py list_models)", () => {
  it("matches repo ids by substring, never file names", async () => {
    expect((await json<{ id: string }[]>("/api/models?search=flux&limit=10")).map((repo) => repo.id).sort()).toEqual([
      "black-forest-labs/FLUX.1-dev",
      "comfyanonymous/flux_text_encoders",
    ]);
    expect(await json("/api/models?search=clip_l")).toEqual([]);
    expect(await json("/api/models?search=secret")).toEqual([]);
  });

  it("lists siblings, sha and gated only with full=true (hfjs list-models.ts:9-16)", async () => {
    const [plain] = await json<Record<string, unknown>[]>("/api/models?search=FLUX.1-dev");
    expect(plain).not.toHaveProperty("siblings");
    expect(plain).not.toHaveProperty("gated");
    const [full] = await json<Record<string, unknown>[]>("/api/models?search=FLUX.1-dev&full=true");
    expect(full).toMatchObject({ gated: "manual", siblings: [{ rfilename: "ae.safetensors" }] });
    expect((await hf("/api/models?search=flux&full=true&expand=gated")).status).toBe(400);
  });

  it("pages with a Link rel=next header, absent on the last page (hfh utils/_pagination.py:27-52)", async () => {
    const first = await hf("/api/models?search=o&limit=2&sort=downloads");
    const link = first.headers.get("link") ?? "";
    expect(link).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/api\/models\?.*cursor=.+>; rel="next"$/);
    const ids = ((await first.json()) as { id: string }[]).map((repo) => repo.id);
    expect(ids[0]).toBe("black-forest-labs/FLUX.1-dev");
    let next: string | undefined = /<([^>]+)>/.exec(link)?.[1];
    while (next) {
      const page = await fetch(next);
      ids.push(...((await page.json()) as { id: string }[]).map((repo) => repo.id));
      next = /<([^>]+)>/.exec(page.headers.get("link") ?? "")?.[1];
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(2);
  });
});

describe("model info and tree (HF-INFO, HF-TREE)", () => {
  it("puts the SHA-256 in lfs.sha256 with ?blobs=true, never lfs.oid (hfh hf_api.py:1085-1100)", async () => {
    const info = await json<{ siblings: Sibling[] }>("/api/models/comfyanonymous/flux_text_encoders?blobs=true");
    const clip = info.siblings.find((sibling) => sibling.rfilename === "clip_l.safetensors");
    expect(clip).toMatchObject({ size: 200 * 1024, lfs: { sha256: sim.fileInfo("clip_l.safetensors").sha256, size: 200 * 1024, pointerSize: 134 } });
    expect(clip?.lfs).not.toHaveProperty("oid");
    expect(info.siblings.find((sibling) => sibling.rfilename === "config.json")).not.toHaveProperty("lfs");
    expect((await json<{ siblings: Sibling[] }>("/api/models/comfyanonymous/flux_text_encoders")).siblings[0]).toEqual({ rfilename: "clip_l.safetensors" });
  });

  it("can truncate siblings on a big repo (hfh PR #3565), while the tree lists every file", async () => {
    const info = await json<{ siblings: Sibling[] }>("/api/models/org/big-repo?blobs=true");
    expect(info.siblings).toHaveLength(2);
    const tree = await json<TreeEntry[]>("/api/models/org/big-repo/tree/main?recursive=true");
    expect(tree.filter((entry) => entry.type === "file")).toHaveLength(5);
  });

  it("pages the tree through Link (1000 entries a page, hfh hf_api.py:3994-3998)", async () => {
    sim.setOptions({ hfTreePageSize: 2 });
    const first = await hf("/api/models/org/big-repo/tree/main?recursive=true&expand=false");
    expect(((await first.json()) as TreeEntry[]).length).toBe(2);
    expect(first.headers.get("link")).toMatch(/rel="next"$/);
  });

  it("lists a tree with lfs.oid as the SHA-256 and xetHash on Xet repos (hfjs types/api/api-index-tree.ts)", async () => {
    const all = await json<TreeEntry[]>("/api/models/comfyanonymous/flux_text_encoders/tree/main?recursive=true");
    const t5 = all.find((entry) => entry.path === "split_files/text_encoders/t5xxl_fp8.safetensors");
    const info = sim.fileInfo("t5xxl_fp8.safetensors");
    expect(t5).toMatchObject({ type: "file", size: info.size, lfs: { oid: info.sha256, size: info.size } });
    expect(t5).not.toHaveProperty("xetHash");
    const top = await json<TreeEntry[]>("/api/models/comfyanonymous/flux_text_encoders/tree/main");
    expect(top.map((entry) => `${entry.type}:${entry.path}`).sort()).toEqual([
      "directory:quant",
      "directory:split_files",
      "file:clip_l.safetensors",
      "file:config.json",
    ]);
    const xet = await json<TreeEntry[]>("/api/models/Comfy-Org/Wan_2.1_ComfyUI_repackaged/tree/main?recursive=true");
    expect(xet.find((entry) => entry.type === "file")?.xetHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("answers an unknown revision with RevisionNotFound (hfh tests/test_hf_api.py:1651-1660)", async () => {
    const response = await hf("/api/models/comfyanonymous/flux_text_encoders/revision/nope");
    expect(response.status).toBe(404);
    expect(response.headers.get("x-error-code")).toBe("RevisionNotFound");
  });
});

describe("/resolve (HF-RES)", () => {
  it("redirects an LFS file with 302 to a CloudFront-signed CDN URL with X-Linked-Size and X-Linked-Etag (hfh file_download.py:1626-1641)", async () => {
    const info = sim.fileInfo("clip_l.safetensors");
    for (const method of ["GET", "HEAD"]) {
      const response = await hf("/comfyanonymous/flux_text_encoders/resolve/main/clip_l.safetensors", { method });
      expect(response.status).toBe(302);
      expect(response.headers.get("x-linked-etag")).toBe(`"${info.sha256}"`);
      expect(response.headers.get("x-linked-size")).toBe(String(info.size));
      expect(response.headers.get("x-repo-commit")).toMatch(/^[0-9a-f]{40}$/);
      const location = new URL(response.headers.get("location") ?? "");
      expect(location.searchParams.has("Key-Pair-Id")).toBe(true);
    }
    const followed = await fetch(`${sim.hfUrl}/comfyanonymous/flux_text_encoders/resolve/main/clip_l.safetensors`);
    expect((await followed.arrayBuffer()).byteLength).toBe(info.size);
  });

  it("sends a Xet file through the bridge with X-Xet-Hash and the Link rels (hfh utils/_xet.py:32-64)", async () => {
    const response = await hf("/Comfy-Org/Wan_2.1_ComfyUI_repackaged/resolve/main/split_files/vae/wan_2.1_vae.safetensors");
    expect(response.status).toBe(302);
    expect(response.headers.get("x-xet-hash")).toMatch(/^[0-9a-f]{64}$/);
    expect(response.headers.get("link")).toMatch(
      /rel="xet-auth", <https:\/\/cas-server\.xethub\.hf\.co\/v2\/reconstructions\/[0-9a-f]{64}>; rel="xet-reconstruction-info"/,
    );
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.pathname.startsWith("/xet-bridge-us/")).toBe(true);
    expect(location.searchParams.get("X-Amz-Expires")).toBe("3600");
  });

  it("hands out a Xet read token where the Link's xet-auth points (hub-docs docs/xet/auth.md:42-66)", async () => {
    const response = await hf("/Comfy-Org/Wan_2.1_ComfyUI_repackaged/resolve/main/split_files/vae/wan_2.1_vae.safetensors", { method: "HEAD" });
    const auth = /<([^>]+)>; rel="xet-auth"/.exec(response.headers.get("link") ?? "")?.[1] ?? "";
    const token = (await (await fetch(auth)).json()) as { accessToken: string; exp: number; casUrl: string };
    expect(token).toMatchObject({ accessToken: expect.stringMatching(/^xet_/), casUrl: "https://cas-server.xethub.hf.co" });
    expect(token.exp).toBeGreaterThan(Date.now() / 1000);
  });

  it("sends a small git file through a relative 307 to /api/resolve-cache (swift-transformers PR #209)", async () => {
    const response = await hf("/comfyanonymous/flux_text_encoders/resolve/main/config.json");
    expect(response.status).toBe(307);
    const location = response.headers.get("location") ?? "";
    expect(location).toMatch(/^\/api\/resolve-cache\/models\/comfyanonymous\/flux_text_encoders\/[0-9a-f]{40}\/config\.json\?etag=/);
    const cached = await hf(location);
    expect(cached.status).toBe(200);
    expect((await cached.arrayBuffer()).byteLength).toBe(300);
  });

  it("answers a renamed repo's file with a relative 307 to the new path (hfh tests/test_file_download.py:142-162)", async () => {
    const response = await hf("/Comfy-Org/Wan_2.1_ComfyUI/resolve/main/split_files/vae/wan_2.1_vae.safetensors");
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("/Comfy-Org/Wan_2.1_ComfyUI_repackaged/resolve/main/split_files/vae/wan_2.1_vae.safetensors");
  });
});

describe("errors (HF-COM-05, HF-INFO-04/07, HF-RES-07/08; hfh utils/_http.py:803-879)", () => {
  it("refuses an invalid token everywhere, public files included (hfh#1124)", async () => {
    for (const path of ["/api/models?search=flux", "/comfyanonymous/flux_text_encoders/resolve/main/clip_l.safetensors"]) {
      const response = await hf(path, { headers: auth("hf_stale") });
      expect(response.status).toBe(401);
      expect(response.headers.get("x-error-message")).toBe("Invalid credentials in Authorization header");
      expect(await response.json()).toEqual({ error: "Invalid credentials in Authorization header" });
    }
  });

  it("answers GatedRepo 401 without a token, 403 with the page to visit when not authorised (hfh errors.py:340-348)", async () => {
    const anonymous = await hf("/black-forest-labs/FLUX.1-dev/resolve/main/ae.safetensors");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("x-error-code")).toBe("GatedRepo");
    expect((await hf("/black-forest-labs/FLUX.1-dev/resolve/main/ae.safetensors", { headers: auth(hfToken) })).status).toBe(302);
    const unaccepted = await hf("/org/needs-license/resolve/main/model.safetensors", { headers: auth(hfToken) });
    expect(unaccepted.status).toBe(403);
    expect(unaccepted.headers.get("x-error-message")).toContain(`${sim.hfUrl}/org/needs-license`);
    // Model info of a gated repo stays public (dkackman/diffusers-workflow#186).
    expect((await hf("/api/models/black-forest-labs/FLUX.1-dev")).status).toBe(200);
  });

  it("answers a missing repo 401 without X-Error-Code from the API, 404 RepoNotFound with a token (hfjs check-repo-access.spec.ts:7-29)", async () => {
    const anonymous = await hf("/api/models/org/missing");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("x-error-code")).toBeNull();
    const withToken = await hf("/api/models/org/missing", { headers: auth(hfToken) });
    expect(withToken.status).toBe(404);
    expect(withToken.headers.get("x-error-code")).toBe("RepoNotFound");
    expect((await hf("/org/secret/resolve/main/secret.safetensors")).status).toBe(401);
    expect((await hf("/org/secret/resolve/main/secret.safetensors", { headers: auth(hfToken) })).status).toBe(302);
  });

  it("answers a disabled repo 403 with only X-Error-Message (hfh _http.py:826-834)", async () => {
    const response = await hf("/api/models/org/disabled");
    expect(response.status).toBe(403);
    expect(response.headers.get("x-error-code")).toBeNull();
    expect(response.headers.get("x-error-message")).toBe("Access to this resource is disabled.");
  });

  it("answers EntryNotFound for a missing file", async () => {
    const response = await hf("/comfyanonymous/flux_text_encoders/resolve/main/nope.safetensors");
    expect(response.status).toBe(404);
    expect(response.headers.get("x-error-code")).toBe("EntryNotFound");
  });
});

describe("rate limits (HF-COM-02/03, docs rate-limits.md:46-77)", () => {
  it("sends RateLimit and RateLimit-Policy on every answer, by bucket", async () => {
    const api = await hf("/api/models?search=flux");
    expect(api.headers.get("ratelimit")).toMatch(/^"api";r=\d+;t=\d+$/);
    expect(api.headers.get("ratelimit-policy")).toBe(`"fixed window";"api";q=500;w=300`);
    const resolve = await hf("/comfyanonymous/flux_text_encoders/resolve/main/clip_l.safetensors", { method: "HEAD" });
    expect(resolve.headers.get("ratelimit-policy")).toBe(`"fixed window";"resolvers";q=3000;w=300`);
    const signedIn = await hf("/api/models?search=flux", { headers: auth(hfToken) });
    expect(signedIn.headers.get("ratelimit-policy")).toBe(`"fixed window";"api";q=1000;w=300`);
  });

  it("answers 429 with r=0 once the quota is used up", async () => {
    sim.setOptions({ hfEnforceQuota: true });
    let response = await hf("/api/models?search=flux");
    for (let call = 0; call < 600 && response.status !== 429; call++) response = await hf("/api/models?search=flux");
    expect(response.status).toBe(429);
    expect(response.headers.get("ratelimit")).toMatch(/^"api";r=0;t=\d+$/);
  });
});
