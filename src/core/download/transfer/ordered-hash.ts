// A running SHA-256 fed with ranges of the .part in file order, each read back just after it reached the disk, so
// memory stays flat however many connections write out of order.
import type { Hasher, HashHandle } from "../../hashing/hasher";

export type OrderedHash = {
  /** Queues bytes [start, end) after the ranges queued before them. */
  feed(start: number, end: number): void;
  /** Waits for every queued range; rejects with the first failure. */
  settled(): Promise<void>;
  /** The digest of everything fed (uses the handle up). */
  finish(): Promise<string>;
  /** Gives the handle back without a digest (the transfer failed). */
  abandon(): void;
};

export function createOrderedHash(
  hasher: Hasher,
  partPath: string,
  handle: HashHandle,
  options: { signal?: AbortSignal; onHashed?: (end: number) => void } = {},
): OrderedHash {
  let chain: Promise<void> = Promise.resolve();
  return {
    feed(start, end) {
      chain = chain.then(async () => {
        await hasher.hashRange(handle, partPath, start, end, { signal: options.signal });
        options.onHashed?.(end);
      });
    },
    settled: () => chain,
    async finish() {
      await chain;
      return hasher.digest(handle);
    },
    abandon() {
      void chain.catch(() => undefined).finally(() => hasher.drop(handle));
    },
  };
}
