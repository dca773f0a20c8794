// The download engine: locks the target, skips what is already there, transfers with retries,
// verifies (size, SHA-256, format) and only then renames the .part into place.
import { mkdir, rename, stat, statfs } from "node:fs/promises";
import path from "node:path";
import pLimit, { type LimitFunction } from "p-limit";
import { formatBytes } from "../format";
import { retryDelayMs, redactSecrets, sleep } from "../net";
import { checkModelFormat } from "../verify/format";
import { createBandwidthLimiter } from "./bandwidth";
import { ExpiredUrlError, FatalDownloadError, RestartFromZeroError, RetryableError, WrongFileError, errorMessage } from "./errors";
import { createFileHasher, type FileHasher } from "./file-hasher";
import { createFileTargetLock } from "./file-lock";
import { createHttpClient } from "./http";
import { partPathOf, readResumePoint, removePart, removeResumeNote, writeResumePoint, type ResumePoint } from "./part-file";
import { createProgressMeter, type ProgressMeter } from "./progress";
import { assertTargetInsideRoot } from "./target-path";
import { transferToPart, type TransferContext, type TransferResult } from "./transfer";
import type { DownloadJob, DownloadOutcome, DownloadProgress, Downloader, DownloaderOptions } from "./types";

const FREE_SPACE_MARGIN_BYTES = 256 * 1024 * 1024;
/** A wrong file is downloaded once more from scratch; the second wrong one is final. */
const WRONG_FILE_ATTEMPTS = 2;

async function defaultFreeSpace(dir: string): Promise<number> {
  const stats = await statfs(dir);
  return stats.bavail * stats.bsize;
}

/** The target is already there and is what the resolver promised (another download just finished it). */
async function alreadyInstalled(
  job: DownloadJob,
  targetPath: string,
  hasher: FileHasher,
  signal: AbortSignal,
): Promise<{ sha256: string; bytes: number } | null> {
  const existing = await stat(targetPath).catch(() => null);
  if (!existing?.isFile()) return null;
  if (job.expectedSize !== null && existing.size !== job.expectedSize) return null;
  const handle = hasher.create();
  try {
    await hasher.hashRange(handle, targetPath, 0, existing.size, signal);
  } catch (error) {
    hasher.drop(handle);
    throw error;
  }
  const sha256 = await hasher.digest(handle);
  if (job.expectedSha256 && sha256 !== job.expectedSha256.toLowerCase()) return null;
  return { sha256, bytes: existing.size };
}

async function verifyPart(job: DownloadJob, targetPath: string, result: TransferResult): Promise<void> {
  const name = path.basename(targetPath);
  if (job.expectedSize !== null && result.bytes !== job.expectedSize) {
    throw new WrongFileError(`${name} arrived with ${result.bytes} bytes, not the ${job.expectedSize} the source promised.`);
  }
  if (job.expectedSha256 && result.sha256 !== job.expectedSha256.toLowerCase()) {
    throw new WrongFileError(`${name} arrived with SHA-256 ${result.sha256}, not the ${job.expectedSha256.toLowerCase()} the source published.`);
  }
  const format = await checkModelFormat(partPathOf(targetPath), name);
  if (!format.ok) throw new WrongFileError(`${name} is not a valid model file: ${format.reason}.`);
}

export function createDownloader(options: DownloaderOptions): Downloader {
  const { settings, tokens } = options;
  const http = createHttpClient({ policy: options.policy, tokens, endpoints: options.endpoints });
  const hasher = createFileHasher();
  const lock = options.lock ?? createFileTargetLock();
  const bandwidth = createBandwidthLimiter(settings.max_bandwidth_mbps);
  const concurrency = pLimit(settings.concurrency);
  const hostSlots = new Map<string, LimitFunction>();
  const freeSpace = options.freeSpace ?? defaultFreeSpace;
  const log = (level: Parameters<NonNullable<DownloaderOptions["log"]>>[0], message: string) => options.log?.(level, redactSecrets(message, tokens));
  const hostSlot = (host: string) => {
    let slot = hostSlots.get(host);
    if (!slot) hostSlots.set(host, (slot = pLimit(settings.per_host_concurrency)));
    return slot;
  };

  async function transferWithRetries(job: DownloadJob, targetPath: string, signal: AbortSignal, meter: ProgressMeter): Promise<DownloadOutcome> {
    const resume: { point: ResumePoint | null } = { point: settings.resume_downloads ? await readResumePoint(targetPath) : null };
    let source = new URL(job.url);
    let attempts = 0;
    let wrongFiles = 0;
    let failures = 0;
    const failed = (error: unknown): DownloadOutcome => ({
      status: "failed",
      path: targetPath,
      sha256: null,
      bytes: meter.bytes,
      error: redactSecrets(errorMessage(error), tokens),
      attempts,
    });
    const context: TransferContext = {
      http,
      hasher,
      settings,
      bandwidth,
      hostSlot,
      meter,
      signal,
      log,
      ensureFreeSpace: async (bytesToCome) => {
        const dir = path.dirname(targetPath);
        const available = await freeSpace(dir);
        if (available < bytesToCome + FREE_SPACE_MARGIN_BYTES) {
          throw new FatalDownloadError(
            `Not enough free space in ${dir}: ${path.basename(targetPath)} needs ${formatBytes(bytesToCome)} (plus ${formatBytes(FREE_SPACE_MARGIN_BYTES)} to spare) but only ${formatBytes(available)} is free. Free some space and try again.`,
          );
        }
      },
      reresolve: async () => new URL(job.reresolveUrl ? await job.reresolveUrl() : job.url),
    };
    const keepOrRemovePart = async () => {
      if (settings.resume_downloads && resume.point && resume.point.validBytes > 0) await writeResumePoint(targetPath, resume.point);
      else await removePart(targetPath);
    };

    try {
      for (;;) {
        attempts++;
        try {
          const result = await transferToPart(context, source, { targetPath, expectedSize: job.expectedSize, resume });
          await verifyPart(job, targetPath, result);
          await rename(partPathOf(targetPath), targetPath);
          await removeResumeNote(targetPath);
          meter.reset(result.bytes, result.bytes);
          return { status: "installed", path: targetPath, sha256: result.sha256, bytes: result.bytes, attempts };
        } catch (error) {
          if (signal.aborted) {
            await keepOrRemovePart().catch(() => undefined);
            return { ...failed("cancelled"), error: "cancelled" };
          }
          if (error instanceof WrongFileError) {
            await removePart(targetPath);
            resume.point = null;
            if (++wrongFiles >= WRONG_FILE_ATTEMPTS) return failed(error);
            log("warn", `${error.message} Deleting it and downloading once more from scratch.`);
            continue;
          }
          const recoverable = error instanceof RetryableError || error instanceof RestartFromZeroError || error instanceof ExpiredUrlError;
          if (!recoverable || ++failures > settings.retries) {
            await keepOrRemovePart().catch(() => undefined);
            return failed(error);
          }
          if (error instanceof RestartFromZeroError) {
            await removePart(targetPath);
            resume.point = null;
            log("info", error.message);
          } else if (error instanceof ExpiredUrlError) {
            source = await context.reresolve();
          } else {
            const delay = retryDelayMs((error as RetryableError).requestedDelayMs, failures);
            log("warn", `${error.message} — retrying in ${Math.round(delay / 1000)} s (attempt ${failures + 1} of ${settings.retries + 1}).`);
            try {
              await sleep(delay, signal);
            } catch {
              await keepOrRemovePart().catch(() => undefined);
              return { ...failed("cancelled"), error: "cancelled" };
            }
          }
        }
      }
    } finally {
      // The running hash kept for an in-process resume is no longer needed.
      if (resume.point?.hash) hasher.drop(resume.point.hash.handle);
    }
  }

  return {
    async download(job: DownloadJob, signal: AbortSignal, onProgress: (progress: DownloadProgress) => void): Promise<DownloadOutcome> {
      const meter = createProgressMeter(onProgress);
      let targetPath = job.targetPath;
      let release: (() => Promise<void>) | null = null;
      try {
        targetPath = assertTargetInsideRoot(job.modelsRoot, job.targetPath);
        await mkdir(path.dirname(targetPath), { recursive: true });
        release = await lock.acquire(targetPath, signal);
        const existing = await alreadyInstalled(job, targetPath, hasher, signal);
        if (existing) {
          log("info", `${path.basename(targetPath)} is already in place and verified; nothing to download.`);
          meter.reset(existing.bytes, existing.bytes);
          return { status: "installed", path: targetPath, sha256: existing.sha256, bytes: existing.bytes, attempts: 0 };
        }
        return await concurrency(() => (signal.aborted ? Promise.reject(signal.reason) : transferWithRetries(job, targetPath, signal, meter)));
      } catch (error) {
        const message = signal.aborted ? "cancelled" : redactSecrets(errorMessage(error), tokens);
        return { status: "failed", path: targetPath, sha256: null, bytes: meter.bytes, error: message, attempts: 0 };
      } finally {
        await release?.().catch(() => undefined);
      }
    },
    async close() {
      await Promise.all([http.close(), hasher.close()]);
    },
  };
}
