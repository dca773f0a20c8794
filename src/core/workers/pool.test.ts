import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../config/project-root";
import { WorkerError, WorkerPool, workerFile } from "./pool";

// A worker that doubles numbers, fails on "fail", dies on "die", and reports progress first.
const ECHO_WORKER = `
import { parentPort } from "node:worker_threads";
parentPort.on("message", ({ id, request }) => {
  if (request === "die") process.exit(3);
  if (request === "fail") return parentPort.postMessage({ id, type: "error", code: "EBAD", message: "bad request" });
  parentPort.postMessage({ id, type: "progress", progress: request });
  parentPort.postMessage({ id, type: "done", result: request * 2 });
});
`;

describe("WorkerPool", () => {
  let dir: string;
  let pool: WorkerPool<number | string, number, number>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cf-pool-"));
    await writeFile(join(dir, "echo.mjs"), ECHO_WORKER);
    pool = new WorkerPool(pathToFileURL(join(dir, "echo.mjs")), 2);
  });
  afterAll(async () => {
    await pool.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("runs more requests than threads, each answered once, with progress", async () => {
    const progress: number[] = [];
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => pool.run(n, (p) => progress.push(p))));
    expect(results).toEqual([2, 4, 6, 8, 10]);
    expect(progress.sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it("rejects with the worker's error, and survives a thread that dies", async () => {
    await expect(pool.run("fail")).rejects.toEqual(new WorkerError("bad request", "EBAD"));
    await expect(pool.run("die")).rejects.toThrow(/exited with code 3/);
    expect(await pool.run(21)).toBe(42);
  });

  it("finds a worker file in the project's sources when it is not beside the module", () => {
    const moved = new URL("file:///nowhere/bundle/hash-worker.mjs");
    expect(workerFile(moved, "src/core/verify/hash-worker.mjs")).toEqual(pathToFileURL(join(projectRoot(), "src/core/verify/hash-worker.mjs")));
  });
});
