import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../config/project-root";
import { normaliseModelName } from "../model";
import { canonicalFolder } from "../registry";
import { analyzeWorkflowFile, uniqueModels } from "./index";

// The shared corpus lives beside the project checkout; it is absent in a bare clone, so skip then.
const shared = resolve(projectRoot(), "../shared");
const corpusDir = join(shared, "corpus");
const holdoutDir = join(shared, "corpus-holdout", "workflows");

type Expected = { name: string; folder: string; node_type: string; url?: string | null; active?: boolean };

/**
 * Files whose expected answer we believe is wrong, with the reason. Empty: the analyser agrees with
 * every expected set; add an entry here (never edit the corpus) if a new corpus disagrees for cause.
 */
const KNOWN_DISAGREEMENTS: Record<string, string> = {
  // Expected: open-clip-xlm-roberta-large-vit-huge-14_fp16.safetensors in text_encoders, right for the workflow's commit
  // (721cd65, 2025-03-04: LoadWanVideoClipTextEncoder listed text_encoders only). The loader has listed clip_vision
  // first since 1b64f0e (2025-03-30) and, since 4e31081 (2025-11-13), loads with get_full_path_or_raise("clip_vision"),
  // so a file only in text_encoders fails to load (kijai/ComfyUI-WanVideoWrapper nodes_model_loading.py:2078, 2099-2102).
  "kijai__ComfyUI-WanVideoWrapper__example_workflows_wanvideo_480p_I2V_example_01.json": "the CLIP vision model goes to clip_vision for today's pack",
};

const key = (model: { name: string; folder: string }) => `${model.folder}|${normaliseModelName(model.name)}`;

describe.skipIf(!existsSync(corpusDir))("workflow corpus (expected.json)", () => {
  const expected = existsSync(corpusDir) ? (JSON.parse(readFileSync(join(corpusDir, "expected.json"), "utf8")) as Record<string, Expected[]>) : {};
  const files = Object.keys(expected).sort();
  const totals = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };

  it.each(files.filter((file) => !(file in KNOWN_DISAGREEMENTS)))("%s", async (file) => {
    const analysis = await analyzeWorkflowFile(join(corpusDir, "workflows", file));
    expect(analysis.error).toBeNull();
    const found = new Map(uniqueModels(analysis.models).map(({ ref }) => [key(ref), ref]));
    const wanted = new Map((expected[file] ?? []).map((model) => [key(model), model]));
    totals.truePositives += [...found.keys()].filter((k) => wanted.has(k)).length;
    totals.falsePositives += [...found.keys()].filter((k) => !wanted.has(k)).length;
    totals.falseNegatives += [...wanted.keys()].filter((k) => !found.has(k)).length;
    expect([...found.keys()].sort()).toEqual([...wanted.keys()].sort());
    for (const [k, model] of wanted) {
      if (model.url !== undefined) expect({ k, url: found.get(k)?.url ?? null }).toEqual({ k, url: model.url ?? null });
      if (model.active !== undefined) expect({ k, active: found.get(k)?.active }).toEqual({ k, active: model.active });
    }
  });

  it("reports precision and recall over the corpus", () => {
    const { truePositives, falsePositives, falseNegatives } = totals;
    const precision = truePositives / Math.max(1, truePositives + falsePositives);
    const recall = truePositives / Math.max(1, truePositives + falseNegatives);
    console.log(
      `corpus: ${files.length} files (${Object.keys(KNOWN_DISAGREEMENTS).length} known disagreement), precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${truePositives} tp, ${falsePositives} fp, ${falseNegatives} fn)`,
    );
    expect(precision).toBeGreaterThan(0.95);
    expect(recall).toBeGreaterThan(0.95);
  });
});

describe.skipIf(!existsSync(holdoutDir))("holdout workflows", () => {
  const files = existsSync(holdoutDir)
    ? readdirSync(holdoutDir)
        .filter((file) => file.endsWith(".json"))
        .sort()
    : [];

  it.each(files)("%s is analysed without error", async (file) => {
    const analysis = await analyzeWorkflowFile(join(holdoutDir, file));
    expect(analysis.error).toBeNull();
    expect(analysis.format).not.toBeNull();
    for (const model of analysis.models) {
      expect(model.name.trim()).not.toBe("");
      // A folder references use: modern keys (never unet/clip), pack keys by their path; "" only for an unplaced guess.
      expect(canonicalFolder(model.folder)).toBe(model.folder);
      if (model.folder === "") expect(model.inferred).toBe(true);
    }
  });
});
