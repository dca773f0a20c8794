// SHA-256 of files and of byte ranges of files, on worker threads so hashing never competes with the event loop that
// moves the bytes. A hash may be fed range by range as a download writes them (each hash lives on one thread);
// a whole file is one range. Ranges are read back from the page cache just after they are written.
import { availableParallelism } from "node:os";
import { createThreadPool, type ThreadPool } from "../threads/pool";

export type HashHandle = { readonly id: number; readonly thread: number };

export type Hasher = {
  create(): HashHandle;
  /** A new hash that continues from `handle`'s state (the original stays usable). */
  copy(handle: HashHandle): HashHandle;
  /** Feeds bytes [start, end) of the file to the hash, in steps that let a cancel through; reports bytes fed so far. */
  hashRange(
    handle: HashHandle,
    filePath: string,
    start: number,
    end: number,
    options?: { signal?: AbortSignal; onProgress?: (bytes: number) => void },
  ): Promise<void>;
  /** The hex digest; the handle is used up. */
  digest(handle: HashHandle): Promise<string>;
  drop(handle: HashHandle): void;
  close(): Promise<void>;
};

/** Bytes per request: small enough that a cancel is seen within a few milliseconds. */
const STEP_BYTES = 8 * 1024 * 1024;

// CommonJS run in each thread. Synchronous reads are right here: the thread does nothing else meanwhile.
const HASH_THREAD_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { createHash } = require("node:crypto");
const { openSync, readSync, closeSync } = require("node:fs");
const hashes = new Map();
const buffer = Buffer.allocUnsafe(1024 * 1024);
const operations = {
  create: (m) => void hashes.set(m.id, createHash("sha256")),
  copy: (m) => void hashes.set(m.to, hashes.get(m.id).copy()),
  drop: (m) => void hashes.delete(m.id),
  digest: (m) => { const value = hashes.get(m.id).digest("hex"); hashes.delete(m.id); return value; },
  range: (m) => {
    const hash = hashes.get(m.id);
    const fd = openSync(m.path, "r");
    try {
      for (let position = m.start; position < m.end; ) {
        const read = readSync(fd, buffer, 0, Math.min(buffer.length, m.end - position), position);
        if (read === 0) throw Object.assign(new Error("the file ended at " + position + " bytes while " + m.end + " were expected"), { code: "ESHORT" });
        hash.update(buffer.subarray(0, read));
        position += read;
      }
    } finally {
      closeSync(fd);
    }
  },
};
parentPort.on("message", (m) => {
  try {
    parentPort.postMessage({ seq: m.seq, type: "done", result: operations[m.op](m) });
  } catch (error) {
    parentPort.postMessage({ seq: m.seq, type: "error", code: (error && error.code) || null, message: String(error && error.message) });
  }
});
`;

export function defaultHashThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), 4));
}

export function createHasher(threads = defaultHashThreads()): Hasher {
  let pool: ThreadPool | null = null;
  const threadsOf = () => (pool ??= createThreadPool(HASH_THREAD_SOURCE, threads));
  let nextId = 1;
  // Threads run their messages in order, so create/copy/drop need no answer before the next call.
  const send = (handle: HashHandle, message: Record<string, unknown>) =>
    threadsOf().run<string | undefined>({ ...message, id: handle.id }, { thread: handle.thread });
  const fireAndForget = (handle: HashHandle, message: Record<string, unknown>) => void send(handle, message).catch(() => undefined);

  return {
    create() {
      const handle = { id: nextId++, thread: threadsOf().leastBusy() };
      fireAndForget(handle, { op: "create" });
      return handle;
    },
    copy(handle) {
      const copy = { id: nextId++, thread: handle.thread };
      fireAndForget(handle, { op: "copy", to: copy.id });
      return copy;
    },
    async hashRange(handle, filePath, start, end, options = {}) {
      for (let position = start; position < end; position += STEP_BYTES) {
        options.signal?.throwIfAborted();
        const stepEnd = Math.min(end, position + STEP_BYTES);
        await send(handle, { op: "range", path: filePath, start: position, end: stepEnd });
        options.onProgress?.(stepEnd - start);
      }
    },
    async digest(handle) {
      return (await send(handle, { op: "digest" })) ?? "";
    },
    drop(handle) {
      fireAndForget(handle, { op: "drop" });
    },
    async close() {
      const running = pool;
      pool = null;
      await running?.close();
    },
  };
}
