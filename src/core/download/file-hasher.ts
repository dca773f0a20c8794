// SHA-256 of byte ranges of files, computed on a worker thread so hashing never competes with the
// event loop that moves the bytes. Ranges are read back from the page cache just after they are written.
import { Worker } from "node:worker_threads";

export type HashHandle = { readonly id: number };

export type FileHasher = {
  create(): HashHandle;
  /** A new hash that continues from `handle`'s state (the original stays usable). */
  copy(handle: HashHandle): HashHandle;
  /** Feeds bytes [start, end) of the file to the hash, in steps that let a cancel through. */
  hashRange(handle: HashHandle, filePath: string, start: number, end: number, signal?: AbortSignal): Promise<void>;
  digest(handle: HashHandle): Promise<string>;
  drop(handle: HashHandle): void;
  close(): Promise<void>;
};

const STEP_BYTES = 8 * 1024 * 1024;

// Plain CommonJS evaluated in the worker: no file to locate, so it works from source, tsx and bundles alike.
const WORKER_SOURCE = `
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
        if (read === 0) throw new Error("the file ended at " + position + " bytes while " + m.end + " were expected");
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
    parentPort.postMessage({ seq: m.seq, result: operations[m.op](m) });
  } catch (error) {
    parentPort.postMessage({ seq: m.seq, error: String(error && error.message) });
  }
});
`;

type Reply = { seq: number; result?: string; error?: string };

export function createFileHasher(): FileHasher {
  let worker: Worker | null = null;
  let nextId = 1;
  let nextSeq = 1;
  const waiting = new Map<number, { resolve: (value: string | undefined) => void; reject: (error: Error) => void }>();

  const started = () => {
    if (worker) return worker;
    worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    worker.on("message", (reply: Reply) => {
      const pending = waiting.get(reply.seq);
      waiting.delete(reply.seq);
      if (reply.error !== undefined) pending?.reject(new Error(`Hashing failed: ${reply.error}`));
      else pending?.resolve(reply.result);
    });
    worker.on("error", (error) => {
      for (const pending of waiting.values()) pending.reject(error);
      waiting.clear();
      worker = null;
    });
    return worker;
  };

  const send = (message: Record<string, unknown>): Promise<string | undefined> =>
    new Promise((resolve, reject) => {
      const seq = nextSeq++;
      waiting.set(seq, { resolve, reject });
      started().postMessage({ ...message, seq });
    });
  // Messages run in order on the worker, so create/copy/drop need no answer before the next call.
  const fireAndForget = (message: Record<string, unknown>) => void send(message).catch(() => undefined);

  return {
    create() {
      const handle = { id: nextId++ };
      fireAndForget({ op: "create", id: handle.id });
      return handle;
    },
    copy(handle) {
      const copy = { id: nextId++ };
      fireAndForget({ op: "copy", id: handle.id, to: copy.id });
      return copy;
    },
    async hashRange(handle, filePath, start, end, signal) {
      for (let position = start; position < end; position += STEP_BYTES) {
        signal?.throwIfAborted();
        await send({ op: "range", id: handle.id, path: filePath, start: position, end: Math.min(end, position + STEP_BYTES) });
      }
    },
    async digest(handle) {
      return (await send({ op: "digest", id: handle.id })) ?? "";
    },
    drop(handle) {
      fireAndForget({ op: "drop", id: handle.id });
    },
    async close() {
      const running = worker;
      worker = null;
      await running?.terminate();
    },
  };
}
