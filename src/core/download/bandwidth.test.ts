import { describe, expect, it } from "vitest";
import { createBandwidthLimiter } from "./bandwidth";

describe("createBandwidthLimiter", () => {
  it("does not wait when there is no cap", async () => {
    const limiter = createBandwidthLimiter(0);
    const started = performance.now();
    await limiter.take(10 ** 12);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it("shares one rate between concurrent takers", async () => {
    const limiter = createBandwidthLimiter(8); // 1 MB/s
    const started = performance.now();
    await Promise.all(
      [0, 1].map(async () => {
        for (let sent = 0; sent < 300_000; sent += 50_000) await limiter.take(50_000);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    // 600 kB at 1 MB/s, less the 100 kB burst: about half a second.
    expect(seconds).toBeGreaterThan(0.45);
    expect(seconds).toBeLessThan(0.8);
  });

  it("wakes early with a rejection when the signal aborts", async () => {
    const limiter = createBandwidthLimiter(0.008); // 1 kB/s
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("cancelled")), 50);
    await expect(limiter.take(1_000_000, controller.signal)).rejects.toThrow("cancelled");
  });
});
