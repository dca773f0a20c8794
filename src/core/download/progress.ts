// Turns a stream of byte counts into throttled progress reports with a smoothed rate and an ETA.
import type { DownloadProgress } from "./types";

const REPORT_EVERY_MS = 250;
const RATE_WINDOW_MS = 3000;
/** A rate over less time than this is noise (the first buffer arrives all at once). */
const MIN_RATE_SPAN_MS = 500;

export type ProgressMeter = {
  add(bytes: number): void;
  /** Sets the absolute count (a resume starts above zero, a restart goes back to it). */
  reset(bytes: number, total: number | null): void;
  /** Sends the latest numbers now. */
  flush(): void;
  readonly bytes: number;
};

export function createProgressMeter(report: (progress: DownloadProgress) => void, now: () => number = () => performance.now()): ProgressMeter {
  let bytes = 0;
  let total: number | null = null;
  let lastReport = -Infinity;
  const samples: Array<{ at: number; bytes: number }> = [];

  let lastRate = 0;
  const rate = () => {
    const at = now();
    samples.push({ at, bytes });
    while (samples.length > 2 && samples[0]!.at < at - RATE_WINDOW_MS) samples.shift();
    const first = samples[0]!;
    if (at - first.at < MIN_RATE_SPAN_MS) return lastRate;
    lastRate = Math.max(0, (bytes - first.bytes) / ((at - first.at) / 1000));
    return lastRate;
  };

  const send = () => {
    lastReport = now();
    const bytesPerSecond = rate();
    const etaSeconds = total !== null && bytesPerSecond > 0 ? Math.max(0, Math.round((total - bytes) / bytesPerSecond)) : null;
    report({ bytes, total, rate: Math.round(bytesPerSecond), etaSeconds });
  };

  return {
    add(count) {
      const firstBytes = bytes === 0;
      bytes += count;
      // The first bytes go out at once: they tell the user the download really started.
      if (firstBytes || now() - lastReport >= REPORT_EVERY_MS) send();
    },
    reset(count, newTotal) {
      bytes = count;
      total = newTotal;
      samples.length = 0;
      lastRate = 0;
      send();
    },
    flush: send,
    get bytes() {
      return bytes;
    },
  };
}
