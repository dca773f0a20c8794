// The known-models index: its shipped data, how an entry is found for a reference, how the index is built from
// ComfyUI's published files, and the source that consults it before any search.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelRef, resolverFor, startSim } from "../../../test/fixtures/resolve";
import type { UpstreamSim } from "../../../test/sim";
import { buildKnownModels, canonicalUrl } from "./build";
import { EMPTY_KNOWN_MODELS, knownModelsIndex, type KnownModelsIndex } from "./index-data";
import { knownModelsFor } from "./lookup";

describe("the shipped index (config/known-models.json)", () => {
  const index = knownModelsIndex();

  it("names the source of every fact, and every source it names is listed", () => {
    const ids = new Set(index.sources.map((source) => source.id));
    for (const entry of index.models) {
      expect(entry.from.url.length).toBeGreaterThan(0);
      for (const ref of [...entry.from.url, ...(entry.from.sha256 ?? [])]) expect(ids.has(ref.split(":")[0]!)).toBe(true);
      if (entry.sha256) expect(entry.from.sha256?.length).toBeGreaterThan(0);
    }
    expect(index.models.length).toBeGreaterThan(500);
  });

  it("knows where ComfyUI's templates get flux1-dev and wan_2.1_vae, and who publishes them", () => {
    expect(knownModelsFor(index, { name: "flux1-dev.safetensors", folder: "diffusion_models" })[0]?.entry.hf).toEqual({
      repo: "Comfy-Org/flux1-dev",
      revision: "main",
      path: "flux1-dev.safetensors",
    });
    expect(knownModelsFor(index, { name: "wan_2.1_vae.safetensors", folder: "vae" })[0]?.entry.hf?.repo).toBe("Comfy-Org/Wan_2.1_ComfyUI_repackaged");
    expect(index.publishers.map((publisher) => publisher.owner)).toEqual(expect.arrayContaining(["Comfy-Org", "comfyanonymous", "black-forest-labs"]));
  });

  it("matches the folder key through ComfyUI's aliases, and the workflow's subfolder before another one", () => {
    expect(knownModelsFor(index, { name: "flux1-dev.safetensors", folder: "unet" }).length).toBeGreaterThan(0);
    expect(knownModelsFor(index, { name: "flux1-dev.safetensors", folder: "checkpoints" }).every((match) => match.entry.folderKey === "checkpoints")).toBe(
      true,
    );
    const ae = knownModelsFor(index, { name: "FLUX1/ae.safetensors", folder: "vae" });
    expect(ae[0]).toMatchObject({ listed: true, entry: { folder: "vae/FLUX1" } });
    expect(ae.slice(1).every((match) => !match.listed)).toBe(true);
  });
});

describe("building the index from ComfyUI's files", () => {
  const template = {
    nodes: [
      {
        properties: {
          models: [
            {
              name: "a.safetensors",
              url: "https://huggingface.co/Org/repo/blob/main/a.safetensors?download=true",
              directory: "vae",
              hash: "AB".repeat(32),
              hash_type: "SHA256",
            },
          ],
        },
      },
    ],
    definitions: {
      subgraphs: [
        { nodes: [{ properties: { models: [{ name: "b.gguf", url: "https://huggingface.co/Org/q/resolve/main/b.gguf", directory: "diffusion_models" }] } }] },
      ],
    },
  };
  const managerList = {
    models: [
      {
        name: "A",
        type: "VAE",
        base: "x",
        save_path: "default",
        filename: "a.safetensors",
        url: "https://huggingface.co/Other/mirror/resolve/main/a.safetensors",
        size: "80MB",
      },
      {
        name: "C",
        type: "lora",
        base: "x",
        save_path: "loras/SDXL",
        filename: "c.safetensors",
        url: "https://github.com/o/r/blob/main/c.safetensors",
        size: "1GB",
      },
      { name: "Snapshot", type: "LLM", base: "x", save_path: "LLM", filename: "<huggingface>", url: "o/whole-repo", size: "9GB" },
    ],
  };
  const index = buildKnownModels(
    [
      { id: "templates", repo: "Comfy-Org/workflow_templates", commit: "t1", what: "templates", files: [{ path: "templates/x.json", json: template }] },
      { id: "manager", repo: "Comfy-Org/ComfyUI-Manager", commit: "m1", what: "lists", files: [{ path: "model-list.json", json: managerList }] },
    ],
    { generated: "2026-12-01", about: "test" },
  );

  it("walks subgraphs, prefers the template's URL over Manager's, and keeps each fact's source", () => {
    const a = index.models.find((entry) => entry.name === "a.safetensors");
    expect(a).toMatchObject({
      folder: "vae",
      url: "https://huggingface.co/Org/repo/resolve/main/a.safetensors",
      hf: { repo: "Org/repo", revision: "main", path: "a.safetensors" },
      sha256: "ab".repeat(32),
      sizeText: "80MB",
      from: { url: ["templates:templates/x.json"], sha256: ["templates:templates/x.json"] },
    });
    expect(index.models.find((entry) => entry.name === "b.gguf")?.folderKey).toBe("diffusion_models");
  });

  it("maps Manager's save_path as Manager does, and leaves whole-repo snapshots out", () => {
    expect(index.models.find((entry) => entry.name === "c.safetensors")).toMatchObject({
      folder: "loras/SDXL",
      folderKey: "loras",
      url: "https://github.com/o/r/raw/main/c.safetensors",
    });
    expect(index.models.some((entry) => entry.name === "<huggingface>")).toBe(false);
    expect(index.publishers).toEqual([{ owner: "Org", templateFiles: 1 }]);
    expect(canonicalUrl("https://huggingface.co/a/b/blob/main/c.bin?download=true")).toBe("https://huggingface.co/a/b/resolve/main/c.bin");
  });
});

describe("the known-models source", () => {
  let sim: UpstreamSim;
  beforeAll(async () => {
    sim = await startSim({
      civitai: { models: [] },
      huggingface: {
        repos: [
          { id: "Comfy-Org/flux1-dev", files: [{ path: "flux1-dev.safetensors", size: 40 * 1024 }] },
          { id: "black-forest-labs/FLUX.1-dev", gated: "manual", downloads: 10_000, files: [{ path: "flux1-dev.safetensors", size: 48 * 1024 }] },
        ],
      },
    });
  });
  afterAll(() => sim?.close());

  it("resolves a well-known file by its name before any search, with SHA-256 and size from the repo", async () => {
    sim.resetRequests();
    const resolution = await resolverFor(sim).resolve(modelRef("flux1-dev.safetensors", "diffusion_models"));
    expect(resolution).toMatchObject({
      status: "resolved",
      source: "known_models",
      url: `${sim.hfUrl}/Comfy-Org/flux1-dev/resolve/main/flux1-dev.safetensors`,
      sha256: sim.fileInfo({ hfRepo: "Comfy-Org/flux1-dev", path: "flux1-dev.safetensors" }).sha256,
      size: 40 * 1024,
    });
    expect(resolution.reason).toContain("known model diffusion_models/flux1-dev.safetensors (from templates:");
    expect(sim.requests.some((request) => request.path.startsWith("/api/models?"))).toBe(false);
    expect(resolution.attempts?.[0]).toEqual({
      source: "known_models",
      query: "diffusion_models/flux1-dev.safetensors",
      result: "Comfy-Org/flux1-dev/flux1-dev.safetensors",
    });
  });

  it("without the index's entry, finds the file by the name its family's repo has (FLUX.1-dev), gated and waiting for a token", async () => {
    const publishers = [{ owner: "black-forest-labs", templateFiles: 1 }];
    const resolution = await resolverFor(sim, { knownModels: { ...EMPTY_KNOWN_MODELS, publishers } }).resolve(
      modelRef("flux1-dev.safetensors", "diffusion_models"),
    );
    expect(resolution.attempts?.[0]?.query).toBe("search FLUX.1-dev");
    expect(resolution).toMatchObject({ status: "needs_auth", source: "huggingface", page: `${sim.hfUrl}/black-forest-labs/FLUX.1-dev` });
  });

  it("takes a copy of a gated file from elsewhere only when it is the same bytes; other bytes are a choice", async () => {
    const gatedEntry = (name: string): KnownModelsIndex["models"][number] => ({
      name,
      folder: "diffusion_models",
      folderKey: "diffusion_models",
      url: `https://huggingface.co/black-forest-labs/FLUX.1-dev/resolve/main/${name}`,
      hf: { repo: "black-forest-labs/FLUX.1-dev", revision: "main", path: name },
      from: { url: ["templates:templates/flux_dev.json"] },
    });
    const index: KnownModelsIndex = {
      ...EMPTY_KNOWN_MODELS,
      publishers: [{ owner: "Comfy-Org", templateFiles: 1 }],
      models: [gatedEntry("flux1-dev.safetensors")],
    };
    const different = await resolverFor(sim, { knownModels: index }).resolve(modelRef("flux1-dev.safetensors", "diffusion_models"));
    expect(different.status).toBe("ambiguous");
    expect(different.candidates.map((candidate) => candidate.page)).toEqual([`${sim.hfUrl}/black-forest-labs/FLUX.1-dev`, `${sim.hfUrl}/Comfy-Org/flux1-dev`]);
    expect(different.reason).toContain("a different file of that name (other SHA-256)");

    const same = await startSim({
      civitai: { models: [] },
      huggingface: {
        repos: [
          { id: "black-forest-labs/FLUX.1-dev", gated: "manual", files: [{ path: "flux1-dev.safetensors", size: 4096, seed: "flux-dev" }] },
          { id: "Comfy-Org/flux1-dev", files: [{ path: "flux1-dev.safetensors", size: 4096, seed: "flux-dev" }] },
        ],
      },
    });
    try {
      const resolution = await resolverFor(same, { knownModels: index }).resolve(modelRef("flux1-dev.safetensors", "diffusion_models"));
      expect(resolution).toMatchObject({
        status: "resolved",
        source: "huggingface",
        url: `${same.hfUrl}/Comfy-Org/flux1-dev/resolve/main/flux1-dev.safetensors`,
      });
      expect(resolution.reason).toContain(`the same bytes as ${same.hfUrl}/black-forest-labs/FLUX.1-dev, which needs sign-in`);
    } finally {
      await same.close();
    }
  });

  it("goes on to search when the repo the index names is gone, without calling it a problem", async () => {
    const index: KnownModelsIndex = {
      ...EMPTY_KNOWN_MODELS,
      models: [
        {
          name: "gone.safetensors",
          folder: "vae",
          folderKey: "vae",
          url: "https://huggingface.co/Gone/repo/resolve/main/gone.safetensors",
          hf: { repo: "Gone/repo", revision: "main", path: "gone.safetensors" },
          from: { url: ["manager:model-list.json"] },
        },
      ],
    };
    const resolution = await resolverFor(sim, { knownModels: index }).resolve(modelRef("gone.safetensors", "vae"));
    expect(resolution.status).toBe("not_found");
    expect(resolution.attempts?.[0]).toMatchObject({ source: "known_models", query: "vae/gone.safetensors" });
    expect(resolution.attempts?.[0]?.result).toContain("private or missing");
  });
});
