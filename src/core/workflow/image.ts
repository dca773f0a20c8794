// Reads the workflow ComfyUI embeds in the images it saves: PNG text chunks and WebP EXIF strings.
import { inflateSync } from "node:zlib";
import { withoutTrailing } from "../text";

/**
 * The texts stored with an image: ComfyUI's `workflow` (UI format) and `prompt` (API format), and the A1111-style
 * `parameters` that image-saver nodes add (with model hashes).
 */
export type EmbeddedWorkflow = { workflow?: string; prompt?: string; parameters?: string };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** A compressed text chunk may not grow past the largest workflow a run accepts (a zip bomb stops here). */
export const MAX_INFLATED_TEXT_BYTES = 50 * 1024 * 1024;
const inflate = (bytes: Uint8Array) => inflateSync(bytes, { maxOutputLength: MAX_INFLATED_TEXT_BYTES });
const latin1 = new TextDecoder("latin1");
const utf8 = new TextDecoder("utf-8");

export function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((byte, index) => bytes[index] === byte);
}

export function isWebp(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && latin1.decode(bytes.subarray(0, 4)) === "RIFF" && latin1.decode(bytes.subarray(8, 12)) === "WEBP";
}

function keep(found: EmbeddedWorkflow, keyword: string, text: string): void {
  if ((keyword === "workflow" || keyword === "prompt" || keyword === "parameters") && found[keyword] === undefined) found[keyword] = text;
}

function readPngTextChunk(type: string, data: Uint8Array, found: EmbeddedWorkflow): void {
  const keywordEnd = data.indexOf(0);
  if (keywordEnd <= 0) return;
  const keyword = latin1.decode(data.subarray(0, keywordEnd));
  if (type === "tEXt") return keep(found, keyword, latin1.decode(data.subarray(keywordEnd + 1)));
  if (type === "zTXt") return keep(found, keyword, latin1.decode(inflate(data.subarray(keywordEnd + 2))));
  // iTXt: keyword \0 compressed-flag method language \0 translated-keyword \0 text
  const compressed = data[keywordEnd + 1] === 1;
  const languageEnd = data.indexOf(0, keywordEnd + 3);
  const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) return;
  const body = data.subarray(translatedEnd + 1);
  keep(found, keyword, utf8.decode(compressed ? inflate(body) : body));
}

export function readPngWorkflow(bytes: Uint8Array): EmbeddedWorkflow {
  const found: EmbeddedWorkflow = {};
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let offset = 8; offset + 8 <= bytes.length;) {
    const length = view.getUint32(offset);
    const type = latin1.decode(bytes.subarray(offset + 4, offset + 8));
    const dataEnd = offset + 8 + length;
    if (dataEnd > bytes.length || type === "IEND") break;
    if (type === "tEXt" || type === "zTXt" || type === "iTXt") {
      try {
        readPngTextChunk(type, bytes.subarray(offset + 8, dataEnd), found);
      } catch {
        // A corrupt text chunk: keep looking at the others.
      }
    }
    offset = dataEnd + 4; // skip CRC
  }
  return found;
}

const EXIF_KEYWORDS = ["workflow", "prompt"] as const;

/** Whether `bytes` holds `keyword:` at `offset`. */
function startsWith(bytes: Uint8Array, offset: number, keyword: string): boolean {
  if (offset + keyword.length + 1 > bytes.length) return false;
  for (let index = 0; index < keyword.length; index++) if (bytes[offset + index] !== keyword.charCodeAt(index)) return false;
  return bytes[offset + keyword.length] === 0x3a;
}

/** ComfyUI writes "workflow:{json}" and "prompt:{json}" as ASCII values in the EXIF IFD0. */
function readExifStrings(exif: Uint8Array, found: EmbeddedWorkflow): void {
  const start = latin1.decode(exif.subarray(0, 6)) === "Exif\0\0" ? 6 : 0;
  const tiff = exif.subarray(start);
  if (tiff.length < 8) return;
  const little = tiff[0] === 0x49;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return;
  const count = view.getUint16(ifd, little);
  for (let index = 0; index < count; index++) {
    const entry = ifd + 2 + index * 12;
    if (entry + 12 > tiff.length) break;
    const type = view.getUint16(entry + 2, little);
    const length = view.getUint32(entry + 4, little);
    if ((type !== 2 && type !== 7) || length <= 4) continue;
    const valueOffset = view.getUint32(entry + 8, little);
    if (valueOffset + length > tiff.length) continue;
    // Only the strings ComfyUI writes are decoded, each once: a file of 65,535 entries pointing at one long string
    // would otherwise be decoded 65,535 times.
    const keyword = EXIF_KEYWORDS.find((candidate) => found[candidate] === undefined && startsWith(tiff, valueOffset, candidate));
    if (!keyword) continue;
    const text = withoutTrailing(utf8.decode(tiff.subarray(valueOffset, valueOffset + length)), "\0");
    keep(found, keyword, text.slice(keyword.length + 1));
    if (found.workflow !== undefined && found.prompt !== undefined) return;
  }
}

export function readWebpWorkflow(bytes: Uint8Array): EmbeddedWorkflow {
  const found: EmbeddedWorkflow = {};
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let offset = 12; offset + 8 <= bytes.length;) {
    const type = latin1.decode(bytes.subarray(offset, offset + 4));
    const length = view.getUint32(offset + 4, true);
    const dataEnd = Math.min(offset + 8 + length, bytes.length);
    if (type === "EXIF") {
      try {
        readExifStrings(bytes.subarray(offset + 8, dataEnd), found);
      } catch {
        // Malformed EXIF: no workflow from it.
      }
    }
    offset = offset + 8 + length + (length % 2);
  }
  return found;
}
