// The engine's parts working together against the upstream simulator: what the resolver learns of where a file's
// bytes are reaches the download that follows, so no API is asked twice for one file.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testSettings } from "../../test/fixtures/resolve";
import { checkpoint, juggernautModel, MiB, startUpstreamSim, uiWorkflow, type UpstreamSim } from "../../test/sim";
import { createMemorySearchCache } from "../resolve/cache";
import { createEngine } from "./engine";
import { createMemoryRunStore } from "./memory-store";
import { runModels } from "./run";

let sim: UpstreamSim;
let scratch: string;

beforeAll(async () => {
  sim = await startUpstreamSim({
    catalogue: {
      civitai: { models: [juggernautModel(2 * MiB + 7)] },
      huggingface: { repos: [{ id: "comfyanonymous/flux_text_encoders", files: [{ path: "clip_l.safetensors", size: MiB + 3 }] }] },
    },
  });
  scratch = await mkdtemp(join(tmpdir(), "cf-engine-"));
});
afterAll(async () => {
  await sim.close();
  await rm(scratch, { recursive: true, force: true });
});
beforeEach(() => sim.resetRequests());

/** Runs the engine on one workflow that needs a Civitai checkpoint and a Hub text encoder, both searched for. */
async function run(name: string, dryRun: boolean) {
  const workflow = join(scratch, `${name}.json`);
  await writeFile(workflow, uiWorkflow([checkpoint("juggernautXL_v9.safetensors"), { type: "CLIPLoader", widgets: ["clip_l.safetensors", "flux"] }]));
  const engine = createEngine({
    settings: testSettings(),
    env: {
      endpoints: { civitai: new URL(sim.civitaiUrl), huggingface: new URL(sim.hfUrl) },
      extraAllowedHosts: ["localhost"],
      allowPrivateNetworks: true,
      defaultModelLists: [],
    },
    tokens: {},
    searchCache: createMemorySearchCache({ enabled: true, ttlHours: 1, maxSizeMb: 10 }),
    log: () => undefined,
  });
  try {
    const input = { workflows: [{ path: workflow }], modelsRoot: join(scratch, name), dryRun, resolveConcurrency: 4, signal: new AbortController().signal };
    return await runModels(input, createMemoryRunStore(), engine);
  } finally {
    await engine.close();
  }
}

describe("the engine's resolver and downloader", () => {
  it("download each file with the storage URL its resolution learned: one Civitai download counted, one Hub /resolve asked", async () => {
    const before = sim.counters().civitaiDownloadsByVersion[11] ?? 0;
    const result = await run("download", false);

    expect(result.models.map((model) => [model.ref.name, model.status])).toEqual([
      ["juggernautXL_v9.safetensors", "installed"],
      ["clip_l.safetensors", "installed"],
    ]);
    // Civitai counts the resolver's check as a download and feeds its limiter with it (civitai/civitai@ebed661630
    // src/pages/api/download/models/[modelVersionId].ts:204-244; at 014b2bccb5 the same file's "Track download" writes a
    // ModelDownload activity before `res.redirect(url)`): the download reuses that redirect instead of a second.
    expect((sim.counters().civitaiDownloadsByVersion[11] ?? 0) - before).toBe(1);
    expect(sim.requests.filter((request) => request.server === "hf" && request.path.includes("/resolve/main/clip_l.safetensors"))).toHaveLength(1);
  });

  it("asks nothing ahead for a dry run, which downloads nothing", async () => {
    const result = await run("dry-run", true);

    expect(result.models.map((model) => model.status)).toEqual(["resolved", "resolved"]);
    expect(sim.requests.filter((request) => request.server === "hf" && request.path.includes("/resolve/"))).toHaveLength(0);
    expect(sim.requests.filter((request) => request.server === "storage" && request.method === "GET" && (request.body?.bytes ?? 0) > 1)).toHaveLength(0);
  });
});
