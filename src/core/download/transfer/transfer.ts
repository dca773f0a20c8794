// Moves one file's bytes into its .part: a probe request decides between segmented ranged fetches (several
// connections, written in place, hashed in order) and one plain stream from zero.
import { open } from "node:fs/promises";
import { basename } from "node:path";
import { describeUrl, discard } from "../../net/http";
import { RestartFromZeroError, RetryableError, WrongFileError } from "../errors";
import { partPathOf, prefixHash, type ResumePoint } from "../part-file";
import { checkNotAWebPage, writeBody, type BodyWrite } from "./body";
import type { TransferContext, TransferResult, TransferTarget } from "./context";
import { createOrderedHash } from "./ordered-hash";
import { classifyTransferError, openWatched, parseContentRange, rangeValidator, type WatchedResponse } from "./response";
import { createSegmentPlan, planSegments, type Segment } from "./segment-plan";
import { fetchSegments } from "./segments";

/** Downloads the file into its .part and returns its SHA-256; throws a classified error otherwise. */
export async function transferToPart(context: TransferContext, source: URL, target: TransferTarget): Promise<TransferResult> {
  const point = target.resume.point;
  const offset = point?.validBytes ?? 0;
  const knownTotal = point?.total ?? target.expectedSize;
  if (point && knownTotal !== null && offset >= knownTotal) return finishFromPart(context, target, point);
  const probeEnd = (knownTotal ? Math.min(offset + context.settings.chunk_size, knownTotal) : offset + context.settings.chunk_size) - 1;
  const headers: Record<string, string> = { range: `bytes=${offset}-${probeEnd}` };
  if (point?.validator) headers["if-range"] = point.validator;
  const probe = await openWatched(context, source, headers);
  try {
    if (probe.response.status === 206) {
      const range = parseContentRange(probe.response.headers["content-range"]);
      if (range && range.total !== null) return await rangedTransfer(context, target, probe, { start: range.start, end: range.end + 1, total: range.total });
      await discard(probe.response.body);
      probe.watchdog.stop();
      // A 206 without a usable total cannot be split safely: fetch it whole.
      return await streamFromZero(context, target, await openWatched(context, source, {}));
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
  const handle = await prefixHash(context.hasher, partPathOf(target.targetPath), point, context.signal);
  return { sha256: await context.hasher.digest(handle), bytes: point.total };
}

function checkPromisedSize(total: number, expectedSize: number | null, where: URL): void {
  if (expectedSize !== null && total !== expectedSize) {
    throw new WrongFileError(`${describeUrl(where)} serves ${total} bytes but the source promised ${expectedSize}: not the expected file.`);
  }
}

async function streamFromZero(context: TransferContext, target: TransferTarget, watched: WatchedResponse): Promise<TransferResult> {
  target.resume.point = null;
  const { response } = watched;
  const fileName = basename(target.targetPath);
  const lengthHeader = response.headers["content-length"];
  const total = lengthHeader === undefined ? null : Number(lengthHeader);
  checkNotAWebPage(response, fileName);
  if (total !== null) checkPromisedSize(total, target.expectedSize, response.url);
  await context.ensureFreeSpace(total ?? target.expectedSize ?? 0);
  context.meter.reset(0, total ?? target.expectedSize);
  const partPath = partPathOf(target.targetPath);
  const file = await open(partPath, "w");
  const hash = createOrderedHash(context.hasher, partPath, context.hasher.create(), { signal: context.signal });
  try {
    const write: BodyWrite = {
      file,
      fileName,
      position: 0,
      end: total,
      checkFirstBytes: true,
      contentType: response.headers["content-type"] ?? null,
      onWritten: (start, length) => hash.feed(start, start + length),
    };
    try {
      await writeBody(context, watched, write, context.signal);
    } catch (error) {
      throw classifyTransferError(error, watched.watchdog);
    }
    if (total !== null && write.position < total)
      throw new RetryableError(`${describeUrl(response.url)} closed the connection after ${write.position} of ${total} bytes`);
    await file.sync();
    return { sha256: await hash.finish(), bytes: write.position };
  } catch (error) {
    hash.abandon();
    throw error;
  } finally {
    watched.watchdog.stop();
    await file.close();
  }
}

async function rangedTransfer(
  context: TransferContext,
  target: TransferTarget,
  probe: WatchedResponse,
  range: Segment & { total: number },
): Promise<TransferResult> {
  const previous = target.resume.point;
  const offset = previous?.validBytes ?? 0;
  const validator = rangeValidator(probe.response.headers);
  if (range.start !== offset)
    throw new RestartFromZeroError(`${describeUrl(probe.response.url)} answered a resume at ${offset} with bytes from ${range.start}.`);
  if (previous?.validator && validator && previous.validator !== validator)
    throw new RestartFromZeroError(`${describeUrl(probe.response.url)} changed (new ETag): starting again from zero.`);
  checkNotAWebPage(probe.response, basename(target.targetPath));
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
    const plan = createSegmentPlan(planSegments(range.end, range.total, offset, context.settings.chunk_size), offset);
    await fetchSegments(context, file, target.targetPath, point, plan, probe);
    await file.sync();
    target.resume.point = null;
    return { sha256: await context.hasher.digest(handle), bytes: range.total };
  } finally {
    await file.close();
  }
}
