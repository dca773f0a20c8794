import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startUpstreamSim, type UpstreamSim } from "./index";
import { civitaiStorageUrl, testCatalogue } from "./test-support";

type CivitaiFileJson = {
  name: string;
  sizeKB: number;
  primary: boolean;
  downloadUrl: string;
  hashes: { AutoV2: string; SHA256: string; CRC32: string; BLAKE3: string };
  metadata: { fp: string | null; size: string | null; format: string | null };
};
type CivitaiVersionJson = { id: number; baseModel: string; files: CivitaiFileJson[]; model?: { name: string; type: string } };
type CivitaiSearchJson = {
  items: { id: number; name: string; type: string; modelVersions: CivitaiVersionJson[] }[];
  metadata: { nextCursor?: string; nextPage?: string };
};

let sim: UpstreamSim;
const civitaiToken = "civitai-secret";

beforeAll(async () => {
  sim = await startUpstreamSim({ catalogue: testCatalogue(), civitaiToken });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.clearFaults();
  sim.setOptions({ presignTtlMs: undefined, requireCivitaiTokenForDownloads: false });
});

async function getJson<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const response = await fetch(`${sim.civitaiUrl}${path}`, init);
  return { status: response.status, body: (await response.json()) as T };
}

describe("Civitai model search", () => {
  it("answers in Civitai's shape with hashes, approximate sizeKB and download URLs", async () => {
    const { status, body } = await getJson<CivitaiSearchJson>("/api/v1/models?query=juggernaut&types=Checkpoint");
    expect(status).toBe(200);
    expect(body.items.map((item) => item.name)).toEqual(["Juggernaut XL"]);
    const [primary, pickle] = body.items[0]?.modelVersions[0]?.files ?? [];
    const info = sim.fileInfo("juggernautXL_v9.safetensors");
    expect(primary).toMatchObject({
      name: "juggernautXL_v9.safetensors",
      primary: true,
      sizeKB: Math.round(info.size / 1024),
      downloadUrl: `${sim.civitaiUrl}/api/download/models/11`,
      metadata: { fp: "fp16", size: "pruned", format: "SafeTensor" },
      hashes: { AutoV2: info.autoV2, SHA256: info.sha256.toUpperCase() },
    });
    expect(primary?.hashes.CRC32).toMatch(/^[0-9A-F]{8}$/);
    expect(pickle?.primary).toBe(false);
    expect(pickle?.downloadUrl).toBe(`${sim.civitaiUrl}/api/download/models/11?type=Model&format=PickleTensor&size=full&fp=fp32`);
  });

  it("filters by type", async () => {
    const { body } = await getJson<CivitaiSearchJson>("/api/v1/models?query=juggernaut&types=LORA");
    expect(body.items).toEqual([]);
  });

  it("pages with a cursor and a nextPage URL until the last page", async () => {
    const names: string[] = [];
    let next: string | undefined = `${sim.civitaiUrl}/api/v1/models?query=style%20lora&types=LORA&limit=2`;
    let pages = 0;
    while (next) {
      const response = await fetch(next);
      const body = (await response.json()) as CivitaiSearchJson;
      names.push(...body.items.map((item) => item.name));
      if (body.metadata.nextPage) expect(body.metadata.nextCursor).toBeTruthy();
      next = body.metadata.nextPage;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(names).toEqual(["Style LoRA 0", "Style LoRA 1", "Style LoRA 2", "Style LoRA 3", "Style LoRA 4"]);
  });

  it("refuses page numbers with a query, as Civitai does", async () => {
    const { status } = await getJson("/api/v1/models?query=style&page=2");
    expect(status).toBe(400);
  });

  it("serves a model and a version by id", async () => {
    expect((await getJson<{ name: string }>("/api/v1/models/1")).body.name).toBe("Juggernaut XL");
    const version = await getJson<CivitaiVersionJson>("/api/v1/model-versions/11");
    expect(version.body).toMatchObject({ id: 11, baseModel: "SDXL 1.0", model: { name: "Juggernaut XL", type: "Checkpoint" } });
    expect((await getJson("/api/v1/models/999")).status).toBe(404);
  });
});

describe("Civitai by-hash", () => {
  it("finds a version by SHA-256 or AutoV2 in any case", async () => {
    const info = sim.fileInfo("juggernautXL_v9.ckpt");
    for (const hash of [info.sha256, info.sha256.toUpperCase(), info.autoV2.toLowerCase()]) {
      const { status, body } = await getJson<CivitaiVersionJson>(`/api/v1/model-versions/by-hash/${hash}`);
      expect(status).toBe(200);
      expect(body.id).toBe(11);
    }
  });

  it("answers 404 Model not found for an unknown hash", async () => {
    const { status, body } = await getJson(`/api/v1/model-versions/by-hash/${"0".repeat(64)}`);
    expect(status).toBe(404);
    expect(body).toEqual({ error: "Model not found" });
  });
});

describe("Civitai downloads", () => {
  it("redirects to a presigned URL on the storage host that serves the file", async () => {
    const location = await civitaiStorageUrl(sim, 11);
    expect(location.startsWith(`${sim.storageUrl}/civitai/`)).toBe(true);
    expect(new URL(location).hostname).toBe("localhost");
    expect(location).toMatch(/X-Amz-Expires=\d+/);
    const response = await fetch(location);
    expect(response.status).toBe(200);
    expect(Number(response.headers.get("content-length"))).toBe(sim.fileInfo("juggernautXL_v9.safetensors").size);
    await response.arrayBuffer();
  });

  it("selects a non-primary file by type and format", async () => {
    const location = await civitaiStorageUrl(sim, 11, "?type=Model&format=PickleTensor");
    expect(decodeURIComponent(location)).toContain("juggernautXL_v9.ckpt");
  });

  it("lets presigned URLs expire", async () => {
    sim.setOptions({ presignTtlMs: 50 });
    const location = await civitaiStorageUrl(sim, 11);
    await new Promise((resolve) => setTimeout(resolve, 120));
    const response = await fetch(location);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("Request has expired");
  });

  it("refuses a tampered signature", async () => {
    const location = new URL(await civitaiStorageUrl(sim, 11));
    location.searchParams.set("X-Sim-Expires-At", String(Date.now() + 10 * 3600_000));
    expect((await fetch(location)).status).toBe(403);
  });

  it("asks for a login on files that need one, and accepts the token as header or query", async () => {
    const anonymous = await getJson<{ message: string }>("/api/download/models/21", { redirect: "manual" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({
      error: "Unauthorized",
      message: "The creator of this asset requires you to be logged in to download it",
    });
    const wrong = await fetch(`${sim.civitaiUrl}/api/download/models/21`, { redirect: "manual", headers: { Authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    const withHeader = await fetch(`${sim.civitaiUrl}/api/download/models/21`, {
      redirect: "manual",
      headers: { Authorization: `Bearer ${civitaiToken}` },
    });
    expect(withHeader.status).toBe(307);
    const withQuery = await fetch(`${sim.civitaiUrl}/api/download/models/21?token=${civitaiToken}`, { redirect: "manual" });
    expect(withQuery.status).toBe(307);
  });

  it("can require the token for every download", async () => {
    sim.setOptions({ requireCivitaiTokenForDownloads: true });
    expect((await fetch(`${sim.civitaiUrl}/api/download/models/11`, { redirect: "manual" })).status).toBe(401);
  });

  it("answers disabled downloads, early access and HTML pages like Civitai", async () => {
    const disabled = await getJson<{ message: string }>("/api/download/models/22", { redirect: "manual" });
    expect(disabled.status).toBe(401);
    expect(disabled.body.message).toContain("disabled downloads");
    expect((await fetch(`${sim.civitaiUrl}/api/download/models/23`, { redirect: "manual" })).status).toBe(403);
    const html = await fetch(`${sim.civitaiUrl}/api/download/models/24`, { redirect: "manual" });
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toContain("text/html");
    expect(await html.text()).toMatch(/^<!DOCTYPE html>/);
  });

  it("can send a login redirect through a status fault", async () => {
    sim.addFault({
      server: "civitai",
      pathIncludes: "/api/download/",
      kind: "status",
      status: 307,
      headers: { Location: "/login?returnUrl=%2Fmodels%2F1&reason=download-auth" },
    });
    const response = await fetch(`${sim.civitaiUrl}/api/download/models/11`, { redirect: "manual" });
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toContain("reason=download-auth");
    const login = await fetch(new URL(response.headers.get("location") ?? "", sim.civitaiUrl));
    expect(login.headers.get("content-type")).toContain("text/html");
  });
});
