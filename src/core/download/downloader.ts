// The download engine: locks the target, skips what is already there, transfers with one retry budget, verifies
// (size, SHA-256, format) and only then renames the .part into place.
import { mkdir, rename, stat, statfs } from "node:fs/promises";
import path from "node:path";
import pLimit, { type LimitFunction } from "p-limit";
import { errorMessage } from "../error-message";
import { formatBytes } from "../format";
import { createHasher, type Hasher } from "../hashing/hasher";
import { retryDelayMs, sleep } from "../net/retry";
import { createBandwidthLimiter } from "./bandwidth";
import { FatalDownloadError, RetryableError, type DownloadFailure } from "./errors";
import { createFileTargetLock } from "./file-lock";
import { partPathOf, readResumePoint, removePart, removeResumeNote, writeResumePoint, type ResumePoint } from "./part-file";
import { createProgressMeter, type ProgressMeter } from "./progress";
import { createRetryBudget, recoveryFor, WRONG_FILE_ATTEMPTS } from "./recovery";
import { createDownloadSlots } from "./slots";
import { createStorageLocator } from "./storage-locator";
import type { TransferContext } from "./transfer/context";
import { transferToPart } from "./transfer/transfer";
import type { DownloadEvents, DownloadJob, DownloadOutcome, Downloader, DownloaderOptions } from "./types";
import { verifyPart } from "./verify";

const FREE_SPACE_MARGIN_BYTES = 256 * 1024 * 1024;

async function defaultFreeSpace(dir: string): Promise<number> {
  const stats = await statfs(dir);
  return stats.bavail * stats.bsize;
}

/** The target is already there and is what the resolver promised (another download just finished it). */
async function alreadyInstalled(job: DownloadJob, hasher: Hasher, signal: AbortSignal): Promise<{ sha256: string; bytes: number } | null> {
  const existing = await stat(job.target.absolutePath).catch(() => null);
  if (!existing?.isFile()) return null;
  if (job.expectedSize !== null && existing.size !== job.expectedSize) return null;
  const handle = hasher.create();
  try {
    await hasher.hashRange(handle, job.target.absolutePath, 0, existing.size, { signal });
  } catch (error) {
    hasher.drop(handle);
    throw error;
  }
  const sha256 = await hasher.digest(handle);
  if (job.expectedSha256 && sha256 !== job.expectedSha256.toLowerCase()) return null;
  return { sha256, bytes: existing.size };
}

type SlotEvents = { onSlot: () => Promise<void>; onTransferred: () => Promise<void> };

export function createDownloader(options: DownloaderOptions): Downloader {
  const { settings, http } = options;
  const ownHasher = options.hasher ? null : createHasher();
  const hasher = options.hasher ?? ownHasher!;
  const lock = options.lock ?? createFileTargetLock();
  const bandwidth = createBandwidthLimiter(settings.max_bandwidth_mbps);
  const slots = createDownloadSlots(settings.concurrency);
  const storageLocator = options.storage ?? createStorageLocator(http);
  const hostSlots = new Map<string, LimitFunction>();
  const freeSpace = options.freeSpace ?? defaultFreeSpace;
  const log = (level: Parameters<NonNullable<DownloaderOptions["log"]>>[0], message: string) => options.log?.(level, http.redact(message));
  const hostSlot = (host: string) => {
    let slot = hostSlots.get(host);
    if (!slot) hostSlots.set(host, (slot = pLimit(settings.per_host_concurrency)));
    return slot;
  };

  /**
   * One attempt. A storage URL asked ahead (by the resolver) is used at once. Otherwise, with a slot free, the transfer
   * starts at once and follows the redirects itself; when it must wait, it first asks the source where the bytes are,
   * so that API answer overlaps the other files' transfers.
   */
  async function attempt(context: TransferContext, source: URL, target: Parameters<typeof transferToPart>[2], events: SlotEvents) {
    let storage = (await storageLocator.take(source, context.signal)) ?? source;
    let freeSlot = slots.tryAcquire();
    if (!freeSlot) {
      if (storage === source) storage = await storageLocator.locate(source, context.signal);
      freeSlot = await slots.acquire(target.expectedSize, context.signal);
    }
    try {
      await events.onSlot();
      const result = await transferToPart(context, storage, target);
      // Said before the slot goes to the next file, so no one ever sees more files downloading than there are slots.
      await events.onTransferred();
      return result;
    } finally {
      freeSlot();
    }
  }

  async function transferWithRetries(job: DownloadJob, signal: AbortSignal, meter: ProgressMeter, events: DownloadEvents): Promise<DownloadOutcome> {
    const targetPath = job.target.absolutePath;
    const fileName = path.basename(targetPath);
    const resume: { point: ResumePoint | null } = { point: settings.resume_downloads ? await readResumePoint(targetPath) : null };
    const origin = new URL(job.url);
    const budget = createRetryBudget(settings.retries);
    let source = origin;
    let attempts = 0;
    let wrongFiles = 0;
    let downloading = false;
    const slotEvents: SlotEvents = {
      onSlot: async () => {
        if (downloading) return;
        downloading = true;
        await events.onStarted?.();
      },
      onTransferred: async () => {
        downloading = false;
        await events.onVerifying?.();
      },
    };
    const cancelled = (): DownloadOutcome => ({ status: "cancelled", bytes: meter.bytes, attempts });
    const failed = (reason: DownloadFailure, error: unknown): DownloadOutcome => ({
      status: "failed",
      reason,
      message: http.redact(errorMessage(error)),
      bytes: meter.bytes,
      attempts,
    });
    const context: TransferContext = {
      http,
      hasher,
      settings,
      bandwidth,
      hostSlot,
      meter,
      budget,
      signal,
      log,
      origin,
      ensureFreeSpace: async (bytesToCome) => {
        const dir = path.dirname(targetPath);
        const available = await freeSpace(dir);
        if (available < bytesToCome + FREE_SPACE_MARGIN_BYTES) {
          throw new FatalDownloadError(
            "disk",
            `Not enough free space in ${dir}: ${fileName} needs ${formatBytes(bytesToCome)} (plus ${formatBytes(FREE_SPACE_MARGIN_BYTES)} to spare) but only ${formatBytes(available)} is free. Free some space and try again.`,
          );
        }
      },
    };
    const keepOrRemovePart = async () => {
      if (settings.resume_downloads && resume.point && resume.point.validBytes > 0) await writeResumePoint(targetPath, resume.point);
      else await removePart(targetPath);
    };

    try {
      for (;;) {
        attempts++;
        try {
          const result = await attempt(context, source, { targetPath, expectedSize: job.expectedSize, resume }, slotEvents);
          await verifyPart(partPathOf(targetPath), fileName, result, { size: job.expectedSize, sha256: job.expectedSha256 });
          await rename(partPathOf(targetPath), targetPath);
          await removeResumeNote(targetPath);
          meter.reset(result.bytes, result.bytes);
          return { status: "installed", target: job.target, sha256: result.sha256, bytes: result.bytes, attempts };
        } catch (error) {
          if (signal.aborted) {
            await keepOrRemovePart().catch(() => undefined);
            return cancelled();
          }
          const { recovery, failure } = recoveryFor(error);
          if (recovery === "redownload") {
            await removePart(targetPath);
            resume.point = null;
            if (++wrongFiles >= WRONG_FILE_ATTEMPTS) return failed(failure, error);
            log("warn", `${errorMessage(error)} Deleting it and downloading once more from scratch.`);
            continue;
          }
          // A segment that spent the budget already counted this failure.
          if (recovery === "give_up" || budget.failures > budget.retries || !budget.spend()) {
            await keepOrRemovePart().catch(() => undefined);
            return failed(failure, error);
          }
          if (recovery === "restart") {
            await removePart(targetPath);
            resume.point = null;
            log("info", errorMessage(error));
          } else if (recovery === "refresh") {
            source = origin;
          } else {
            const delay = retryDelayMs(error instanceof RetryableError ? error.requestedDelayMs : null, budget.failures);
            log("warn", `${errorMessage(error)} — retrying in ${Math.round(delay / 1000)} s (attempt ${budget.failures + 1} of ${settings.retries + 1}).`);
            try {
              await sleep(delay, signal);
            } catch {
              await keepOrRemovePart().catch(() => undefined);
              return cancelled();
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
    async download(job, signal, events) {
      const meter = createProgressMeter(events.onProgress);
      let release: (() => Promise<void>) | null = null;
      try {
        await mkdir(path.dirname(job.target.absolutePath), { recursive: true });
        release = await lock.acquire(job.target, signal);
        const existing = await alreadyInstalled(job, hasher, signal);
        if (existing) {
          // A .part or resume note beside it is left from an attempt that ended after the rename (a killed worker).
          await removePart(job.target.absolutePath);
          log("info", `${job.target.name} is already in place and verified; nothing to download.`);
          meter.reset(existing.bytes, existing.bytes);
          return { status: "installed", target: job.target, sha256: existing.sha256, bytes: existing.bytes, attempts: 0 };
        }
        return await transferWithRetries(job, signal, meter, events);
      } catch (error) {
        if (signal.aborted) return { status: "cancelled", bytes: meter.bytes, attempts: 0 };
        return { status: "failed", reason: recoveryFor(error).failure, message: http.redact(errorMessage(error)), bytes: meter.bytes, attempts: 0 };
      } finally {
        await release?.().catch(() => undefined);
      }
    },
    async close() {
      await ownHasher?.close();
    },
  };
}
