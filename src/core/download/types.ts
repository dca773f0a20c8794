// The download engine's public shapes: what a caller asks for, what it gets back, and what it can plug in.
import type { LogLevel, Settings } from "../config/schema";
import type { Hasher } from "../hashing/hasher";
import type { InstallTarget } from "../install/target";
import type { HttpClient } from "../net/http";
import type { DownloadFailure } from "./errors";

export type DownloadProgress = { bytes: number; total: number | null; rate: number; etaSeconds: number | null };

export type DownloadOutcome =
  | { status: "installed"; target: InstallTarget; sha256: string; bytes: number; attempts: number }
  | { status: "cancelled"; bytes: number; attempts: number }
  | { status: "failed"; reason: DownloadFailure; message: string; bytes: number; attempts: number };

/** Makes sure one target is written by one download at a time, across workers and machines. */
export type TargetLock = {
  /** Waits until this caller owns the target; resolves to the function that gives it back. */
  acquire(target: InstallTarget, signal: AbortSignal): Promise<() => Promise<void>>;
  /** Frees what the lock holds for the whole process (connections); optional. */
  close?(): Promise<void>;
};

export type DownloadJob = {
  /** The source's own URL (an API download URL that redirects to storage, or a direct file URL). */
  url: string;
  target: InstallTarget;
  expectedSha256: string | null;
  expectedSize: number | null;
};

export type DownloadEvents = {
  /** The file got its download slot and starts moving bytes (not told when it was already in place). */
  onStarted?(): void | Promise<void>;
  onProgress(progress: DownloadProgress): void;
  /** The bytes are all there and their size, SHA-256 and format are being checked. */
  onVerifying?(): void | Promise<void>;
};

export type DownloaderOptions = {
  settings: Settings["download"];
  /** Shared with the resolvers: one connection pool, one host policy, one token rule. */
  http: HttpClient;
  /** Default: an exclusive lock file beside the target. */
  lock?: TargetLock;
  /** Default: a hasher of its own, closed with the downloader. */
  hasher?: Hasher;
  log?: (level: LogLevel, message: string) => void;
  /** Storage URLs asked ahead, shared with the resolver; default: one of its own. */
  storage?: StorageLocator;
  /** Bytes available to this process in dir; default fs.statfs. */
  freeSpace?: (dir: string) => Promise<number>;
};

/**
 * Where a source's download URL sends the bytes, asked ahead (by the resolver) and handed to the one download that
 * needs it (see storage-locator.ts).
 */
export type StorageLocator = {
  /** The storage URL for `source`: the one asked ahead (used up), or asked now. */
  locate(source: URL, signal: AbortSignal): Promise<URL>;
  /**
   * The storage URL asked ahead for `source`, if any, used up; null when nobody asked (or it failed, or aged, or
   * `signal` aborted while the answer was awaited).
   */
  take(source: URL, signal?: AbortSignal): Promise<URL | null>;
  /** Asks now for a download that will follow; a failure is forgotten (the download asks again). */
  prefetch(source: URL): void;
  /** A redirect to storage that someone else saw for `source`. */
  remember(source: URL, storage: URL): void;
};

export type Downloader = {
  download(job: DownloadJob, signal: AbortSignal, events: DownloadEvents): Promise<DownloadOutcome>;
  close(): Promise<void>;
};
