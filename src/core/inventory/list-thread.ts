// The program of the inventory's listing threads: lists one directory and stats every entry (CommonJS source text;
// see threads/pool.ts). Synchronous calls are the fast path here and block nothing but this thread.
export const LIST_THREAD_SOURCE = `
const { readdirSync, statSync } = require("node:fs");
const { sep } = require("node:path");
const { parentPort } = require("node:worker_threads");

const KIND = { file: 0, directory: 1, unreadable: 2, other: 3 };

function listDirectory(directory) {
  // Sorted here, so the walk yields files in a stable order without sorting the whole inventory.
  const entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const count = entries.length;
  const listing = { names: [], kinds: [], symlinks: [], codes: [], ids: [], sizes: new Float64Array(count), mtimes: new Float64Array(count) };
  entries.forEach((entry, index) => {
    listing.names.push(entry.name);
    listing.symlinks.push(entry.isSymbolicLink());
    let stats = null;
    let code = null;
    try {
      stats = statSync(directory + sep + entry.name);
    } catch (error) {
      code = error.code || "error";
    }
    listing.codes.push(code);
    if (!stats) {
      listing.kinds.push(KIND.unreadable);
      listing.ids.push("");
      return;
    }
    listing.kinds.push(stats.isFile() ? KIND.file : stats.isDirectory() ? KIND.directory : KIND.other);
    listing.ids.push(stats.dev + ":" + stats.ino);
    listing.sizes[index] = stats.size;
    listing.mtimes[index] = stats.mtimeMs;
  });
  return listing;
}

parentPort.on("message", (message) => {
  try {
    const result = listDirectory(message.directory);
    parentPort.postMessage({ seq: message.seq, type: "done", result }, [result.sizes.buffer, result.mtimes.buffer]);
  } catch (error) {
    parentPort.postMessage({ seq: message.seq, type: "error", code: error.code || null, message: error.message });
  }
});
`;
