import { mkdtemp, open, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HttpResponse } from "../../net/http";
import { createBandwidthLimiter } from "../bandwidth";
import { createProgressMeter } from "../progress";
import { createRetryBudget } from "../recovery";
import { writeBody, type BodyWrite } from "./body";
import type { TransferContext } from "./context";
import type { WatchedResponse } from "./response";

describe("writeBody", () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), "cf-body-"))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  // pwritev(2) may write fewer bytes than asked when the disk fills up mid-write; Node's FileHandle.writev then
  // resolves with that count (no error). The kernel's short write is played here by the first call, on a real file.
  it("counts only the bytes a short write put on disk, and writes the rest after them", async () => {
    const path = join(dir, "model.safetensors.part");
    const real = await open(path, "w");
    let calls = 0;
    const shortFirstWrite = new Proxy(real, {
      get(target, property) {
        if (property === "writev")
          return async (buffers: Buffer[], position: number) => {
            if (calls++ > 0) return target.writev(buffers, position);
            const first = Buffer.concat(buffers).subarray(0, 1000);
            return { bytesWritten: (await target.write(first, 0, first.length, position)).bytesWritten, buffers };
          };
        const value = Reflect.get(target, property) as unknown;
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const body = Buffer.from(Array.from({ length: 300 * 1024 }, (_, index) => index % 251));
    const written: Array<[number, number]> = [];
    const write: BodyWrite = {
      file: shortFirstWrite,
      fileName: "model.safetensors",
      position: 0,
      end: body.length,
      checkFirstBytes: false,
      contentType: null,
      onWritten: (start, length) => void written.push([start, length]),
    };
    const watched = {
      response: {
        body: (async function* () {
          yield body;
        })(),
      } as unknown as HttpResponse,
      watchdog: { kick: () => undefined },
    } as unknown as WatchedResponse;
    const context = {
      bandwidth: createBandwidthLimiter(0),
      budget: createRetryBudget(3),
      meter: createProgressMeter(() => undefined),
    } as unknown as TransferContext;

    await writeBody(context, watched, write, new AbortController().signal);
    await real.close();

    expect(written).toEqual([
      [0, 1000],
      [1000, body.length - 1000],
    ]);
    expect(write.position).toBe(body.length);
    expect((await readFile(path)).equals(body)).toBe(true);
  });
});
