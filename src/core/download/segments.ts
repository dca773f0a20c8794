// Segmented ranged downloads: several connections write their ranges in place while a hash follows behind in order.
import type { FileHandle } from "node:fs/promises";
import { retryDelayMs, sleep } from "../net";
import { ExpiredUrlError, RestartFromZeroError, RetryableError } from "./errors";
import { describeUrl, discard, headerValue, parseContentRange, rangeValidator } from "./http";
import { partPathOf, writeResumePoint, type ResumePoint } from "./part-file";
import { asClassified, checkNotAWebPage, openWatched, writeBody, type BodyWrite, type Watched } from "./response-body";
import type { TransferContext } from "./transfer";

/** How often a ranged download records how far it got (for a resume after a crash). */
const RESUME_CHECKPOINT_MS = 1_000;

export type Segment = { start: number; end: number };

export function planSegments(firstEnd: number, total: number, offset: number, chunkSize: number): Segment[] {
  const segments: Segment[] = [{ start: offset, end: firstEnd }];
  for (let start = firstEnd; start < total; start += chunkSize) segments.push({ start, end: Math.min(total, start + chunkSize) });
  return segments;
}

/**
 * Fetches the segments over up to per_host_concurrency connections, the probe's body serving the first.
 * A hashing loop follows behind, reading completed segments back in order, so memory stays flat.
 */
export async function fetchSegments(
  context: TransferContext,
  file: FileHandle,
  targetPath: string,
  point: ResumePoint,
  segments: Segment[],
  probe: Watched,
): Promise<void> {
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
      if (response.status !== 206)
        throw new RestartFromZeroError(
          `${describeUrl(response.url)} sent the whole file for a range request (it changed upstream or stopped honouring Range).`,
        );
      const range = parseContentRange(headerValue(response.headers, "content-range"));
      if (!range || range.start !== write.position)
        throw new RestartFromZeroError(`${describeUrl(response.url)} sent the wrong range for bytes ${write.position}-${segment.end - 1}.`);
      const etag = rangeValidator(response.headers);
      if (point.validator && etag && etag !== point.validator)
        throw new RestartFromZeroError(`${describeUrl(response.url)} changed (new ETag) in the middle of the download.`);
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
          const delay = retryDelayMs(error.requestedDelayMs, failures);
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
