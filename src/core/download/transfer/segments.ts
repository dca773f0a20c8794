// Segmented ranged downloads: up to per_host_concurrency connections write their ranges in place while a hash follows
// behind in file order and a resume note follows the bytes on disk (so even a killed process can continue).
import type { FileHandle } from "node:fs/promises";
import { basename } from "node:path";
import { describeUrl, discard } from "../../net/http";
import { retryDelayMs, sleep } from "../../net/retry";
import { ExpiredUrlError, RestartFromZeroError, RetryableError } from "../errors";
import { partPathOf, writeResumePoint, type ResumePoint } from "../part-file";
import { checkNotAWebPage, writeBody, type BodyWrite } from "./body";
import type { TransferContext } from "./context";
import { createOrderedHash } from "./ordered-hash";
import { classifyTransferError, openWatched, parseContentRange, rangeValidator, type WatchedResponse } from "./response";
import type { SegmentPlan } from "./segment-plan";

/**
 * How often a ranged download records how far it got (for a resume after a crash): a killed worker loses at most
 * this much of each download. The first note goes out with the first bytes on disk, so a worker killed early in a
 * download keeps them too (a crash loop would otherwise fetch the same first bytes again and again).
 */
const RESUME_CHECKPOINT_MS = 250;

/**
 * Fetches every segment of `plan`, the probe's body serving the first. Resolves when all bytes are on disk and
 * hashed into `point.hash`; on failure `point.validBytes` says how far the file is good, and the error is rethrown.
 */
export async function fetchSegments(
  context: TransferContext,
  file: FileHandle,
  targetPath: string,
  point: ResumePoint,
  plan: SegmentPlan,
  probe: WatchedResponse,
): Promise<void> {
  const partPath = partPathOf(targetPath);
  const fileName = basename(targetPath);
  const run = new AbortController();
  const signal = AbortSignal.any([context.signal, run.signal]);
  let currentUrl = probe.response.url;
  let firstError: unknown = null;
  const fail = (error: unknown) => {
    if (firstError === null) firstError = error;
    run.abort(error);
  };

  const hashState = point.hash!;
  const hash = createOrderedHash(context.hasher, partPath, hashState.handle, {
    signal,
    onHashed: (end) => void (point.validBytes = hashState.bytes = end),
  });
  const hashCompleted = () => {
    for (const segment of plan.takeHashable()) hash.feed(segment.start, segment.end);
    hash.settled().catch((error: unknown) => {
      point.hash = undefined; // the running hash now holds a partial range: re-read on resume
      fail(error);
    });
  };

  let checkpoint: Promise<void> = Promise.resolve();
  let notedBytes = 0;
  let notedAt = -Infinity;
  let nextNote: ReturnType<typeof setTimeout> | null = null;
  const writeNote = () => {
    nextNote = null;
    const validBytes = plan.contiguousBytes();
    if (!context.settings.resume_downloads || validBytes <= notedBytes) return;
    notedBytes = validBytes;
    notedAt = Date.now();
    checkpoint = checkpoint.then(() => writeResumePoint(targetPath, { ...point, validBytes })).catch(() => undefined);
  };
  /** Bytes reached the disk: note them now, or at the end of the current interval. */
  const noteProgress = () => {
    if (nextNote) return;
    const wait = notedAt + RESUME_CHECKPOINT_MS - Date.now();
    if (wait <= 0) writeNote();
    else nextNote = setTimeout(writeNote, wait);
  };

  /** The source's own URL redirects to a freshly signed one; segments that hit the same expiry refresh once. */
  const refreshUrl = (expired: URL) => {
    if (currentUrl !== expired) return;
    currentUrl = context.origin;
    context.log("info", `The download link expired; continuing from a fresh one (${describeUrl(context.origin)}).`);
  };

  const receive = async (index: number, write: BodyWrite, watched: WatchedResponse) => {
    const segment = plan.segments[index]!;
    const { response } = watched;
    try {
      if (response.status !== 206)
        throw new RestartFromZeroError(
          `${describeUrl(response.url)} sent the whole file for a range request (it changed upstream or stopped honouring Range).`,
        );
      const range = parseContentRange(response.headers["content-range"]);
      if (!range || range.start !== write.position)
        throw new RestartFromZeroError(`${describeUrl(response.url)} sent the wrong range for bytes ${write.position}-${segment.end - 1}.`);
      const etag = rangeValidator(response.headers);
      if (point.validator && etag && etag !== point.validator)
        throw new RestartFromZeroError(`${describeUrl(response.url)} changed (new ETag) in the middle of the download.`);
      checkNotAWebPage(response, fileName);
      write.contentType = response.headers["content-type"] ?? null;
      write.checkFirstBytes = write.position === 0;
      currentUrl = response.url;
      await writeBody(context, watched, write, signal);
    } catch (error) {
      throw classifyTransferError(error, watched.watchdog);
    } finally {
      watched.watchdog.stop();
      await discard(response.body);
    }
  };

  const fetchSegment = async (index: number, opened?: WatchedResponse) => {
    const segment = plan.segments[index]!;
    const write: BodyWrite = {
      file,
      fileName,
      position: segment.start,
      end: segment.end,
      checkFirstBytes: false,
      contentType: null,
      onWritten: (start, length) => {
        plan.advance(index, start + length);
        noteProgress();
      },
    };
    let pending = opened;
    while (write.position < segment.end) {
      const url = currentUrl;
      try {
        if (pending) {
          const watched = pending;
          pending = undefined;
          await receive(index, write, watched);
        } else {
          await context.hostSlot(url.host)(async () => {
            const headers: Record<string, string> = { range: `bytes=${write.position}-${segment.end - 1}` };
            if (point.validator) headers["if-range"] = point.validator;
            await receive(index, write, await openWatched({ ...context, signal }, url, headers));
          });
        }
        if (write.position < segment.end) throw new RetryableError(`${describeUrl(url)} closed the connection early`);
      } catch (error) {
        if (signal.aborted) throw error;
        const retryable = error instanceof RetryableError || error instanceof ExpiredUrlError;
        if (!retryable || !context.budget.spend()) throw error;
        if (error instanceof ExpiredUrlError) {
          refreshUrl(url);
        } else {
          const delay = retryDelayMs(error.requestedDelayMs, context.budget.failures);
          context.log("warn", `${error.message} — retrying bytes ${write.position}-${segment.end - 1} in ${Math.round(delay / 1000)} s.`);
          await sleep(delay, signal);
        }
      }
    }
    plan.complete(index);
    hashCompleted();
  };

  const connection = async (opened?: WatchedResponse) => {
    if (opened) await fetchSegment(0, opened);
    for (let index = plan.take(); index !== null && !signal.aborted; index = plan.take()) await fetchSegment(index);
  };

  const connections = Math.max(1, Math.min(context.settings.per_host_concurrency, plan.segments.length));
  await Promise.all([connection(probe), ...Array.from({ length: connections - 1 }, () => connection())].map((running) => running.catch(fail)));
  await hash.settled().catch(fail);
  if (nextNote) clearTimeout(nextNote);
  await checkpoint;
  if (firstError !== null || context.signal.aborted) {
    // Keep every byte that reached the disk in order, not just whole segments, for the resume.
    point.validBytes = plan.contiguousBytes();
    throw firstError ?? context.signal.reason;
  }
  if (!plan.allHashed()) throw new Error(`Internal error: not every segment of ${fileName} was hashed.`);
}
