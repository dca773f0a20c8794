// Images as ComfyUI saves them (a PNG from SaveImage, an animated WebP from SaveAnimatedWEBP, both written by Pillow
// with ComfyUI's own calls: src/test/fixtures/comfyui-images/make.py cites them) in a folder walk, in the analyser and
// through `comfyfixer analyze DIR --json`.
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../config/project-root";
import { comfyfixer } from "../../test/cli";
import { analyzeWorkflowFile, collectWorkflowFiles } from "./index";

const fixtures = () => join(projectRoot(), "src", "test", "fixtures", "comfyui-images");
const PNG = "ComfyUI_00001_.png";
const WEBP = "ComfyUI_00002_.webp";
/** The RIFF chunk names of a WebP, in order. */
function webpChunks(bytes: Buffer): string[] {
  const names: string[] = [];
  for (let offset = 12; offset + 8 <= bytes.length;) {
    const size = bytes.readUInt32LE(offset + 4);
    names.push(bytes.toString("latin1", offset, offset + 4));
    offset += 8 + size + (size & 1);
  }
  return names;
}

describe("images ComfyUI saved", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "cf-comfyui-images-"));
    await mkdir(join(folder, "output", "2026-12-01"), { recursive: true });
    await copyFile(join(fixtures(), PNG), join(folder, "output", PNG));
    await copyFile(join(fixtures(), WEBP), join(folder, "output", "2026-12-01", WEBP));
    await writeFile(join(folder, "output", "notes.txt"), "not an image");
    await mkdir(join(folder, "models", "checkpoints"), { recursive: true });
    await writeFile(join(folder, "models", "checkpoints", "sd_xl_base_1.0.safetensors"), "present");
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it("the fixtures are what Pillow writes for ComfyUI: tEXt chunks before IDAT; an animated WebP with its EXIF last", async () => {
    const png = await readFile(join(fixtures(), PNG));
    expect(png.indexOf("tEXtprompt\0")).toBeGreaterThan(0);
    expect(png.indexOf("tEXtworkflow\0")).toBeLessThan(png.indexOf("IDAT"));
    const webp = await readFile(join(fixtures(), WEBP));
    expect(webpChunks(webp)).toEqual(["VP8X", "ANIM", "ANMF", "ANMF", "ANMF", "EXIF"]);
    // Pillow's EXIF keeps the "Exif\0\0" header and is big-endian ("MM"): the branches hand-made bytes never reached.
    expect(webp.toString("latin1", webp.indexOf("EXIF") + 8, webp.indexOf("EXIF") + 16)).toBe("Exif\0\0MM");
  });

  it("a folder walk finds both images among other files", async () => {
    const { files, errors } = await collectWorkflowFiles([join(folder, "output")]);
    expect(files).toEqual([join(folder, "output", "2026-12-01", WEBP), join(folder, "output", PNG)]);
    expect(errors).toEqual([]);
  });

  it.each([PNG, WEBP])("%s yields the workflow's models, bypassed ones marked inactive", async (file) => {
    const analysis = await analyzeWorkflowFile(join(fixtures(), file));
    expect(analysis.error).toBeNull();
    expect(analysis.format).toBe("ui");
    expect(analysis.models.map((model) => [model.folder, model.name, model.nodeType, model.active])).toEqual([
      ["checkpoints", "sd_xl_base_1.0.safetensors", "CheckpointLoaderSimple", true],
      ["loras", "add_detail.safetensors", "LoraLoader", true],
      ["vae", "sdxl_vae.safetensors", "VAELoader", false],
    ]);
  });

  it("comfyfixer analyze DIR --json reads both images and says which models are there", async () => {
    const run = await comfyfixer(["analyze", join(folder, "output"), "--models-dir", join(folder, "models"), "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { workflows: Array<{ path: string; error: string | null; models: Array<{ name: string; status: string }> }> };
    expect(report.workflows.map((workflow) => [workflow.path, workflow.error])).toEqual([
      [join(folder, "output", "2026-12-01", WEBP), null],
      [join(folder, "output", PNG), null],
    ]);
    for (const workflow of report.workflows) {
      expect(workflow.models.map((model) => [model.name, model.status])).toEqual([
        ["sd_xl_base_1.0.safetensors", "present"],
        ["add_detail.safetensors", "missing"],
        ["sdxl_vae.safetensors", "missing"],
      ]);
    }
  });
});
