import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpstreamSim, type UpstreamSim } from "./index";
import { LINK_CATCH_UP_MS, LINK_CHUNK, SharedLink } from "./link";
import { MiB } from "./test-support";

describe("the shared link's schedule", () => {
  it("books each chunk after the ones already booked, and from (nearly) now once the link has been idle", async () => {
    let now = 1000 + LINK_CATCH_UP_MS;
    // 1 GB/s: 100 kB take 0.1 ms, so nothing here waits on a real timer.
    const link = new SharedLink(1e9, () => now);
    const dues = [await link.wait(100_000), await link.wait(100_000), await link.wait(100_000)];
    expect(dues.map((due) => Number((due - 1000).toFixed(6)))).toEqual([0.1, 0.2, 0.3]);
    now = 5000;
    // An idle link books from now, less the few milliseconds a late response may make up.
    expect(await link.wait(100_000)).toBeCloseTo(5000 - LINK_CATCH_UP_MS + 0.1, 6);
  });
});

describe("storage responses through a shared link", () => {
  const FILE = 1 * MiB;
  const RATE = 4 * MiB;
  let sim: UpstreamSim;

  beforeAll(async () => {
    sim = await startUpstreamSim({
      catalogue: {
        civitai: { models: [] },
        huggingface: {
          repos: [
            {
              id: "bench/link",
              files: [
                { path: "a.bin", size: FILE },
                { path: "b.bin", size: FILE },
              ],
            },
          ],
        },
      },
      sharedBytesPerSecond: RATE,
    });
  });
  afterAll(() => sim.close());

  it("lets two concurrent downloads share the link: together they take both files' bytes ÷ the rate", async () => {
    const urls = await Promise.all(
      ["a.bin", "b.bin"].map(async (file) => {
        const answer = await fetch(`${sim.hfUrl}/bench/link/resolve/main/${file}`, { redirect: "manual" });
        return answer.headers.get("location")!;
      }),
    );
    sim.resetRequests();
    const bodies = await Promise.all(urls.map(async (url) => (await fetch(url)).arrayBuffer()));
    expect(bodies.map((body) => body.byteLength)).toEqual([FILE, FILE]);

    // The simulator's own note of when each chunk went out, against the schedule the link computes.
    const sent = sim.requests.map((request) => request.body!);
    expect(sent.map((body) => body.bytes)).toEqual([FILE, FILE]);
    const start = Math.min(...sent.map((body) => body.firstByteAt)) - (LINK_CHUNK / RATE) * 1000;
    const msFor = (bytes: number) => (bytes / RATE) * 1000;
    // Timers may fire a millisecond early, and an idle link lets the first chunks make up for a late start.
    const early = 3 + LINK_CATCH_UP_MS;
    // Together: never faster than the link.
    expect(Math.max(...sent.map((body) => body.lastByteAt)) - start).toBeGreaterThanOrEqual(msFor(2 * FILE) - early);
    // Fairly: the first to finish still waited for most of the other's bytes (alone, it would be done at half).
    expect(Math.min(...sent.map((body) => body.lastByteAt)) - start).toBeGreaterThanOrEqual(msFor(1.75 * FILE));
  });
});
