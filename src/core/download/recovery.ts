// What the download engine does after each kind of failure, as a table, and the one retry budget a download has.
import { BlockedUrlError } from "../net/host-policy";
import { TooManyRedirectsError } from "../net/http";
import { errorCode } from "../net/retry";
import { ExpiredUrlError, FatalDownloadError, RestartFromZeroError, RetryableError, WrongFileError, type DownloadFailure } from "./errors";

export type Recovery =
  /** Try again after a pause, keeping the bytes already on disk. */
  | "retry"
  /** Throw the .part away and start from byte zero. */
  | "restart"
  /** Ask the source's own URL again: it redirects to a freshly signed storage URL. */
  | "refresh"
  /** The bytes were not the model: delete them and download once more, from scratch. */
  | "redownload"
  | "give_up";

type Rule = { matches: (error: unknown) => boolean; recovery: Recovery; failure: (error: unknown) => DownloadFailure };

const is =
  <T>(type: abstract new (...args: never[]) => T) =>
  (error: unknown): error is T =>
    error instanceof type;

const RULES: Rule[] = [
  { matches: is(WrongFileError), recovery: "redownload", failure: () => "wrong_file" },
  { matches: is(RestartFromZeroError), recovery: "restart", failure: () => "network" },
  { matches: is(ExpiredUrlError), recovery: "refresh", failure: () => "needs_auth" },
  { matches: is(RetryableError), recovery: "retry", failure: () => "network" },
  { matches: is(FatalDownloadError), recovery: "give_up", failure: (error) => (error as FatalDownloadError).failure },
  { matches: is(BlockedUrlError), recovery: "give_up", failure: () => "blocked" },
  { matches: is(TooManyRedirectsError), recovery: "give_up", failure: () => "refused" },
  { matches: (error) => errorCode(error) === "ENOSPC", recovery: "give_up", failure: () => "disk" },
];

export function recoveryFor(error: unknown): { recovery: Recovery; failure: DownloadFailure } {
  const rule = RULES.find((candidate) => candidate.matches(error));
  return rule ? { recovery: rule.recovery, failure: rule.failure(error) } : { recovery: "give_up", failure: "refused" };
}

/** A wrong file is downloaded once more from scratch; the second wrong one is final. */
export const WRONG_FILE_ATTEMPTS = 2;

/**
 * The failures one download may have in a row without a byte of progress, shared by its segments and its attempts,
 * so a stubborn segment costs `retries` tries, not `retries` squared. Progress resets it: a long download over a
 * flaky line goes on as long as it moves.
 */
export type RetryBudget = {
  /** Counts a failure; true when another try is allowed. */
  spend(): boolean;
  /** Bytes moved: the failures so far are forgiven. */
  progressed(): void;
  readonly failures: number;
  readonly retries: number;
};

export function createRetryBudget(retries: number): RetryBudget {
  let failures = 0;
  return {
    spend: () => ++failures <= retries,
    progressed: () => void (failures = 0),
    get failures() {
      return failures;
    },
    retries,
  };
}
