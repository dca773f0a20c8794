// Faults a test arms on the simulator: each matches by server and path, and fires a number of times.

export type SimServerName = "civitai" | "hf" | "storage";

export type SimFaultKind =
  | { kind: "status"; status: number; body?: string; headers?: Record<string, string> }
  /** 429 with Retry-After (seconds or an HTTP date); with hfRateLimitHeader also Hugging Face's `RateLimit` header. */
  | { kind: "rateLimit"; retryAfter: string; hfRateLimitHeader?: boolean }
  /** Storage: send this many body bytes, then reset the connection (TCP RST). */
  | { kind: "resetAt"; byte: number }
  /** Storage: send this many body bytes, then close the connection cleanly short of Content-Length. */
  | { kind: "truncateAt"; byte: number }
  /** Storage: serve a body of the right size but different bytes. */
  | { kind: "wrongBytes" }
  /** Storage: answer 200 with the whole body whatever the Range header says. */
  | { kind: "ignoreRange" }
  /** Storage: the file's ETag changes (from this request on), as if it had been re-uploaded. */
  | { kind: "changeEtag" }
  /** Any server: answer 200 text/html instead of what was asked. */
  | { kind: "html200" }
  /** Storage: after this many body bytes, send nothing for `ms` milliseconds. */
  | { kind: "stall"; afterByte: number; ms: number }
  /**
   * Storage: the presigned URL of this request runs out while its body is on the wire: after this many bytes the
   * connection drops, and the URL answers 403 "Request has expired" from then on, as S3 and R2 answer a resume made
   * with a URL past its X-Amz-Expires.
   */
  | { kind: "expireAt"; byte: number };

export type SimFault = {
  server?: SimServerName;
  pathIncludes?: string;
  /** How many requests it affects; default 1. */
  times?: number;
  /** Matching requests it lets through first (default 0): "the ETag changes on the resume, not the first try". */
  skip?: number;
} & SimFaultKind;

export type FaultKindName = SimFault["kind"];

/** Faults that replace the whole answer, checked when a request arrives on any server. */
export const REQUEST_FAULT_KINDS: ReadonlySet<FaultKindName> = new Set(["status", "rateLimit", "html200"]);
/** Faults that alter how a file body is served, checked only by storage when it serves a file. */
export const BODY_FAULT_KINDS: ReadonlySet<FaultKindName> = new Set(["resetAt", "truncateAt", "wrongBytes", "ignoreRange", "changeEtag", "stall", "expireAt"]);

type ArmedFault = { fault: SimFault; remaining: number; toSkip: number };

export class FaultBook {
  private armed: ArmedFault[] = [];

  add(fault: SimFault): void {
    this.armed.push({ fault, remaining: fault.times ?? 1, toSkip: fault.skip ?? 0 });
  }

  clear(): void {
    this.armed = [];
  }

  /** The first armed request-level fault matching this request, consumed once. */
  takeRequestFault(server: SimServerName, path: string): SimFault | undefined {
    return this.take(server, path, REQUEST_FAULT_KINDS, true)[0];
  }

  /** Every matching body-level fault (at most one per kind), each consumed once. */
  takeBodyFaults(server: SimServerName, path: string): SimFault[] {
    return this.take(server, path, BODY_FAULT_KINDS, false);
  }

  private take(server: SimServerName, path: string, kinds: ReadonlySet<FaultKindName>, firstOnly: boolean): SimFault[] {
    const taken: SimFault[] = [];
    const seenKinds = new Set<FaultKindName>();
    for (const entry of this.armed) {
      const { fault } = entry;
      if (!kinds.has(fault.kind) || seenKinds.has(fault.kind)) continue;
      if (fault.server && fault.server !== server) continue;
      if (fault.pathIncludes && !path.includes(fault.pathIncludes)) continue;
      if (entry.toSkip > 0) {
        entry.toSkip -= 1;
        continue;
      }
      entry.remaining -= 1;
      taken.push(fault);
      seenKinds.add(fault.kind);
      if (firstOnly) break;
    }
    this.armed = this.armed.filter((entry) => entry.remaining > 0);
    return taken;
  }
}

/** Narrow a list of faults to the one of a given kind. */
export function faultOfKind<K extends FaultKindName>(faults: SimFault[], kind: K): Extract<SimFault, { kind: K }> | undefined {
  return faults.find((fault): fault is Extract<SimFault, { kind: K }> => fault.kind === kind);
}
