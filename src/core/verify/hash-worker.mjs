// Worker thread that streams one file at a time through SHA-256 (plain JS so it loads without a TS loader).
import { createHash } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";
import { parentPort } from "node:worker_threads";

const CHUNK_BYTES = 4 * 1024 * 1024;
const PROGRESS_INTERVAL_MS = 200;
const buffer = Buffer.allocUnsafe(CHUNK_BYTES);

// Synchronous reads are right here: this thread does nothing else while it hashes.
function hashFile(id, path) {
  const hash = createHash("sha256");
  const fd = openSync(path, "r");
  let size = 0;
  let lastReport = Date.now();
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
      size += read;
      const now = Date.now();
      if (now - lastReport >= PROGRESS_INTERVAL_MS) {
        lastReport = now;
        parentPort.postMessage({ id, type: "progress", progress: size });
      }
    }
  } finally {
    closeSync(fd);
  }
  return { sha256: hash.digest("hex"), size };
}

parentPort.on("message", ({ id, request }) => {
  try {
    parentPort.postMessage({ id, type: "done", result: hashFile(id, request.path) });
  } catch (error) {
    parentPort.postMessage({ id, type: "error", code: error.code ?? null, message: error.message });
  }
});
