// The download slots: at most `count` files move bytes at once, and when a slot frees up the smallest waiting file
// takes it (a file of unknown size counts as the largest), so small files never wait behind big ones.

export type DownloadSlots = {
  /** A slot at once when one is free and nobody waits, else null. */
  tryAcquire(): (() => void) | null;
  /** Waits for a slot; resolves to the function that gives it back. */
  acquire(expectedSize: number | null, signal: AbortSignal): Promise<() => void>;
};

type Waiter = { size: number; order: number; grant: () => void };

export function createDownloadSlots(count: number): DownloadSlots {
  let free = count;
  let arrivals = 0;
  const waiting: Waiter[] = [];
  const next = () => {
    if (free === 0 || waiting.length === 0) return;
    let best = 0;
    for (let index = 1; index < waiting.length; index++) {
      const candidate = waiting[index]!;
      const current = waiting[best]!;
      if (candidate.size < current.size || (candidate.size === current.size && candidate.order < current.order)) best = index;
    }
    const [chosen] = waiting.splice(best, 1);
    free--;
    chosen!.grant();
  };
  const releaser = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      free++;
      next();
    };
  };
  return {
    tryAcquire() {
      if (free === 0 || waiting.length > 0) return null;
      free--;
      return releaser();
    },
    acquire(expectedSize, signal) {
      return new Promise((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason);
        const release = releaser();
        const waiter: Waiter = {
          size: expectedSize ?? Number.POSITIVE_INFINITY,
          order: arrivals++,
          grant: () => {
            signal.removeEventListener("abort", onAbort);
            resolve(release);
          },
        };
        const onAbort = () => {
          const index = waiting.indexOf(waiter);
          if (index >= 0) waiting.splice(index, 1);
          reject(signal.reason);
        };
        signal.addEventListener("abort", onAbort, { once: true });
        waiting.push(waiter);
        next();
      });
    },
  };
}
