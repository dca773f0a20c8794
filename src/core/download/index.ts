// The download engine's public face: the worker and the CLI import from here only.
export { createDownloader } from "./downloader";
export { createFileTargetLock } from "./file-lock";
export { safeTargetPath, assertTargetInsideRoot } from "./target-path";
export { TargetPathError } from "./errors";
export type { DownloadJob, Downloader, DownloaderOptions, DownloadOutcome, DownloadProgress, TargetLock, LogLevel } from "./types";
