// What the kill and contention suites read to tell whether a killed worker cost anything: a replayable random
// source, what the simulator's storage served per file, and the partial files a kill left on disk.
import { randomInt } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import type { SimRequest } from "../../src/test/sim";

/** A seeded random source (mulberry32): the same seed gives the same kill moments, so a failure can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** COMFYFIXER_FAULT_SEED replays a run of the suite; without it, a fresh seed (printed by the suite). */
export function faultSeed(): number {
  const given = process.env.COMFYFIXER_FAULT_SEED;
  return given ? Number(given) : randomInt(2 ** 31);
}

/** The file a storage request asked for: the last segment of its path (`/civitai/{id}/{name}`, `/hf/{repo}/{path}`). */
export function storageFileOf(request: SimRequest): string {
  const path = request.path.split("?")[0] ?? "";
  return decodeURIComponent(path.slice(path.lastIndexOf("/") + 1));
}

/** Where a GET starts reading: the first byte of its `Range: bytes=N-`, or 0 for a whole-file GET. */
export function rangeStartOf(request: SimRequest): number {
  const match = /^bytes=(\d+)-/.exec(request.headers.range ?? "");
  return match ? Number(match[1]) : 0;
}

/**
 * A GET that fetches a file's body (of `file`, when given). The resolver sizes a Civitai file with a one-byte
 * `bytes=0-0` GET (its storage refuses HEAD); that probe is not a download.
 */
export function isBodyRequest(request: SimRequest, file?: string): boolean {
  return request.server === "storage" && request.method === "GET" && request.headers.range !== "bytes=0-0" && (!file || storageFileOf(request) === file);
}

/** The GETs that fetch a file's body, in the order they came. */
export const bodyRequests = (requests: readonly SimRequest[], file?: string) => requests.filter((request) => isBodyRequest(request, file));

/** Body bytes storage served per file, over every request so far. */
export function servedBytesByFile(requests: readonly SimRequest[]): Map<string, number> {
  const served = new Map<string, number>();
  for (const request of bodyRequests(requests)) served.set(storageFileOf(request), (served.get(storageFileOf(request)) ?? 0) + (request.body?.bytes ?? 0));
  return served;
}

/** Body bytes storage served in total. */
export const servedBytes = (requests: readonly SimRequest[]) => [...servedBytesByFile(requests).values()].reduce((sum, bytes) => sum + bytes, 0);

/** A file's `.part` as a kill left it: its bytes on disk and how many of them its resume note vouches for. */
export type PartialFile = { file: string; partBytes: number; noteBytes: number };

/**
 * Reads `<target>.part` and its resume note `<target>.part.resume` (src/core/download/part-file.ts) as a person
 * would see them, without the product's own reader: null when there is no `.part` with bytes.
 */
export async function partialFileOf(targetPath: string, file: string): Promise<PartialFile | null> {
  const part = await stat(`${targetPath}.part`).catch(() => null);
  if (!part || part.size === 0) return null;
  const note = await readFile(`${targetPath}.part.resume`, "utf8")
    .then((text) => JSON.parse(text) as { validBytes?: unknown })
    .catch(() => null);
  const noteBytes = typeof note?.validBytes === "number" && note.validBytes <= part.size ? note.validBytes : 0;
  return { file, partBytes: part.size, noteBytes };
}

/** One partial file after one kill, and where the next GET of that file started (null: none came after it). */
export type ResumeCheck = PartialFile & { afterRequest: number; nextStart: number | null };

/**
 * For each partial file a kill left, the start of the first body GET of that file made after the kill. A file left
 * untouched across several kills (it waited for a slot) is one partial file, not several.
 */
export function resumeChecks(partials: ReadonlyArray<PartialFile & { afterRequest: number }>, requests: readonly SimRequest[]): ResumeCheck[] {
  const checks = new Map<string, ResumeCheck>();
  for (const partial of partials) {
    const next = requests.findIndex((request, index) => index >= partial.afterRequest && bodyRequests([request], partial.file).length === 1);
    // The latest kill before that GET wins: its .part is the one the GET continued.
    checks.set(`${partial.file}@${next}`, { ...partial, nextStart: next === -1 ? null : rangeStartOf(requests[next]!) });
  }
  return [...checks.values()];
}
