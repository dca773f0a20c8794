// The download engine's public shapes: what a caller asks for and what it can plug in.
import type { Settings } from "../config/schema";
import type { ApiTokens, HostPolicy, UpstreamEndpoints } from "../net";
import type { DownloadOutcome, DownloadProgress } from "../pipeline/run-models";

export type { DownloadOutcome, DownloadProgress };

import type { LogLevel } from "../config/schema";

export type { LogLevel };

/** Makes sure one target is written by one download at a time, across workers and machines. */
export type TargetLock = {
  /** Waits until this caller owns the target; resolves to the function that gives it back. */
  acquire(targetPath: string, signal: AbortSignal): Promise<() => Promise<void>>;
  /** Frees what the lock holds for the whole process (connections); optional. */
  close?(): Promise<void>;
};

export type DownloadJob = {
  url: string;
  modelsRoot: string;
  /** Absolute, and must stay inside modelsRoot. */
  targetPath: string;
  expectedSha256: string | null;
  expectedSize: number | null;
  /** Asks the resolver for a fresh URL when a presigned storage URL has expired (403/410). */
  reresolveUrl?: () => Promise<string>;
};

export type DownloaderOptions = {
  settings: Settings["download"];
  policy: HostPolicy;
  tokens: ApiTokens;
  endpoints: UpstreamEndpoints;
  /** Default: an exclusive lock file beside the target. */
  lock?: TargetLock;
  log?: (level: LogLevel, message: string) => void;
  /** Bytes available to this process in dir; default fs.statfs. */
  freeSpace?: (dir: string) => Promise<number>;
};

export type Downloader = {
  download(job: DownloadJob, signal: AbortSignal, onProgress: (progress: DownloadProgress) => void): Promise<DownloadOutcome>;
  close(): Promise<void>;
};
