// The download engine's public face.
export { createDownloader } from "./downloader";
export { createFileTargetLock } from "./file-lock";
export { createStorageLocator, type StorageLocator } from "./storage-locator";
export type { DownloadFailure } from "./errors";
export type { DownloadEvents, DownloadJob, Downloader, DownloaderOptions, DownloadOutcome, DownloadProgress, TargetLock } from "./types";
