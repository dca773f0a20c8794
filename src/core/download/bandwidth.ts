// One token bucket shared by every download, so the bandwidth cap holds for all of them together.
import { sleep } from "../net";

export type BandwidthLimiter = { take(bytes: number, signal?: AbortSignal): Promise<void> };

const UNLIMITED: BandwidthLimiter = { take: async () => undefined };

/** A limiter for `megabitsPerSecond` (0 = no cap). A burst of a tenth of a second is allowed. */
export function createBandwidthLimiter(megabitsPerSecond: number, now: () => number = () => performance.now()): BandwidthLimiter {
  if (!(megabitsPerSecond > 0)) return UNLIMITED;
  const bytesPerMs = (megabitsPerSecond * 1_000_000) / 8 / 1000;
  const capacity = bytesPerMs * 100;
  let tokens = capacity;
  let refilledAt = now();
  return {
    // Callers go into debt and sleep it off: the next caller sees the debt and waits its turn behind it.
    async take(bytes, signal) {
      const current = now();
      tokens = Math.min(capacity, tokens + (current - refilledAt) * bytesPerMs);
      refilledAt = current;
      tokens -= bytes;
      if (tokens < 0) await sleep(-tokens / bytesPerMs, signal);
    },
  };
}
