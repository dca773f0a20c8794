// Reading one response body into the .part: the watched request, error classification, batched positional writes.
import type { FileHandle } from "node:fs/promises";
import { isRetryableError } from "../net";
import { looksLikeErrorPage } from "../verify/format";
import { FatalDownloadError, RetryableError, WrongFileError, errorCode } from "./errors";
import { describeUrl, headerValue, type OpenedResponse } from "./http";
import type { TransferContext } from "./transfer";
import { startWatchdog, type Watchdog } from "./watchdog";

export type Watched = { response: OpenedResponse; watchdog: Watchdog };

export async function openWatched(context: TransferContext, url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<Watched> {
  const watchdog = startWatchdog(context.settings.download_timeout * 1000, signal, url.host);
  try {
    return { response: await context.http.get(url, headers, watchdog.signal), watchdog };
  } catch (error) {
    watchdog.stop();
    throw asClassified(error, watchdog);
  }
}

export function asClassified(error: unknown, watchdog: Watchdog): unknown {
  if (watchdog.fired)
    return watchdog.signal.reason instanceof RetryableError ? watchdog.signal.reason : new RetryableError("No progress", null, { cause: error });
  if (errorCode(error) === "ENOSPC")
    return new FatalDownloadError("The disk is full: free some space and start the download again (the partial file is kept).", { cause: error });
  if (!(error instanceof RetryableError) && isRetryableError(error))
    return new RetryableError(`Connection failed (${errorCode(error)})`, null, { cause: error });
  return error;
}

export type BodyWrite = {
  file: FileHandle;
  position: number;
  end: number | null;
  checkFirstBytes: boolean;
  contentType: string | null;
  /** Told of each range once it is on disk. */
  onWritten?: (start: number, length: number) => void;
};

/** Bytes gathered before one positional write: fewer, larger writes, memory still bounded per connection. */
const WRITE_BATCH_BYTES = 256 * 1024;

/** Streams a body into the file at `write.position` (advancing it as bytes reach the disk), stopping at `write.end`. */
export async function writeBody(context: TransferContext, watched: Watched, write: BodyWrite, signal: AbortSignal): Promise<void> {
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
      if (looksLikeErrorPage(write.contentType, chunk))
        throw new WrongFileError(`${describeUrl(watched.response.url)} sent a web page instead of the model file (an error or login page?).`);
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

/** Refuses an error or login page by its Content-Type before any byte is written. */
export function checkNotAWebPage(response: OpenedResponse): void {
  if (looksLikeErrorPage(headerValue(response.headers, "content-type"), Buffer.alloc(0))) {
    throw new WrongFileError(`${describeUrl(response.url)} sent a web page instead of the model file (an error or login page?).`);
  }
}
