import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { analyzeWorkflowBytes } from "./index";

const workflow = JSON.stringify({ nodes: [{ id: 4, type: "CheckpointLoaderSimple", widgets_values: ["from-image.safetensors"] }] });
const prompt = JSON.stringify({ "4": { class_type: "CheckpointLoaderSimple", inputs: { ckpt_name: "from-prompt.safetensors" } } });

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, Buffer.from(type, "latin1"), data, Buffer.alloc(4)]);
}

function png(...chunks: Buffer[]): Uint8Array {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", Buffer.alloc(13)), ...chunks, chunk("IEND", Buffer.alloc(0))]);
}

const tEXt = (keyword: string, text: string) => chunk("tEXt", Buffer.concat([Buffer.from(`${keyword}\0`, "latin1"), Buffer.from(text, "latin1")]));
const zTXt = (keyword: string, text: string) => chunk("zTXt", Buffer.concat([Buffer.from(`${keyword}\0\0`, "latin1"), deflateSync(text)]));
const iTXt = (keyword: string, text: string, compressed: boolean) =>
  chunk(
    "iTXt",
    Buffer.concat([Buffer.from(`${keyword}\0${compressed ? "\x01" : "\0"}\0en\0\0`, "latin1"), compressed ? deflateSync(text) : Buffer.from(text, "utf8")]),
  );

/** A WebP whose EXIF IFD0 holds ASCII tags the way ComfyUI writes them. */
function webp(strings: string[]): Uint8Array {
  const entries = strings.length;
  const headerSize = 8 + 2 + entries * 12 + 4;
  const tiffParts: Buffer[] = [];
  const ifd = Buffer.alloc(2 + entries * 12 + 4);
  ifd.writeUInt16LE(entries, 0);
  let dataOffset = headerSize;
  strings.forEach((text, index) => {
    const value = Buffer.from(`${text}\0`, "utf8");
    const entry = 2 + index * 12;
    ifd.writeUInt16LE(0x010f - index, entry);
    ifd.writeUInt16LE(2, entry + 2);
    ifd.writeUInt32LE(value.length, entry + 4);
    ifd.writeUInt32LE(dataOffset, entry + 8);
    tiffParts.push(value);
    dataOffset += value.length;
  });
  const header = Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]);
  const exif = Buffer.concat([header, ifd, ...tiffParts]);
  const exifChunk = Buffer.concat([Buffer.from("EXIF"), Buffer.alloc(4), exif, exif.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  exifChunk.writeUInt32LE(exif.length, 4);
  const vp8 = Buffer.concat([Buffer.from("VP8 "), Buffer.from([2, 0, 0, 0]), Buffer.alloc(2)]);
  const body = Buffer.concat([Buffer.from("WEBP"), vp8, exifChunk]);
  const riff = Buffer.alloc(8);
  riff.write("RIFF", 0, "latin1");
  riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
}

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
