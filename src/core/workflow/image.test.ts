import { describe, expect, it } from "vitest";
import { iTXt, png, tEXt, webp, zTXt } from "../../test/fixtures/workflow-images";
import { MAX_INFLATED_TEXT_BYTES } from "./image";
import { analyzeWorkflowBytes } from "./index";

const workflow = JSON.stringify({ nodes: [{ id: 4, type: "CheckpointLoaderSimple", widgets_values: ["from-image.safetensors"] }] });
const prompt = JSON.stringify({ "4": { class_type: "CheckpointLoaderSimple", inputs: { ckpt_name: "from-prompt.safetensors" } } });

describe("workflows embedded in images", () => {
  it.each([
    ["tEXt", tEXt("workflow", workflow)],
    ["zTXt", zTXt("workflow", workflow)],
    ["iTXt", iTXt("workflow", workflow, false)],
    ["compressed iTXt", iTXt("workflow", workflow, true)],
  ])("reads the workflow from a PNG %s chunk", (_kind, workflowChunk) => {
    const analysis = analyzeWorkflowBytes(png(tEXt("prompt", prompt), workflowChunk), "image.png");
    expect(analysis.error).toBeNull();
    expect(analysis.format).toBe("ui");
    expect(analysis.models.map((m) => m.name)).toEqual(["from-image.safetensors"]);
  });

  it("falls back to the PNG prompt chunk when there is no workflow chunk", () => {
    const analysis = analyzeWorkflowBytes(png(tEXt("parameters", "a1111 text"), tEXt("prompt", prompt)), "image.png");
    expect(analysis.format).toBe("api");
    expect(analysis.models.map((m) => m.name)).toEqual(["from-prompt.safetensors"]);
  });

  it("stops a compressed chunk that would inflate past the largest workflow (a zip bomb), and keeps reading the others", () => {
    // A real workflow padded past the limit: read whole, it would win over the prompt chunk.
    const bomb = workflow + " ".repeat(MAX_INFLATED_TEXT_BYTES);
    const analysis = analyzeWorkflowBytes(png(zTXt("workflow", bomb), tEXt("prompt", prompt)), "bomb.png");
    expect(analysis.format).toBe("api");
    expect(analysis.models.map((m) => m.name)).toEqual(["from-prompt.safetensors"]);
  });

  it("says so when a PNG carries no workflow", () => {
    const analysis = analyzeWorkflowBytes(png(tEXt("Software", "GIMP")), "photo.png");
    expect(analysis.error).toMatch(/no ComfyUI workflow/);
  });

  it("reads workflow: and prompt: strings from WebP EXIF", () => {
    const analysis = analyzeWorkflowBytes(webp([`prompt:${prompt}`, `workflow:${workflow}`]), "image.webp");
    expect(analysis.error).toBeNull();
    expect(analysis.models.map((m) => m.name)).toEqual(["from-image.safetensors"]);
  });

  it("never throws on truncated images", () => {
    const whole = png(tEXt("workflow", workflow));
    for (let length = 0; length < whole.length; length += 7) {
      expect(() => analyzeWorkflowBytes(whole.subarray(0, length), "cut.png")).not.toThrow();
    }
    const wholeWebp = webp([`workflow:${workflow}`]);
    for (let length = 0; length < wholeWebp.length; length += 5) {
      expect(() => analyzeWorkflowBytes(wholeWebp.subarray(0, length), "cut.webp")).not.toThrow();
    }
  });
});
