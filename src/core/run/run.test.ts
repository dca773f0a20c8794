// The run façade against an in-memory store: real workflow files and a real models folder on disk, with the
// resolver and the downloader given as the ports they are (each answer chosen by the test).
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DownloadJob, DownloadOutcome, Downloader } from "../download/types";
import type { ModelRef, Resolution } from "../model";
import type { ResolveOptions, Resolver } from "../resolve/types";
import type { Engine } from "./engine";
import { createMemoryRunStore } from "./memory-store";
import { runModels, type RunInput } from "./run";

const resolved = (url: string, fileName = url.slice(url.lastIndexOf("/") + 1), source: Resolution["source"] = "huggingface"): Resolution => ({
  status: "resolved",
  source,
  url,
  sha256: null,
  size: 3,
  reason: `found at ${url}`,
  candidates: [{ source: source ?? "huggingface", url, fileName, sha256: null, size: 3, page: null }],
});

type Script = {
  resolve?: (ref: ModelRef, options: ResolveOptions) => Promise<Resolution> | Resolution;
  download?: (job: DownloadJob) => Promise<DownloadOutcome> | DownloadOutcome;
};

/** An engine whose resolver and downloader answer as the script says, and that records what it was asked. */
function scriptedEngine(script: Script) {
  const asked = { resolve: [] as Array<{ name: string; options: ResolveOptions }>, download: [] as DownloadJob[] };
  const resolver: Resolver = {
    async resolve(ref, _signal, options = {}) {
      asked.resolve.push({ name: ref.name, options });
      return script.resolve ? script.resolve(ref, options) : resolved(`https://huggingface.co/org/repo/resolve/main/${ref.name}`);
    },
    stats: () => ({ cacheHits: 1, cacheMisses: 2, requests: 2, byHost: {} }),
  };
  const downloader: Downloader = {
    async download(job, _signal, events) {
      asked.download.push(job);
      await events.onStarted?.();
      events.onProgress({ bytes: 3, total: 3, rate: 3, etaSeconds: 0 });
      await events.onVerifying?.();
      return script.download ? script.download(job) : { status: "installed", target: job.target, sha256: "ab".repeat(32), bytes: 3, attempts: 1 };
    },
    close: async () => undefined,
  };
  const engine: Engine = { resolver, downloader, close: async () => undefined };
  return { engine, asked };
}

const node = (id: number, type: string, value: string, mode = 0) => ({ id, type, mode, widgets_values: [value] });
const uiWorkflow = (nodes: object[]) => JSON.stringify({ last_node_id: nodes.length, nodes, links: [] });

describe("runModels", () => {
  let scratch: string;
  const input = (workflows: string[], overrides: Partial<RunInput> = {}): RunInput => ({
    workflows: workflows.map((path) => ({ path })),
    modelsRoot: join(scratch, "models"),
    dryRun: false,
    resolveConcurrency: 2,
    signal: new AbortController().signal,
    ...overrides,
  });
  const workflow = async (name: string, nodes: object[]) => {
    const path = join(scratch, name);
    await writeFile(path, uiWorkflow(nodes));
    return path;
  };

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "cf-run-"));
    await mkdir(join(scratch, "models", "vae"), { recursive: true });
    await writeFile(join(scratch, "models", "vae", "present_vae.safetensors"), "vae");
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it("plans, resolves, downloads and verifies each missing model, and summarises the run", async () => {
    const path = await workflow("a.json", [
      node(1, "CheckpointLoaderSimple", "sdxl/base.safetensors"),
      node(2, "VAELoader", "present_vae.safetensors"),
      node(3, "LoraLoader", "detail.safetensors"),
    ]);
    const store = createMemoryRunStore();
    const { engine, asked } = scriptedEngine({});
    const result = await runModels(input([path]), store, engine);

    const byName = Object.fromEntries(result.models.map((model) => [model.ref.name, model]));
    expect(byName["present_vae.safetensors"]).toMatchObject({ status: "present", foundAt: join(scratch, "models", "vae", "present_vae.safetensors") });
    expect(byName["sdxl/base.safetensors"]).toMatchObject({ status: "installed", sha256: "ab".repeat(32), bytes: 3 });
    expect(byName["sdxl/base.safetensors"]!.target).toMatchObject({
      key: "checkpoints/sdxl/base.safetensors",
      absolutePath: join(scratch, "models", "checkpoints", "sdxl", "base.safetensors"),
    });
    expect(asked.download.map((job) => job.target.key).sort()).toEqual(["checkpoints/sdxl/base.safetensors", "loras/detail.safetensors"]);
    expect(result.summary).toMatchObject({
      workflows_scanned: 1,
      models_found: 3,
      models_missing: 2,
      models_downloaded: 2,
      all_installed: true,
      cache_hits: 1,
    });

    const phases = store.events.flatMap((event) => (event.type === "run.phase" ? [`${event.phase}:${event.state}`] : []));
    for (const phase of ["analysis", "inventory", "resolution", "download", "verification"])
      expect(phases).toEqual(expect.arrayContaining([`${phase}:started`, `${phase}:finished`]));
  });

  it("starts a model's download as soon as it is resolved, while another is still being searched for", async () => {
    const path = await workflow("early.json", [node(1, "LoraLoader", "quick.safetensors"), node(2, "CheckpointLoaderSimple", "slow.safetensors")]);
    let quickDownloadAsked!: () => void;
    const quickDownloading = new Promise<void>((resolve) => (quickDownloadAsked = resolve));
    const { engine, asked } = scriptedEngine({
      // The slow model's search answers only once the quick model's download has been asked for: a pipeline that
      // waited for every resolution before downloading would never finish.
      resolve: async (ref) => {
        if (ref.name === "slow.safetensors") await quickDownloading;
        return resolved(`https://huggingface.co/org/repo/resolve/main/${ref.name}`);
      },
      download: (job) => {
        if (job.target.name === "quick.safetensors") quickDownloadAsked();
        return { status: "installed", target: job.target, sha256: "ab".repeat(32), bytes: 3, attempts: 1 };
      },
    });
    const result = await runModels(input([path]), createMemoryRunStore(), engine);

    expect(result.models.map((model) => model.status)).toEqual(["installed", "installed"]);
    expect(asked.download.map((job) => job.target.name)).toEqual(["quick.safetensors", "slow.safetensors"]);
    // The pipeline tells the resolver a download follows, so it may learn where the bytes are while it resolves.
    expect(asked.resolve.every((call) => call.options.prepareDownload === true)).toBe(true);
  });

  it("records each model's moves in order: resolving, resolved, downloading, verifying, installed", async () => {
    const path = await workflow("b.json", [node(1, "LoraLoader", "moves.safetensors")]);
    const moves: string[] = [];
    const store = createMemoryRunStore({ onChange: (_model, change) => moves.push(change.status) });
    await runModels(input([path]), store, scriptedEngine({}).engine);
    expect(moves).toEqual(["resolving", "resolved", "downloading", "verifying", "installed"]);
  });

  it("refuses a hostile name as that model's status, and installs every other model", async () => {
    const path = await workflow("hostile.json", [
      node(1, "LoraLoader", "../../../../tmp/evil.safetensors"),
      node(2, "LoraLoader", "good.safetensors"),
      node(3, "CheckpointLoaderSimple", "/etc/absolute.safetensors"),
    ]);
    const { engine, asked } = scriptedEngine({});
    const result = await runModels(input([path]), createMemoryRunStore(), engine);
    const byName = Object.fromEntries(result.models.map((model) => [model.ref.name, model]));
    expect(byName["../../../../tmp/evil.safetensors"]).toMatchObject({ status: "refused", target: null, error: expect.stringMatching(/climbs out/) });
    expect(byName["/etc/absolute.safetensors"]).toMatchObject({ status: "refused", error: expect.stringMatching(/absolute path/) });
    expect(byName["good.safetensors"]!.status).toBe("installed");
    expect(asked.resolve.map((call) => call.name)).toEqual(["good.safetensors"]);
    expect(result.summary).toMatchObject({ all_installed: false, needs_attention: { refused: 2 } });
  });

  it("reports an unknown node's file with nothing that tells its folder as unplaced, and downloads only what it can place", async () => {
    const path = await workflow("unknown-node.json", [
      node(1, "SomePackMysteryLoader", "mystery_weights.safetensors"),
      // A file-name family places this one (a guess, marked as one): models/upscale_models.
      node(2, "SomePackUpscaler", "4x-UltraSharp.pth"),
      node(3, "SomePackOtherLoader", "known_elsewhere.safetensors"),
      // Guessed from its name, and already there.
      node(4, "SomePackVaeThing", "present_vae.safetensors"),
    ]);
    await mkdir(join(scratch, "models", "checkpoints"), { recursive: true });
    await writeFile(join(scratch, "models", "checkpoints", "known_elsewhere.safetensors"), "k");
    const { engine, asked } = scriptedEngine({});
    const result = await runModels(input([path]), createMemoryRunStore(), engine);
    const byName = Object.fromEntries(result.models.map((model) => [model.ref.name, model]));
    expect(byName["mystery_weights.safetensors"]).toMatchObject({
      status: "unplaced",
      target: null,
      error: expect.stringMatching(/nothing says which folder/),
    });
    expect(byName["4x-UltraSharp.pth"]).toMatchObject({ status: "installed", ref: { folder: "upscale_models", inferred: true } });
    // The same name elsewhere in the install is pointed out, but ComfyFixer cannot tell it is the one the node reads.
    expect(byName["known_elsewhere.safetensors"]).toMatchObject({
      status: "unplaced",
      foundAt: join(scratch, "models", "checkpoints", "known_elsewhere.safetensors"),
    });
    expect(byName["present_vae.safetensors"]).toMatchObject({ status: "present", ref: { folder: "vae", inferred: true } });
    expect(asked.resolve.map((call) => call.name)).toEqual(["4x-UltraSharp.pth"]);
    expect(result.summary).toMatchObject({ all_installed: false, needs_attention: { unplaced: 2 } });
  });

  it("makes one model's failure its own: a resolver that throws fails that model only", async () => {
    const path = await workflow("throws.json", [node(1, "LoraLoader", "breaks.safetensors"), node(2, "LoraLoader", "fine.safetensors")]);
    const { engine } = scriptedEngine({
      resolve: (ref) => {
        if (ref.name === "breaks.safetensors") throw new Error("the resolver broke");
        return resolved(`https://huggingface.co/org/repo/resolve/main/${ref.name}`);
      },
    });
    const result = await runModels(input([path]), createMemoryRunStore(), engine);
    expect(result.models.map((model) => [model.ref.name, model.status, model.error])).toEqual([
      ["breaks.safetensors", "failed", "the resolver broke"],
      ["fine.safetensors", "installed", null],
    ]);
  });

  it("looks for the file elsewhere when the workflow's own link fails to download", async () => {
    const path = await workflow("dead-link.json", [node(1, "LoraLoader", "linked.safetensors")]);
    const { engine, asked } = scriptedEngine({
      resolve: (ref, options) =>
        options.skipSources?.includes("workflow")
          ? resolved("https://civitai.com/api/download/models/7", ref.name, "civitai")
          : resolved("https://example.org/dead/linked.safetensors", ref.name, "workflow"),
      download: (job) =>
        job.url.includes("dead")
          ? { status: "failed", reason: "not_found", message: "example.org answered 404", bytes: 0, attempts: 1 }
          : { status: "installed", target: job.target, sha256: "cd".repeat(32), bytes: 3, attempts: 1 },
    });
    const [model] = (await runModels(input([path]), createMemoryRunStore(), engine)).models;
    expect(model).toMatchObject({ status: "installed", sha256: "cd".repeat(32) });
    expect(model!.resolution).toMatchObject({ source: "civitai", reason: expect.stringMatching(/workflow's link failed: example.org answered 404/) });
    expect(asked.resolve.map((call) => call.options.skipSources ?? [])).toEqual([[], ["workflow"]]);
  });

  it("fails a model whose source's download fails, with the downloader's reason", async () => {
    const path = await workflow("fails.json", [node(1, "LoraLoader", "bad-bytes.safetensors")]);
    const { engine } = scriptedEngine({
      download: () => ({ status: "failed", reason: "wrong_file", message: "the SHA-256 differs twice", bytes: 3, attempts: 2 }),
    });
    const [model] = (await runModels(input([path]), createMemoryRunStore(), engine)).models;
    expect(model).toMatchObject({ status: "failed", error: "the SHA-256 differs twice", attempts: 2 });
  });

  it("marks a model whose download is refused for want of a token as needing a token, not as failed, and the run says so", async () => {
    const path = await workflow("gated.json", [node(1, "LoraLoader", "gated.safetensors")]);
    const { engine } = scriptedEngine({
      download: () => ({
        status: "failed",
        reason: "needs_auth",
        message: "huggingface.co answered 401: this file needs an API token.",
        bytes: 0,
        attempts: 1,
      }),
    });
    const result = await runModels(input([path]), createMemoryRunStore(), engine);
    expect(result.models[0]).toMatchObject({ status: "needs_auth", error: expect.stringMatching(/needs an API token/) });
    expect(result.summary.needs_attention).toMatchObject({ token: 1, failed: 0 });
  });

  it("keeps the published file's extension for a name written without one", async () => {
    // ComfyUI finds an embedding by its name plus an extension; the file keeps the one its source publishes.
    const path = await workflow("embedding.json", [node(1, "CLIPTextEncode", "a photo, embedding:EasyNegative")]);
    const { engine, asked } = scriptedEngine({ resolve: () => resolved("https://huggingface.co/org/repo/resolve/main/easynegative.safetensors") });
    await runModels(input([path]), createMemoryRunStore(), engine);
    expect(asked.download[0]!.target).toMatchObject({ folder: "embeddings", name: "EasyNegative.safetensors" });
  });

  it("in a dry run resolves every missing model and downloads none", async () => {
    const path = await workflow("dry.json", [node(1, "LoraLoader", "dry.safetensors")]);
    const { engine, asked } = scriptedEngine({});
    const result = await runModels(input([path], { dryRun: true }), createMemoryRunStore(), engine);
    expect(result.models[0]!.status).toBe("resolved");
    expect(asked.download).toEqual([]);
    // Nothing follows the resolution, so nothing is asked ahead of a download.
    expect(asked.resolve.map((call) => call.options.prepareDownload)).toEqual([false]);
  });

  it("takes a run up where it stopped: saved models are not planned again, only their pending work is done", async () => {
    const path = await workflow("resume.json", [node(1, "LoraLoader", "first.safetensors"), node(2, "LoraLoader", "second.safetensors")]);
    const store = createMemoryRunStore();
    const stopped = new AbortController();
    const { engine: stopping } = scriptedEngine({
      download: () => {
        stopped.abort(new Error("the worker is shutting down"));
        return { status: "cancelled", bytes: 1, attempts: 1 };
      },
    });
    await runModels(input([path], { signal: stopped.signal }), store, stopping);
    const { engine, asked } = scriptedEngine({});
    const result = await runModels(input([path]), store, engine);
    expect(result.models.map((model) => model.status)).toEqual(["installed", "installed"]);
    expect(store.events.some((event) => event.type === "log" && /up again/.test(event.message))).toBe(true);
    // A model resolved before the stop goes straight to its download.
    expect(asked.download).toHaveLength(2);
    expect(asked.resolve.length).toBeLessThan(2);
  });
});
