import { describe, expect, it } from "vitest";
import { createProgressMeter } from "./progress";
import type { DownloadProgress } from "./types";

describe("createProgressMeter", () => {
  it("reports bytes, total, a windowed rate and an ETA, at most every 250 ms", () => {
    let now = 0;
    const reports: DownloadProgress[] = [];
    const meter = createProgressMeter(
      (progress) => reports.push(progress),
      () => now,
    );
    meter.reset(0, 10_000_000);
    for (let step = 1; step <= 20; step++) {
      now = step * 100;
      meter.add(100_000); // 1 MB/s
    }
    expect(reports.length).toBeLessThanOrEqual(1 + 20 / 2.5 + 1);
    meter.flush();
    const last = reports.at(-1)!;
    expect(last.bytes).toBe(2_000_000);
    expect(last.total).toBe(10_000_000);
    expect(last.rate).toBeGreaterThan(900_000);
    expect(last.rate).toBeLessThan(1_100_000);
    expect(last.etaSeconds).toBe(8);
  });

  it("has no ETA without a total, and starts above zero on a resume", () => {
    const reports: DownloadProgress[] = [];
    const meter = createProgressMeter(
      (progress) => reports.push(progress),
      () => 0,
    );
    meter.reset(5000, null);
    expect(reports.at(-1)).toEqual({ bytes: 5000, total: null, rate: 0, etaSeconds: null });
  });

  it("does not report a burst rate for the first buffer after a start", () => {
    let now = 0;
    const reports: DownloadProgress[] = [];
    const meter = createProgressMeter(
      (progress) => reports.push(progress),
      () => now,
    );
    meter.reset(0, 64 * 1024 * 1024);
    now = 5;
    meter.add(4 * 1024 * 1024); // a socket buffer's worth arrives 5 ms after the start
    expect(reports.at(-1)!.rate).toBe(0);
    expect(reports.at(-1)!.etaSeconds).toBeNull();
  });
});
