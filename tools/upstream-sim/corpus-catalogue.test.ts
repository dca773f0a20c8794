import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimCatalogue } from "./catalogue";
import { baseName, catalogueFromExpected, type ExpectedModels } from "./corpus-catalogue";
import { demoCatalogue, DEMO_AMBIGUOUS_FILE } from "./demo-catalogue";
import { startUpstreamSim, type UpstreamSim } from "./index";
import { searchWords } from "./civitai-search";

const expected: ExpectedModels = {
  "a.json": [
    { name: "SDXL\\myLora_v2.safetensors", folder: "loras", node_type: "LoraLoader" },
    { name: "t5xxl_fp16.safetensors", folder: "text_encoders", node_type: "DualCLIPLoader" },
    { name: "easynegative", folder: "embeddings" },
    {
      name: "qwen_vae.safetensors",
      folder: "vae",
      url: "https://huggingface.co/Comfy-Org/Qwen-Image_ComfyUI/resolve/main/split_files/vae/qwen_vae.safetensors",
    },
    { name: "linked_lora.safetensors", folder: "loras", url: "https://civitai.com/api/download/models/424242" },
  ],
};

function civitaiFiles(catalogue: SimCatalogue) {
  return catalogue.civitai.models.flatMap((model) => model.modelVersions.flatMap((version) => version.files.map((file) => ({ model, version, file }))));
}

function hfFiles(catalogue: SimCatalogue) {
  return catalogue.huggingface.repos.flatMap((repo) => repo.files.map((file) => ({ repo, file })));
}

describe("catalogueFromExpected", () => {
  it("is deterministic and gives every expected file a home of the default size", () => {
    const catalogue = catalogueFromExpected(expected);
    expect(catalogueFromExpected(expected)).toEqual(catalogue);
    const names = new Set([...civitaiFiles(catalogue).map(({ file }) => file.name), ...hfFiles(catalogue).map(({ file }) => baseName(file.path))]);
    for (const name of ["myLora_v2.safetensors", "t5xxl_fp16.safetensors", "easynegative.safetensors", "qwen_vae.safetensors", "linked_lora.safetensors"]) {
      expect(names.has(name)).toBe(true);
    }
    expect(catalogue.placements.map((placement) => placement.fileName).sort()).toEqual(
      ["myLora_v2.safetensors", "t5xxl_fp16.safetensors", "easynegative.safetensors", "qwen_vae.safetensors", "linked_lora.safetensors"].sort(),
    );
    expect(
      [...civitaiFiles(catalogue).map(({ file }) => file.size), ...hfFiles(catalogue).map(({ file }) => file.size)].every((size) => size === 64 * 1024),
    ).toBe(true);
  });

  it("keeps the host and location a workflow link names", () => {
    const catalogue = catalogueFromExpected(expected);
    const qwen = hfFiles(catalogue).find(({ file }) => file.path.endsWith("qwen_vae.safetensors"));
    expect(qwen?.repo.id).toBe("Comfy-Org/Qwen-Image_ComfyUI");
    expect(qwen?.file.path).toBe("split_files/vae/qwen_vae.safetensors");
    const linked = civitaiFiles(catalogue).find(({ file }) => file.name === "linked_lora.safetensors");
    expect(linked?.version.id).toBe(424242);
    expect(linked?.model.type).toBe("LORA");
  });

  it("names Civitai models the way creators do, never after a file stem of several words", () => {
    const catalogue = catalogueFromExpected(expected);
    for (const { model, file } of civitaiFiles(catalogue)) {
      const stemWords = searchWords(file.name.replace(/\.[^.]+$/, ""));
      if (stemWords.length > 1) expect(searchWords(model.name).join(" ")).not.toBe(stemWords.join(" "));
    }
  });

  it("places a file in its real Hub repo when the caller knows it", () => {
    const catalogue = catalogueFromExpected(expected, {
      knownLocations: { "t5xxl_fp16.safetensors": { repoId: "comfyanonymous/flux_text_encoders", path: "t5xxl_fp16.safetensors" } },
    });
    expect(hfFiles(catalogue).find(({ file }) => file.path === "t5xxl_fp16.safetensors")?.repo.id).toBe("comfyanonymous/flux_text_encoders");
    expect(catalogue.placements.find((placement) => placement.fileName === "t5xxl_fp16.safetensors")?.how).toBe("known-location");
  });

  it("honours the size option", () => {
    const catalogue = catalogueFromExpected(expected, { sizeBytes: 1000 });
    expect(hfFiles(catalogue).every(({ file }) => file.size === 1000)).toBe(true);
  });
});

const corpusFile = process.env.COMFYFIXER_CORPUS_DIR
  ? join(process.env.COMFYFIXER_CORPUS_DIR, "expected.json")
  : fileURLToPath(new URL("../../../shared/corpus/expected.json", import.meta.url));

// The shared corpus sits beside the project on development machines only.
describe.skipIf(!existsSync(corpusFile))("catalogueFromExpected on the shared corpus", () => {
  let sim: UpstreamSim;
  let catalogue: SimCatalogue;
  let corpus: ExpectedModels;

  beforeAll(async () => {
    corpus = JSON.parse(readFileSync(corpusFile, "utf8")) as ExpectedModels;
    catalogue = catalogueFromExpected(corpus);
    sim = await startUpstreamSim({ catalogue });
  });
  afterAll(() => sim?.close());

  it("hosts every expected model, spread over both hosts with the folder's usual host first", () => {
    const hosted = new Set([
      ...civitaiFiles(catalogue).map(({ file }) => file.name.toLowerCase()),
      ...hfFiles(catalogue).map(({ file }) => baseName(file.path).toLowerCase()),
    ]);
    const models = Object.values(corpus).flat();
    for (const model of models) {
      const base = baseName(model.name);
      expect(hosted.has((base.includes(".") ? base : `${base}.safetensors`).toLowerCase())).toBe(true);
    }
    const loraTypes = civitaiFiles(catalogue).filter(({ model }) => model.type === "LORA").length;
    expect(loraTypes).toBeGreaterThan(civitaiFiles(catalogue).length / 3);
    expect(hfFiles(catalogue).length).toBeGreaterThan(20);
  });

  it("serves each hosted file with the SHA-256 its API answer publishes", async () => {
    const sample = [...civitaiFiles(catalogue).slice(0, 3), ...hfFiles(catalogue).slice(0, 3)];
    for (const entry of sample) {
      // The published hash comes from the API answer, the bytes from storage: two different paths of the simulator.
      const published =
        "version" in entry
          ? (
              (await (await fetch(`${sim.civitaiUrl}/api/v1/model-versions/${entry.version.id}`)).json()) as {
                files: { id: number; hashes: { SHA256: string } }[];
              }
            ).files
              .find((file) => file.id === entry.file.id)
              ?.hashes.SHA256.toLowerCase()
          : (
              (await (await fetch(`${sim.hfUrl}/api/models/${entry.repo.id}?blobs=true`)).json()) as {
                siblings: { rfilename: string; lfs?: { sha256: string } }[];
              }
            ).siblings.find((sibling) => sibling.rfilename === entry.file.path)?.lfs?.sha256;
      const url =
        "version" in entry
          ? `${sim.civitaiUrl}/api/download/models/${entry.version.id}?fileId=${entry.file.id}`
          : `${sim.hfUrl}/${entry.repo.id}/resolve/main/${entry.file.path}`;
      const response = await fetch(url);
      expect(response.status).toBe(200);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.length).toBe(entry.file.size);
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(published);
    }
  });
});

describe("demoCatalogue", () => {
  it("publishes one file name as two different files", async () => {
    const sim = await startUpstreamSim({ catalogue: demoCatalogue({ sizeScale: 0.01 }) });
    try {
      const response = await fetch(`${sim.civitaiUrl}/api/v1/models?query=detail%20enhancer&types=LORA`);
      const { items } = (await response.json()) as { items: { modelVersions: { files: { name: string; hashes: { SHA256: string } }[] }[] }[] };
      const files = items.flatMap((item) => item.modelVersions.flatMap((version) => version.files)).filter((file) => file.name === DEMO_AMBIGUOUS_FILE);
      expect(files).toHaveLength(2);
      expect(files[0]?.hashes.SHA256).not.toBe(files[1]?.hashes.SHA256);
    } finally {
      await sim.close();
    }
  });
});
