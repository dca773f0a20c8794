// What every part of one file's transfer shares: the connection pool, the hasher, the limits, the meter, the budget.
import type { LimitFunction } from "p-limit";
import type { LogLevel, Settings } from "../../config/schema";
import type { Hasher } from "../../hashing/hasher";
import type { HttpClient } from "../../net/http";
import type { BandwidthLimiter } from "../bandwidth";
import type { ResumePoint } from "../part-file";
import type { ProgressMeter } from "../progress";
import type { RetryBudget } from "../recovery";

export type TransferContext = {
  http: HttpClient;
  hasher: Hasher;
  settings: Settings["download"];
  bandwidth: BandwidthLimiter;
  /** Caps the connections open to one host, shared by every download. */
  hostSlot: (host: string) => LimitFunction;
  meter: ProgressMeter;
  budget: RetryBudget;
  signal: AbortSignal;
  log: (level: LogLevel, message: string) => void;
  ensureFreeSpace: (bytesToCome: number) => Promise<void>;
  /** The source's own URL: asking it again renews an expired presigned storage URL. */
  origin: URL;
};

export type TransferTarget = {
  /** Where the file goes once verified; the bytes go to `${targetPath}.part` until then. */
  targetPath: string;
  expectedSize: number | null;
  /** Updated as the download goes, so a failed attempt can be resumed (in memory or from the note on disk). */
  resume: { point: ResumePoint | null };
};

export type TransferResult = { sha256: string; bytes: number };
