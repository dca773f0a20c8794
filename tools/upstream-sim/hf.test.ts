import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpstreamSim, type UpstreamSim } from "./index";
import { testCatalogue } from "./test-support";

let sim: UpstreamSim;
const hfToken = "hf_valid";
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  sim = await startUpstreamSim({ catalogue: testCatalogue(), hfToken });
});
afterAll(() => sim.close());

function hf(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${sim.hfUrl}${path}`, { redirect: "manual", ...init });
}

type TreeEntry = { type: string; path: string; size: number; oid: string; lfs?: { oid: string; size: number; pointerSize: number } };

describe("Hugging Face API", () => {
  it("searches repos by id substring with a limit", async () => {
    const response = await hf("/api/models?search=flux&limit=10");
    const repos = (await response.json()) as { id: string; modelId: string }[];
    expect(repos.map((repo) => repo.id).sort()).toEqual(["black-forest-labs/FLUX.1-dev", "comfyanonymous/flux_text_encoders"]);
    expect(repos[0]?.modelId).toBe(repos[0]?.id);
    expect(((await (await hf("/api/models?search=flux&limit=1")).json()) as unknown[]).length).toBe(1);
  });

  it("never lists private repos in search", async () => {
    expect(await (await hf("/api/models?search=secret")).json()).toEqual([]);
  });

  it("describes a repo with siblings and its gating", async () => {
    const info = (await (await hf("/api/models/black-forest-labs/FLUX.1-dev")).json()) as {
      gated: string;
      private: boolean;
      siblings: { rfilename: string }[];
    };
    expect(info).toMatchObject({ gated: "manual", private: false, siblings: [{ rfilename: "ae.safetensors" }] });
  });

  it("lists a tree at the top level, recursively, and under a folder, with LFS sha256", async () => {
    const top = (await (await hf("/api/models/comfyanonymous/flux_text_encoders/tree/main")).json()) as TreeEntry[];
    expect(top.map((entry) => `${entry.type}:${entry.path}`).sort()).toEqual(["directory:quant", "directory:split_files", "file:clip_l.safetensors"]);
    const all = (await (await hf("/api/models/comfyanonymous/flux_text_encoders/tree/main?recursive=true")).json()) as TreeEntry[];
    const t5 = all.find((entry) => entry.path === "split_files/text_encoders/t5xxl_fp8.safetensors");
    const info = sim.fileInfo("t5xxl_fp8.safetensors");
    expect(t5).toMatchObject({ type: "file", size: info.size, lfs: { oid: info.sha256, size: info.size } });
    expect(all.filter((entry) => entry.type === "directory").map((entry) => entry.path)).toContain("split_files/text_encoders");
    const folder = (await (await hf("/api/models/comfyanonymous/flux_text_encoders/tree/main/split_files")).json()) as TreeEntry[];
    expect(folder.map((entry) => entry.path)).toEqual(["split_files/text_encoders"]);
  });

  it("resolves a file with a redirect to storage carrying the linked etag and size", async () => {
    const info = sim.fileInfo("clip_l.safetensors");
    for (const method of ["GET", "HEAD"]) {
      const response = await hf("/comfyanonymous/flux_text_encoders/resolve/main/clip_l.safetensors", { method });
      expect(response.status).toBe(302);
      expect(response.headers.get("x-linked-etag")).toBe(`"${info.sha256}"`);
      expect(response.headers.get("x-linked-size")).toBe(String(info.size));
      expect(response.headers.get("etag")).toBeTruthy();
      expect(response.headers.get("x-repo-commit")).toMatch(/^[0-9a-f]{40}$/);
      expect(response.headers.get("location")?.startsWith(`${sim.storageUrl}/hf/`)).toBe(true);
    }
    const followed = await fetch(`${sim.hfUrl}/comfyanonymous/flux_text_encoders/resolve/main/clip_l.safetensors`);
    expect(followed.status).toBe(200);
    expect((await followed.arrayBuffer()).byteLength).toBe(info.size);
  });
});

describe("Hugging Face errors", () => {
  it("asks for a login on a gated repo without a token", async () => {
    const response = await hf("/black-forest-labs/FLUX.1-dev/resolve/main/ae.safetensors");
    expect(response.status).toBe(401);
    expect(response.headers.get("x-error-code")).toBe("GatedRepo");
    expect(response.headers.get("x-error-message")).toContain("restricted");
  });

  it("lets a valid token through a gated repo whose license was accepted", async () => {
    const response = await hf("/black-forest-labs/FLUX.1-dev/resolve/main/ae.safetensors", { headers: auth(hfToken) });
    expect(response.status).toBe(302);
  });

  it("answers 403 GatedRepo with the page to visit when the license is not accepted", async () => {
    const response = await hf("/org/needs-license/resolve/main/model.safetensors", { headers: auth(hfToken) });
    expect(response.status).toBe(403);
    expect(response.headers.get("x-error-code")).toBe("GatedRepo");
    expect(response.headers.get("x-error-message")).toContain(`${sim.hfUrl}/org/needs-license`);
  });

  it("answers RepoNotFound: 401 without a token, 404 with one; private repos look missing without a token", async () => {
    const anonymous = await hf("/api/models/org/missing");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("x-error-code")).toBe("RepoNotFound");
    expect((await hf("/api/models/org/missing", { headers: auth(hfToken) })).status).toBe(404);
    expect((await hf("/org/secret/resolve/main/secret.safetensors")).status).toBe(401);
    expect((await hf("/org/secret/resolve/main/secret.safetensors", { headers: auth(hfToken) })).status).toBe(302);
  });

  it("answers EntryNotFound for a missing file", async () => {
    const response = await hf("/comfyanonymous/flux_text_encoders/resolve/main/nope.safetensors");
    expect(response.status).toBe(404);
    expect(response.headers.get("x-error-code")).toBe("EntryNotFound");
  });

  it("rejects a wrong token everywhere", async () => {
    const response = await hf("/api/models?search=flux", { headers: auth("hf_stale") });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "Invalid credentials in Authorization header" });
  });

  it("sends Hugging Face's RateLimit header with a 429 when asked", async () => {
    sim.addFault({ server: "hf", kind: "rateLimit", retryAfter: "7", hfRateLimitHeader: true });
    const limited = await hf("/api/models?search=flux");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    expect(limited.headers.get("ratelimit")).toBe(`"api";r=0;t=7`);
    expect((await hf("/api/models?search=flux")).status).toBe(200);
  });
});
