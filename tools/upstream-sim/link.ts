// One bandwidth shared by every storage response, as one network link is: each chunk takes the link in turn, so
// concurrent streams share it fairly and together never go faster than the link (beyond a few milliseconds' catch-up).
import { sleep } from "./http";

/**
 * How far back an idle link may book: a response that was late (a busy event loop, a timer that fired late) makes up
 * for it, as a real link's queue does, so timers never cost bandwidth; over any longer window the rate holds.
 */
export const LINK_CATCH_UP_MS = 20;

export class SharedLink {
  private nextFreeAt = 0;

  constructor(
    readonly bytesPerSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Reserves the link for `bytes` after whatever is already booked and waits until they are through; returns when (ms). */
  async wait(bytes: number): Promise<number> {
    const start = Math.max(this.nextFreeAt, this.now() - LINK_CATCH_UP_MS);
    this.nextFreeAt = start + (bytes / this.bytesPerSecond) * 1000;
    const due = this.nextFreeAt;
    const aheadMs = due - this.now();
    if (aheadMs > 1) await sleep(aheadMs);
    return due;
  }
}

/** Chunks small enough that streams interleave finely (64 KiB is about 1 ms at 500 Mbps). */
export const LINK_CHUNK = 64 * 1024;
