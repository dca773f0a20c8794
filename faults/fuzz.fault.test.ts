// Fuzz: generated and mutated workflows (JSON, PNG, WebP) through the analysis and the plan of a run — the two steps
// that read untrusted files and turn their references into install targets — against a real models folder. Nothing may
// throw: each file is analysed or rejected with its own error, each model is placed inside the models root or refused.
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planRun } from "../src/core/run";
import { MODEL_STATUSES } from "../src/core/status";
import { corpusExpectedPath, readCorpusExpected } from "../src/test/fixtures/corpus";
import { checkpoint, DEMO_AMBIGUOUS_FILE, demoWorkflows, lora, uiWorkflow, vae } from "../src/test/sim";
import { recordFigures, scaled } from "./figures";
import { fuzzInputs, type FuzzInput } from "./support/workflow-mutations";

const INPUTS = scaled({ ci: 10_000, long: 100_000 });
const BATCH = 250;
const SEED = Number(process.env.COMFYFIXER_FUZZ_SEED ?? 20_261_201);
/** Heap the fuzzing may add over its start, whatever the number of inputs: a leak grows past it in the long run. */
const HEAP_BOUND_MB = 512;

const STATUSES = new Set<string>(MODEL_STATUSES);
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

async function seedWorkflows(): Promise<{ seeds: string[]; fromCorpus: number }> {
  const own = [
    ...Object.values(demoWorkflows(DEMO_AMBIGUOUS_FILE)),
    uiWorkflow([checkpoint("SDXL/base.safetensors"), lora("detail.safetensors"), vae("vae.safetensors")]),
    JSON.stringify({
      "3": { class_type: "CheckpointLoaderSimple", inputs: { ckpt_name: "api.safetensors" } },
      "4": { class_type: "LoraLoader", inputs: { lora_name: "l.safetensors" } },
    }),
  ];
  if (!readCorpusExpected()) return { seeds: own, fromCorpus: 0 };
  const dir = join(dirname(corpusExpectedPath()), "workflows");
  const files = (await readdir(dir)).filter((file) => file.endsWith(".json")).sort();
  const corpus = await Promise.all(files.map((file) => readFile(join(dir, file), "utf8")));
  return { seeds: [...own, ...corpus], fromCorpus: corpus.length };
}

type Problem = { kind: string; problem: string };

describe("fuzzed workflows through analysis and planning", () => {
  let scratch: string;
  /** ComfyUI's folder: the models root is its models/, and packs keep their weights in their own folders below it. */
  let comfyRoot: string;
  let modelsRoot: string;
  const figures = { inputs: 0, analysed: 0, rejected: 0, models: 0, refused: 0, crashes: 0, outside: 0, peakHeap: 0, peakRss: 0, note: "" };

  beforeAll(async () => {
    scratch = realpathSync(await mkdtemp(join(tmpdir(), "cf-fuzz-")));
    comfyRoot = join(scratch, "ComfyUI");
    modelsRoot = join(comfyRoot, "models");
    // A real install: some files present, a subfolder, and a symlink that leads out of the models root.
    await mkdir(join(modelsRoot, "checkpoints", "SDXL"), { recursive: true });
    await mkdir(join(modelsRoot, "loras"), { recursive: true });
    await mkdir(join(scratch, "outside"));
    await writeFile(join(modelsRoot, "checkpoints", "SDXL", "base.safetensors"), "present");
    await writeFile(join(modelsRoot, "loras", "detail.safetensors"), "present");
    await symlink(join(scratch, "outside"), join(modelsRoot, "checkpoints", "escape"));
  });
  afterAll(async () => {
    recordFigures({
      suite: "fuzz: analysis and planning",
      trials: Math.ceil(figures.inputs / BATCH),
      faults: figures.rejected + figures.refused,
      inputs: figures.inputs,
      crashes: figures.crashes,
      corruptFiles: figures.outside,
      duplicateDownloads: 0,
      note: figures.note,
    });
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  /** What is wrong with the plan of one batch, input by input; an empty list when every file and model is sound. */
  function problemsOf(batch: FuzzInput[], paths: string[], plan: Awaited<ReturnType<typeof planRun>>): Problem[] {
    const problems: Problem[] = [];
    if (plan.analyses.length !== batch.length) problems.push({ kind: "batch", problem: `${plan.analyses.length} analyses for ${batch.length} files` });
    plan.analyses.forEach((analysis, index) => {
      const input = batch[index]!;
      if (analysis.path !== paths[index]) problems.push({ kind: input.kind, problem: `analysis of ${analysis.path} in the place of ${paths[index]}` });
      if (analysis.error !== null && (typeof analysis.error !== "string" || analysis.error.trim() === ""))
        problems.push({ kind: input.kind, problem: "rejected without a message" });
      if (!Array.isArray(analysis.models)) problems.push({ kind: input.kind, problem: "no model list" });
      if (analysis.error === null) figures.analysed++;
      else figures.rejected++;
    });
    for (const model of plan.models) {
      figures.models++;
      if (!STATUSES.has(model.status)) problems.push({ kind: "plan", problem: `status ${model.status}` });
      if (model.status === "refused") {
        figures.refused++;
        if (!model.error) problems.push({ kind: "plan", problem: `refused "${model.ref.name.slice(0, 80)}" without a reason` });
      }
      // Inside ComfyUI's folder (the models root, or a pack's own folder the registry names), and not through the
      // symlink that leads out of it.
      if (model.target) {
        const below = relative(comfyRoot, model.target.absolutePath);
        if (
          below.startsWith("..") ||
          below === "" ||
          isAbsolute(below) ||
          relative(join(modelsRoot, "checkpoints", "escape"), model.target.absolutePath).split(sep)[0] !== ".."
        ) {
          figures.outside++;
          problems.push({ kind: "plan", problem: `target ${model.target.absolutePath} outside ${comfyRoot}` });
        }
      }
    }
    return problems;
  }

  it(`analyses or rejects each of ${INPUTS.toLocaleString("en")} files and plans every model inside the models root, with bounded memory`, async () => {
    const { seeds, fromCorpus } = await seedWorkflows();
    const arbitrary = fuzzInputs(seeds);
    const kinds = new Map<string, number>();
    const problems: Problem[] = [];
    const before = process.memoryUsage();
    let peakHeap = before.heapUsed;
    let peakRss = before.rss;
    for (let start = 0; start < INPUTS; start += BATCH) {
      const batch = fc.sample(arbitrary, { numRuns: Math.min(BATCH, INPUTS - start), seed: SEED + start });
      const paths = batch.map((input, index) => join(scratch, "workflows", `fuzz-${start + index}.${input.extension}`));
      batch.forEach((input) => kinds.set(input.kind, (kinds.get(input.kind) ?? 0) + 1));
      figures.inputs += batch.length;
      try {
        const plan = await planRun({ workflows: batch.map((input, index) => ({ path: paths[index]!, bytes: input.bytes })), modelsRoot });
        const found = problemsOf(batch, paths, plan);
        problems.push(...found);
        figures.crashes += found.filter((problem) => problem.kind !== "plan").length;
      } catch (error) {
        figures.crashes++;
        problems.push({
          kind: "batch",
          problem: `planRun threw for inputs ${start}-${start + batch.length - 1} (seed ${SEED + start}): ${String(error).slice(0, 300)}`,
        });
      }
      const now = process.memoryUsage();
      peakHeap = Math.max(peakHeap, now.heapUsed);
      peakRss = Math.max(peakRss, now.rss);
    }
    const after = process.memoryUsage();
    figures.peakHeap = mb(peakHeap);
    figures.peakRss = mb(peakRss);
    figures.note =
      `${figures.analysed} analysed, ${figures.rejected} rejected with their error, ${figures.models} models planned (${figures.refused} refused); ` +
      `heap ${mb(before.heapUsed)}→${mb(after.heapUsed)} MB (peak ${figures.peakHeap}), RSS ${mb(before.rss)}→${mb(after.rss)} MB (peak ${figures.peakRss}); ` +
      `${seeds.length} seeds (${fromCorpus} from the corpus)`;

    expect(problems.slice(0, 20)).toEqual([]);
    expect(figures.inputs).toBe(INPUTS);
    // Every kind of input was drawn, and both outcomes happened.
    expect([...kinds.keys()].sort()).toEqual(
      [
        "broken PNG",
        "broken WebP",
        "cycles in subgraphs",
        "deep nesting",
        "generated API prompt",
        "generated UI workflow",
        "huge strings",
        "random JSON",
        "random bytes",
        "spliced JSON",
        "truncated JSON",
        "wrong types",
      ].sort(),
    );
    expect(figures.analysed).toBeGreaterThan(0);
    expect(figures.rejected).toBeGreaterThan(0);
    expect(mb(peakHeap - before.heapUsed)).toBeLessThan(HEAP_BOUND_MB);
  });
});
