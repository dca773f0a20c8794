import { describe, expect, it } from "vitest";
import { elapsedSeconds, formatBytes, formatDuration, formatEta, formatPercent, formatRate } from "./format";

describe("formatBytes", () => {
  it.each([
    [0, "0 B"],
    [999, "999 B"],
    [1000, "1.0 KB"],
    [1_234_567, "1.2 MB"],
    [34_000_000, "34 MB"],
    [1_200_000_000, "1.2 GB"],
    [6_938_041_344, "6.9 GB"],
    [999_960_000, "1.0 GB"],
    [2.5e12, "2.5 TB"],
  ])("%d bytes → %s", (bytes, text) => expect(formatBytes(bytes)).toBe(text));

  it("shows a dash for unknown sizes", () => {
    expect(formatBytes(null)).toBe("—");
    expect(formatBytes(undefined)).toBe("—");
    expect(formatBytes(Number.NaN)).toBe("—");
    expect(formatBytes(-1)).toBe("—");
  });
});

describe("formatRate", () => {
  it("adds /s to a size", () => expect(formatRate(34_000_000)).toBe("34 MB/s"));
  it("shows a dash when nothing moves", () => expect(formatRate(0)).toBe("—"));
});

describe("formatDuration", () => {
  it.each([
    [0.25, "250 ms"],
    [45, "45 s"],
    [120, "2 min"],
    [200, "3 min 20 s"],
    [7500, "2 h 5 min"],
  ])("%d s → %s", (seconds, text) => expect(formatDuration(seconds)).toBe(text));
});

describe("formatEta", () => {
  it.each([
    [2, "a few seconds left"],
    [41, "45 s left"],
    [125, "2 min left"],
    [3600, "1 h left"],
    [5400, "1 h 30 min left"],
  ])("%d s → %s", (seconds, text) => expect(formatEta(seconds)).toBe(text));
  it("shows a dash when unknown", () => expect(formatEta(null)).toBe("—"));
});

describe("elapsedSeconds and formatPercent", () => {
  it("measures spans between timestamps", () => {
    expect(elapsedSeconds("2024-01-01T00:00:00Z", "2024-01-01T00:01:30Z")).toBe(90);
    expect(elapsedSeconds(null, "2024-01-01T00:00:00Z")).toBeNull();
  });
  it("clamps percentages", () => {
    expect(formatPercent(50, 200)).toBe("25%");
    expect(formatPercent(300, 200)).toBe("100%");
    expect(formatPercent(1, 0)).toBe("—");
  });
});
