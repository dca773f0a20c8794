// The download engine's public face.
export { createDownloader } from "./downloader";
export { createFileTargetLock } from "./file-lock";
export { createStorageLocator } from "./storage-locator";
export type { DownloadFailure } from "./errors";
export type { DownloadEvents, DownloadJob, Downloader, DownloaderOptions, DownloadOutcome, DownloadProgress, StorageLocator, TargetLock } from "./types";
