import { afterAll, describe, expect, it } from "vitest";
import { createThreadPool, ThreadError } from "./pool";

// A thread that doubles numbers, fails on "fail", dies on "die", reports progress first, and keeps a count per thread.
const ECHO_THREAD = `
const { parentPort, threadId } = require("node:worker_threads");
let seen = 0;
parentPort.on("message", ({ seq, value }) => {
  if (value === "die") process.exit(3);
  if (value === "fail") return parentPort.postMessage({ seq, type: "error", code: "EBAD", message: "bad request" });
  seen++;
  parentPort.postMessage({ seq, type: "progress", progress: value });
  parentPort.postMessage({ seq, type: "done", result: { doubled: value * 2, threadId, seen } });
});
`;

type Echo = { doubled: number; threadId: number; seen: number };

describe("createThreadPool", () => {
  const pool = createThreadPool(ECHO_THREAD, 2);
  afterAll(() => pool.close());

  it("runs more requests than threads, each answered once, with progress, spread over the threads", async () => {
    const progress: number[] = [];
    const results = await Promise.all([1, 2, 3, 4, 5].map((value) => pool.run<Echo, number>({ value }, { onProgress: (p) => progress.push(p) })));
    expect(results.map((result) => result.doubled)).toEqual([2, 4, 6, 8, 10]);
    expect(progress.sort()).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(results.map((result) => result.threadId)).size).toBe(2);
  });

  it("sends every request naming a thread to that thread, in order", async () => {
    const results = await Promise.all([1, 2, 3].map((value) => pool.run<Echo>({ value }, { thread: 1 })));
    expect(new Set(results.map((result) => result.threadId)).size).toBe(1);
    const counts = results.map((result) => result.seen);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });

  it("rejects with the thread's error, and survives a thread that dies", async () => {
    await expect(pool.run({ value: "fail" }, { thread: 0 })).rejects.toEqual(new ThreadError("bad request", "EBAD"));
    await expect(pool.run({ value: "die" }, { thread: 0 })).rejects.toThrow(/exited with code 3/);
    expect((await pool.run<Echo>({ value: 21 }, { thread: 0 })).doubled).toBe(42);
  });
});
