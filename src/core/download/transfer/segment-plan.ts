// The bookkeeping of a segmented download, without any I/O: which ranges exist, which are fetched, how far each got,
// which can be hashed next, and how many bytes from zero are on disk without a gap (for the resume note).

export type Segment = { start: number; end: number };

/** The first segment is the probe's range [offset, firstEnd); the rest follow in chunks. */
export function planSegments(firstEnd: number, total: number, offset: number, chunkSize: number): Segment[] {
  const segments: Segment[] = [{ start: offset, end: firstEnd }];
  for (let start = firstEnd; start < total; start += chunkSize) segments.push({ start, end: Math.min(total, start + chunkSize) });
  return segments;
}

export type SegmentPlan = {
  readonly segments: readonly Segment[];
  /** The next segment nobody fetches yet (the first one belongs to the probe), or null. */
  take(): number | null;
  /** Bytes of segment `index` are on disk up to `position`. */
  advance(index: number, position: number): void;
  /** Segment `index` is fully on disk. */
  complete(index: number): void;
  /** Completed segments that follow the hashed prefix without a gap, marked as handed to the hash. */
  takeHashable(): Segment[];
  /** Bytes from the start that are on disk without a gap. */
  contiguousBytes(): number;
  /** Every segment was handed to the hash. */
  allHashed(): boolean;
};

export function createSegmentPlan(segments: readonly Segment[], validBytes: number): SegmentPlan {
  const completed = segments.map(() => false);
  const positions = segments.map((segment) => segment.start);
  let nextToFetch = 1;
  let nextToHash = 0;
  return {
    segments,
    take: () => (nextToFetch < segments.length ? nextToFetch++ : null),
    advance(index, position) {
      positions[index] = position;
    },
    complete(index) {
      completed[index] = true;
      positions[index] = segments[index]!.end;
    },
    takeHashable() {
      const ready: Segment[] = [];
      while (nextToHash < segments.length && completed[nextToHash]) ready.push(segments[nextToHash++]!);
      return ready;
    },
    contiguousBytes() {
      let bytes = nextToHash > 0 ? segments[nextToHash - 1]!.end : validBytes;
      for (let index = nextToHash; index < segments.length; index++) {
        if (!completed[index]) return Math.max(bytes, positions[index]!);
        bytes = segments[index]!.end;
      }
      return bytes;
    },
    allHashed: () => nextToHash === segments.length,
  };
}
