// Moves one file's bytes into its .part: a probe request decides between segmented ranged fetches
// (several connections, written in place, hashed in order) and one plain stream from zero.
import { open } from "node:fs/promises";
import type { LimitFunction } from "p-limit";
import type { Settings } from "../config/schema";
import type { BandwidthLimiter } from "./bandwidth";
import { RestartFromZeroError, RetryableError, WrongFileError } from "./errors";
import { describeUrl, discard, headerValue, parseContentRange, rangeValidator, type HttpClient } from "./http";
import type { FileHasher, HashHandle } from "./file-hasher";
import { partPathOf, prefixHash, type ResumePoint } from "./part-file";
import type { ProgressMeter } from "./progress";
import type { LogLevel } from "./types";
import { asClassified, checkNotAWebPage, openWatched, writeBody, type BodyWrite, type Watched } from "./response-body";
import { fetchSegments, planSegments, type Segment } from "./segments";

export type TransferContext = {
  http: HttpClient;
  hasher: FileHasher;
  settings: Settings["download"];
  bandwidth: BandwidthLimiter;
  /** Caps the connections open to one host, shared by every download. */
  hostSlot: (host: string) => LimitFunction;
  meter: ProgressMeter;
  signal: AbortSignal;
  log: (level: LogLevel, message: string) => void;
  ensureFreeSpace: (bytesToCome: number) => Promise<void>;
  /** A fresh URL for the file when a presigned one expired. */
  reresolve: () => Promise<URL>;
};

export type TransferTarget = {
  targetPath: string;
  expectedSize: number | null;
  /** Updated as the download goes, so a failed attempt can be resumed (in memory or from the note on disk). */
  resume: { point: ResumePoint | null };
};

export type TransferResult = { sha256: string; bytes: number };

/** Downloads the file into its .part and returns its SHA-256; throws a classified error otherwise. */
export async function transferToPart(context: TransferContext, source: URL, target: TransferTarget): Promise<TransferResult> {
  const point = target.resume.point;
  const offset = point?.validBytes ?? 0;
  const knownTotal = point?.total ?? target.expectedSize;
  if (point && knownTotal !== null && offset >= knownTotal) return finishFromPart(context, target, point);
  const probeEnd = (knownTotal ? Math.min(offset + context.settings.chunk_size, knownTotal) : offset + context.settings.chunk_size) - 1;
  const headers: Record<string, string> = { range: `bytes=${offset}-${probeEnd}` };
  if (point?.validator) headers["if-range"] = point.validator;
  const probe = await openWatched(context, source, headers, context.signal);
  try {
    if (probe.response.status === 206) {
      const range = parseContentRange(headerValue(probe.response.headers, "content-range"));
      if (range && range.total !== null) return await rangedTransfer(context, target, probe, { start: range.start, end: range.end + 1, total: range.total });
      await discard(probe.response.body);
      probe.watchdog.stop();
      // A 206 without a usable total cannot be split safely: fetch it whole.
      return await streamFromZero(context, target, await openWatched(context, source, {}, context.signal));
    }
    if (offset > 0)
      context.log(
        "info",
        `${describeUrl(probe.response.url)} sent the whole file instead of the rest (it changed upstream or ignores Range): starting again from zero.`,
      );
    return await streamFromZero(context, target, probe);
  } finally {
    probe.watchdog.stop();
    await discard(probe.response.body);
  }
}

async function finishFromPart(context: TransferContext, target: TransferTarget, point: ResumePoint): Promise<TransferResult> {
  const partPath = partPathOf(target.targetPath);
  const handle = await prefixHash(context.hasher, partPath, point, context.signal);
  return { sha256: await context.hasher.digest(handle), bytes: point.total };
}

/** Hashes ranges in order as they reach the disk; `finish` waits for the last one and gives the digest. */
function orderedHashing(context: TransferContext, partPath: string, handle: HashHandle) {
  let chain: Promise<void> = Promise.resolve();
  return {
    onWritten(start: number, length: number) {
      chain = chain.then(() => context.hasher.hashRange(handle, partPath, start, start + length));
    },
    async finish(): Promise<string> {
      await chain;
      return context.hasher.digest(handle);
    },
    abandon() {
      chain.catch(() => undefined).finally(() => context.hasher.drop(handle));
    },
  };
}

function checkPromisedSize(total: number, expectedSize: number | null, where: URL): void {
  if (expectedSize !== null && total !== expectedSize) {
    throw new WrongFileError(`${describeUrl(where)} serves ${total} bytes but the source promised ${expectedSize}: not the expected file.`);
  }
}

async function streamFromZero(context: TransferContext, target: TransferTarget, watched: Watched): Promise<TransferResult> {
  target.resume.point = null;
  const { response } = watched;
  const lengthHeader = headerValue(response.headers, "content-length");
  const total = lengthHeader === null ? null : Number(lengthHeader);
  checkNotAWebPage(response);
  if (total !== null) checkPromisedSize(total, target.expectedSize, response.url);
  await context.ensureFreeSpace(total ?? target.expectedSize ?? 0);
  context.meter.reset(0, total ?? target.expectedSize);
  const partPath = partPathOf(target.targetPath);
  const file = await open(partPath, "w");
  const hashing = orderedHashing(context, partPath, context.hasher.create());
  try {
    const write: BodyWrite = {
      file,
      position: 0,
      end: total,
      checkFirstBytes: true,
      contentType: headerValue(response.headers, "content-type"),
      onWritten: hashing.onWritten,
    };
    try {
      await writeBody(context, watched, write, context.signal);
    } catch (error) {
      throw asClassified(error, watched.watchdog);
    }
    if (total !== null && write.position < total)
      throw new RetryableError(`${describeUrl(response.url)} closed the connection after ${write.position} of ${total} bytes`);
    await file.sync();
    return { sha256: await hashing.finish(), bytes: write.position };
  } catch (error) {
    hashing.abandon();
    throw error;
  } finally {
    watched.watchdog.stop();
    await file.close();
  }
}

async function rangedTransfer(context: TransferContext, target: TransferTarget, probe: Watched, range: Segment & { total: number }): Promise<TransferResult> {
  const previous = target.resume.point;
  const offset = previous?.validBytes ?? 0;
  const validator = rangeValidator(probe.response.headers);
  if (range.start !== offset)
    throw new RestartFromZeroError(`${describeUrl(probe.response.url)} answered a resume at ${offset} with bytes from ${range.start}.`);
  if (previous?.validator && validator && previous.validator !== validator)
    throw new RestartFromZeroError(`${describeUrl(probe.response.url)} changed (new ETag): starting again from zero.`);
  checkNotAWebPage(probe.response);
  checkPromisedSize(range.total, target.expectedSize, probe.response.url);
  await context.ensureFreeSpace(range.total - offset);

  const partPath = partPathOf(target.targetPath);
  const file = await open(partPath, offset > 0 ? "r+" : "w");
  try {
    const handle = previous ? await prefixHash(context.hasher, partPath, previous, context.signal) : context.hasher.create();
    if (previous?.hash) context.hasher.drop(previous.hash.handle);
    if (offset > 0) await file.truncate(offset);
    const point: ResumePoint = { validBytes: offset, total: range.total, validator, hash: { handle, bytes: offset } };
    target.resume.point = point;
    context.meter.reset(offset, range.total);
    await fetchSegments(context, file, target.targetPath, point, planSegments(range.end, range.total, offset, context.settings.chunk_size), probe);
    await file.sync();
    target.resume.point = null;
    return { sha256: await context.hasher.digest(handle), bytes: range.total };
  } finally {
    await file.close();
  }
}
