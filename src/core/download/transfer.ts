// Moves one file's bytes into its .part: a probe request decides between segmented ranged fetches
// (several connections, written in place, hashed in order) and one plain stream from zero.
import { open, type FileHandle } from "node:fs/promises";
import type { LimitFunction } from "p-limit";
import type { Settings } from "../config/schema";
import { backoffDelayMs, isRetryableError, sleep } from "../net";
import { looksLikeErrorPage } from "../verify/format";
import type { BandwidthLimiter } from "./bandwidth";
import { ExpiredUrlError, FatalDownloadError, RestartFromZeroError, RetryableError, WrongFileError, errorCode } from "./errors";
import { describeUrl, discard, headerValue, parseContentRange, rangeValidator, type HttpClient, type OpenedResponse } from "./http";
import type { FileHasher, HashHandle } from "./file-hasher";
import { partPathOf, prefixHash, writeResumePoint, type ResumePoint } from "./part-file";
import type { ProgressMeter } from "./progress";
import type { LogLevel } from "./types";
import { startWatchdog, type Watchdog } from "./watchdog";

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

type Watched = { response: OpenedResponse; watchdog: Watchdog };

async function openWatched(context: TransferContext, url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<Watched> {
  const watchdog = startWatchdog(context.settings.download_timeout * 1000, signal, url.host);
  try {
    return { response: await context.http.get(url, headers, watchdog.signal), watchdog };
  } catch (error) {
    watchdog.stop();
    throw asClassified(error, watchdog);
  }
}

function asClassified(error: unknown, watchdog: Watchdog): unknown {
  if (watchdog.fired) return watchdog.signal.reason instanceof RetryableError ? watchdog.signal.reason : new RetryableError("No progress", null, { cause: error });
  if (errorCode(error) === "ENOSPC") return new FatalDownloadError("The disk is full: free some space and start the download again (the partial file is kept).", { cause: error });
  if (!(error instanceof RetryableError) && isRetryableError(error)) return new RetryableError(`Connection failed (${errorCode(error)})`, null, { cause: error });
  return error;
}

type BodyWrite = {
  file: FileHandle;
  position: number;
  end: number | null;
  checkFirstBytes: boolean;
  contentType: string | null;
  /** Told of each range once it is on disk. */
  onWritten?: (start: number, length: number) => void;
};

/** How often a ranged download records how far it got (for a resume after a crash). */
const RESUME_CHECKPOINT_MS = 1_000;

/** Bytes gathered before one positional write: fewer, larger writes, memory still bounded per connection. */
const WRITE_BATCH_BYTES = 256 * 1024;

/** Streams a body into the file at `write.position` (advancing it as bytes reach the disk), stopping at `write.end`. */
async function writeBody(context: TransferContext, watched: Watched, write: BodyWrite, signal: AbortSignal): Promise<void> {
  let first = write.checkFirstBytes;
  let batch: Buffer[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (batchBytes === 0) return;
    const [buffers, length] = [batch, batchBytes];
    batch = [];
    batchBytes = 0;
    await write.file.writev(buffers, write.position);
    write.onWritten?.(write.position, length);
    write.position += length;
  };
  const take = async (incoming: Buffer): Promise<boolean> => {
    watched.watchdog.kick();
    const room = write.end === null ? incoming.length : write.end - write.position - batchBytes;
    const chunk = room < incoming.length ? incoming.subarray(0, room) : incoming;
    if (first) {
      if (looksLikeErrorPage(write.contentType, chunk)) throw new WrongFileError(`${describeUrl(watched.response.url)} sent a web page instead of the model file (an error or login page?).`);
      first = false;
    }
    await context.bandwidth.take(chunk.length, signal);
    watched.watchdog.kick(); // waiting on our own bandwidth cap is not the server stalling
    batch.push(chunk);
    batchBytes += chunk.length;
    context.meter.add(chunk.length);
    if (batchBytes >= WRITE_BATCH_BYTES) await flush();
    return write.end === null || write.position + batchBytes < write.end;
  };
  try {
    for await (const incoming of watched.response.body as AsyncIterable<Buffer>) {
      if (!(await take(incoming))) break;
    }
  } catch (error) {
    // Bytes that arrived before the failure are good: keep them so a resume starts after them.
    await flush().catch(() => undefined);
    throw error;
  }
  await flush();
}

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
    if (offset > 0) context.log("info", `${describeUrl(probe.response.url)} sent the whole file instead of the rest (it changed upstream or ignores Range): starting again from zero.`);
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

/** Refuses an error or login page by its Content-Type before any byte is written. */
function checkNotAWebPage(response: OpenedResponse): void {
  if (looksLikeErrorPage(headerValue(response.headers, "content-type"), Buffer.alloc(0))) {
    throw new WrongFileError(`${describeUrl(response.url)} sent a web page instead of the model file (an error or login page?).`);
  }
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
    const write: BodyWrite = { file, position: 0, end: total, checkFirstBytes: true, contentType: headerValue(response.headers, "content-type"), onWritten: hashing.onWritten };
    try {
      await writeBody(context, watched, write, context.signal);
    } catch (error) {
      throw asClassified(error, watched.watchdog);
    }
    if (total !== null && write.position < total) throw new RetryableError(`${describeUrl(response.url)} closed the connection after ${write.position} of ${total} bytes`);
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

type Segment = { start: number; end: number };

function planSegments(firstEnd: number, total: number, offset: number, chunkSize: number): Segment[] {
  const segments: Segment[] = [{ start: offset, end: firstEnd }];
  for (let start = firstEnd; start < total; start += chunkSize) segments.push({ start, end: Math.min(total, start + chunkSize) });
  return segments;
}

async function rangedTransfer(context: TransferContext, target: TransferTarget, probe: Watched, range: Segment & { total: number }): Promise<TransferResult> {
  const previous = target.resume.point;
  const offset = previous?.validBytes ?? 0;
  const validator = rangeValidator(probe.response.headers);
  if (range.start !== offset) throw new RestartFromZeroError(`${describeUrl(probe.response.url)} answered a resume at ${offset} with bytes from ${range.start}.`);
  if (previous?.validator && validator && previous.validator !== validator) throw new RestartFromZeroError(`${describeUrl(probe.response.url)} changed (new ETag): starting again from zero.`);
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

/**
 * Fetches the segments over up to per_host_concurrency connections, the probe's body serving the first.
 * A hashing loop follows behind, reading completed segments back in order, so memory stays flat.
 */
async function fetchSegments(context: TransferContext, file: FileHandle, targetPath: string, point: ResumePoint, segments: Segment[], probe: Watched): Promise<void> {
  const partPath = partPathOf(targetPath);
  const run = new AbortController();
  const signal = AbortSignal.any([context.signal, run.signal]);
  const completed = segments.map(() => false);
  const hashState = point.hash!;
  let nextToHash = 0;
  let nextToFetch = 1;
  let currentUrl = probe.response.url;
  let refreshing: Promise<URL> | null = null;
  let hashing: Promise<void> = Promise.resolve();
  let firstError: unknown = null;
  const writes: Array<BodyWrite | undefined> = [];

  /** Bytes from 0 that are on disk without a gap: hashed segments, then finished ones, then the next one's progress. */
  const contiguousBytes = () => {
    let bytes = point.validBytes;
    for (let index = nextToHash; index < segments.length; index++) {
      if (!completed[index]) return Math.max(bytes, writes[index]?.position ?? segments[index]!.start);
      bytes = segments[index]!.end;
    }
    return bytes;
  };
  // A resume note on disk every second, so even a killed process leaves a .part the next attempt can continue.
  let checkpoint: Promise<void> = Promise.resolve();
  const saveCheckpoint = () => {
    const validBytes = contiguousBytes();
    if (!context.settings.resume_downloads || validBytes === 0) return;
    checkpoint = checkpoint.then(() => writeResumePoint(targetPath, { ...point, validBytes })).catch(() => undefined);
  };
  const checkpoints = setInterval(saveCheckpoint, RESUME_CHECKPOINT_MS);

  const advanceHash = () => {
    hashing = hashing.then(async () => {
      while (nextToHash < segments.length && completed[nextToHash]) {
        const segment = segments[nextToHash]!;
        try {
          await context.hasher.hashRange(hashState.handle, partPath, segment.start, segment.end, signal);
        } catch (error) {
          point.hash = undefined; // the running hash now holds a partial range: re-read on resume
          throw error;
        }
        nextToHash++;
        point.validBytes = hashState.bytes = segment.end;
      }
    });
    hashing.catch(fail);
  };

  const fail = (error: unknown) => {
    if (firstError === null) firstError = error;
    run.abort(error);
  };

  const refreshUrl = async (expired: URL): Promise<void> => {
    if (currentUrl !== expired) return; // another segment already fetched a fresh one
    refreshing ??= context.reresolve().finally(() => (refreshing = null));
    currentUrl = await refreshing;
    context.log("info", `The download link expired; continuing from a fresh one (${describeUrl(currentUrl)}).`);
  };

  const receive = async (segment: Segment, write: BodyWrite, watched: Watched) => {
    const { response } = watched;
    try {
      if (response.status !== 206) throw new RestartFromZeroError(`${describeUrl(response.url)} sent the whole file for a range request (it changed upstream or stopped honouring Range).`);
      const range = parseContentRange(headerValue(response.headers, "content-range"));
      if (!range || range.start !== write.position) throw new RestartFromZeroError(`${describeUrl(response.url)} sent the wrong range for bytes ${write.position}-${segment.end - 1}.`);
      const etag = rangeValidator(response.headers);
      if (point.validator && etag && etag !== point.validator) throw new RestartFromZeroError(`${describeUrl(response.url)} changed (new ETag) in the middle of the download.`);
      checkNotAWebPage(response);
      write.contentType = headerValue(response.headers, "content-type");
      write.checkFirstBytes = write.position === 0;
      currentUrl = response.url;
      await writeBody(context, watched, write, signal);
    } catch (error) {
      throw asClassified(error, watched.watchdog);
    } finally {
      watched.watchdog.stop();
      await discard(response.body);
    }
  };

  const fetchSegment = async (index: number, opened?: Watched) => {
    const segment = segments[index]!;
    const write: BodyWrite = { file, position: segment.start, end: segment.end, checkFirstBytes: false, contentType: null };
    writes[index] = write;
    let failures = 0;
    let pending = opened;
    while (write.position < segment.end) {
      const before = write.position;
      const url = currentUrl;
      try {
        if (pending) {
          const watched = pending;
          pending = undefined;
          await receive(segment, write, watched);
        } else {
          await context.hostSlot(url.host)(async () => {
            const headers: Record<string, string> = { range: `bytes=${write.position}-${segment.end - 1}` };
            if (point.validator) headers["if-range"] = point.validator;
            await receive(segment, write, await openWatched(context, url, headers, signal));
          });
        }
        if (write.position < segment.end) throw new RetryableError(`${describeUrl(url)} closed the connection early`);
      } catch (error) {
        if (signal.aborted) throw error;
        if (write.position > before) failures = 0;
        const retryable = error instanceof RetryableError || error instanceof ExpiredUrlError;
        if (!retryable || ++failures > context.settings.retries) throw error;
        if (error instanceof ExpiredUrlError) {
          await refreshUrl(url);
        } else {
          const delay = error.requestedDelayMs ?? backoffDelayMs(failures);
          context.log("warn", `${error.message} — retrying bytes ${write.position}-${segment.end - 1} in ${Math.round(delay / 1000)} s.`);
          await sleep(delay, signal);
        }
      }
    }
    completed[index] = true;
    advanceHash();
  };

  const worker = async (opened?: Watched) => {
    if (opened) await fetchSegment(0, opened);
    while (!signal.aborted && nextToFetch < segments.length) await fetchSegment(nextToFetch++);
  };

  const workerCount = Math.max(1, Math.min(context.settings.per_host_concurrency, segments.length));
  const workers = [worker(probe), ...Array.from({ length: workerCount - 1 }, () => worker())];
  await Promise.all(workers.map((running) => running.catch(fail)));
  await hashing.catch(fail);
  clearInterval(checkpoints);
  await checkpoint;
  if (firstError !== null || context.signal.aborted) {
    // Keep every byte that reached the disk in order, not just whole segments, for the resume.
    point.validBytes = contiguousBytes();
    throw firstError ?? context.signal.reason;
  }
  if (nextToHash !== segments.length) throw new Error(`Internal error: ${nextToHash} of ${segments.length} segments were hashed.`);
}
