// Verification of downloaded bytes: the format checks (a broken safetensors/gguf, an error page instead of a file),
// and the check a .part passes before it gets its name.
import { open } from "node:fs/promises";
import { WrongFileError } from "./errors";

export type FormatCheck = { ok: true } | { ok: false; reason: string };

const SAFETENSORS_MAX_HEADER = 100 * 1024 * 1024;
const OK: FormatCheck = { ok: true };

type FormatRule = (head: Buffer, fileSize: number | null, readRange: (start: number, length: number) => Promise<Buffer>) => Promise<FormatCheck>;

async function checkSafetensors(head: Buffer, fileSize: number | null, readRange: (start: number, length: number) => Promise<Buffer>): Promise<FormatCheck> {
  if (head.length < 8) return { ok: false, reason: "it is shorter than a safetensors header" };
  const headerLength = Number(head.readBigUInt64LE(0));
  if (headerLength < 2 || headerLength > SAFETENSORS_MAX_HEADER || (fileSize !== null && 8 + headerLength > fileSize)) {
    return { ok: false, reason: `its safetensors header length (${headerLength} bytes) is impossible` };
  }
  const header = head.length >= 8 + headerLength ? head.subarray(8, 8 + headerLength) : await readRange(8, headerLength);
  if (header.length < headerLength) return { ok: false, reason: "its safetensors header is cut short" };
  try {
    const parsed: unknown = JSON.parse(header.toString("utf8"));
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return OK;
  } catch {
    // fall through to the refusal below
  }
  return { ok: false, reason: "its safetensors header is not a JSON object" };
}

async function checkGguf(head: Buffer): Promise<FormatCheck> {
  return head.subarray(0, 4).toString("latin1") === "GGUF" ? OK : { ok: false, reason: 'it does not start with the GGUF magic "GGUF"' };
}

const RULES_BY_EXTENSION: Record<string, FormatRule> = {
  ".safetensors": checkSafetensors,
  ".sft": checkSafetensors,
  ".gguf": checkGguf,
};

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot === -1 ? "" : fileName.slice(dot).toLowerCase();
}

/**
 * Checks what can be checked from the first bytes for this file name's format.
 * `source` is a path on disk or the file's first bytes (then a header beyond them cannot be read).
 */
export async function checkModelFormat(source: string | Buffer, fileName: string): Promise<FormatCheck> {
  const rule = RULES_BY_EXTENSION[extensionOf(fileName)];
  if (!rule) return OK;
  if (Buffer.isBuffer(source)) {
    return rule(source, null, async (start, length) => source.subarray(start, start + length));
  }
  const file = await open(source, "r");
  try {
    const { size } = await file.stat();
    const readRange = async (start: number, length: number) => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - start)));
      const { bytesRead } = await file.read(buffer, 0, buffer.length, start);
      return buffer.subarray(0, bytesRead);
    };
    return rule(await readRange(0, 64 * 1024), size, readRange);
  } finally {
    await file.close();
  }
}

const ERROR_PAGE_TYPES = ["text/html", "application/xhtml+xml", "application/json", "application/problem+json"];
const ERROR_PAGE_STARTS = [
  /^\s*<!doctype\s+html/i,
  /^\s*<html[\s>]/i,
  /^\s*<\?xml[^>]*>\s*<(error|html)/i,
  /^\s*<head[\s>]/i,
  /^\s*\{\s*"(error|message|detail|errors|statusCode)"/i,
];

const JSON_TYPES = new Set(["application/json"]);

/**
 * True when a response is an error, login or JSON page rather than model bytes. A file that is itself JSON (a
 * `.json` config Hugging Face serves as application/json) is judged by its bytes alone.
 */
export function looksLikeErrorPage(contentType: string | null | undefined, firstBytes: Buffer | Uint8Array, fileName: string): boolean {
  const mediaType = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  const isJsonFile = fileName.toLowerCase().endsWith(".json");
  if (ERROR_PAGE_TYPES.includes(mediaType) && !(isJsonFile && JSON_TYPES.has(mediaType))) return true;
  if (isJsonFile) return false;
  const text = Buffer.from(firstBytes.subarray(0, 512)).toString("latin1");
  return ERROR_PAGE_STARTS.some((pattern) => pattern.test(text));
}

/** Checks a finished .part against what the source promised: size, SHA-256 and format. Throws WrongFileError. */
export async function verifyPart(
  partPath: string,
  fileName: string,
  result: { bytes: number; sha256: string },
  expected: { size: number | null; sha256: string | null },
): Promise<void> {
  if (expected.size !== null && result.bytes !== expected.size) {
    throw new WrongFileError(`${fileName} arrived with ${result.bytes} bytes, not the ${expected.size} the source promised.`);
  }
  if (expected.sha256 && result.sha256 !== expected.sha256.toLowerCase()) {
    throw new WrongFileError(`${fileName} arrived with SHA-256 ${result.sha256}, not the ${expected.sha256.toLowerCase()} the source published.`);
  }
  const format = await checkModelFormat(partPath, fileName);
  if (!format.ok) throw new WrongFileError(`${fileName} is not a valid model file: ${format.reason}.`);
}
