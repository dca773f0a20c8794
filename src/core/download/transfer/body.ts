// Reading one response body into the .part: batched positional writes, the bandwidth cap, and the refusal of a web
// page where model bytes were expected.
import type { FileHandle } from "node:fs/promises";
import { describeUrl, type HttpResponse } from "../../net/http";
import { WrongFileError } from "../errors";
import { looksLikeErrorPage } from "../verify";
import type { TransferContext } from "./context";
import type { WatchedResponse } from "./response";

export type BodyWrite = {
  file: FileHandle;
  /** The target's file name, for telling a JSON model from a JSON error. */
  fileName: string;
  position: number;
  end: number | null;
  checkFirstBytes: boolean;
  contentType: string | null;
  /** Told of each range once it is on disk. */
  onWritten?: (start: number, length: number) => void;
};

/** Bytes gathered before one positional write: fewer, larger writes, memory still bounded per connection. */
const WRITE_BATCH_BYTES = 256 * 1024;
/** On a slow line a batch is written after this long even if not full: bytes in memory are lost if the process dies. */
const WRITE_BATCH_MS = 250;

/** Streams a body into the file at `write.position` (advancing it as bytes reach the disk), stopping at `write.end`. */
export async function writeBody(context: TransferContext, watched: WatchedResponse, write: BodyWrite, signal: AbortSignal): Promise<void> {
  let first = write.checkFirstBytes;
  let batch: Buffer[] = [];
  let batchBytes = 0;
  let batchStartedAt = 0;
  const flush = async () => {
    if (batchBytes === 0) return;
    let [buffers, length] = [batch, batchBytes];
    batch = [];
    batchBytes = 0;
    // A disk filling up can take part of a write: only the bytes it took count as on disk (and go in the resume
    // note); writing the rest then fails with the disk's own error (ENOSPC).
    while (length > 0) {
      const { bytesWritten } = await write.file.writev(buffers, write.position);
      if (bytesWritten === 0) throw new Error(`Writing ${write.fileName} stopped: the disk took no more bytes.`);
      write.onWritten?.(write.position, bytesWritten);
      write.position += bytesWritten;
      length -= bytesWritten;
      if (length > 0) buffers = [Buffer.concat(buffers).subarray(bytesWritten)];
    }
    context.budget.progressed();
  };
  const take = async (incoming: Buffer): Promise<boolean> => {
    watched.watchdog.kick();
    const room = write.end === null ? incoming.length : write.end - write.position - batchBytes;
    const chunk = room < incoming.length ? incoming.subarray(0, room) : incoming;
    if (first) {
      if (looksLikeErrorPage(write.contentType, chunk, write.fileName)) throw notTheFile(watched.response);
      first = false;
    }
    await context.bandwidth.take(chunk.length, signal);
    watched.watchdog.kick(); // waiting on our own bandwidth cap is not the server stalling
    if (batchBytes === 0) batchStartedAt = performance.now();
    batch.push(chunk);
    batchBytes += chunk.length;
    context.meter.add(chunk.length);
    if (batchBytes >= WRITE_BATCH_BYTES || performance.now() - batchStartedAt >= WRITE_BATCH_MS) await flush();
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

const notTheFile = (response: HttpResponse) =>
  new WrongFileError(`${describeUrl(response.url)} sent a web page instead of the model file (an error or login page?).`);

/** Refuses an error or login page by its Content-Type before any byte is written. */
export function checkNotAWebPage(response: HttpResponse, fileName: string): void {
  if (looksLikeErrorPage(response.headers["content-type"], Buffer.alloc(0), fileName)) throw notTheFile(response);
}
