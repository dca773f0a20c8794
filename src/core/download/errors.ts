// Why a download stopped, sorted by what the engine does next (download/recovery.ts): retry, start over, ask for a
// fresh link, download again, or give up with a reason the run can act on.

/** Why a download gave up, for the run to report and decide on. */
export type DownloadFailure =
  /** 401/403: a token is missing or refused, a license is not accepted, early access. */
  | "needs_auth"
  /** 404/410: the file is not there any more. */
  | "not_found"
  /** The bytes are not the model: wrong hash, size or format, or a web page. */
  | "wrong_file"
  /** Connections kept failing, or the server kept answering 5xx/429, past the retry budget. */
  | "network"
  /** The disk is full, or too full for the file. */
  | "disk"
  /** The host policy refused the URL or a redirect (not allowed, private address). */
  | "blocked"
  /** Anything else the server answered that a retry cannot fix. */
  | "refused";

/** The bytes are not the model (wrong hash, size or format, an error page): delete and download once more. */
export class WrongFileError extends Error {
  readonly failure = "wrong_file";
  constructor(message: string) {
    super(message);
    this.name = "WrongFileError";
  }
}

/** The server's copy changed (new ETag) or it stopped honouring Range: the .part must start again from zero. */
export class RestartFromZeroError extends Error {
  readonly failure = "network";
  constructor(message: string) {
    super(message);
    this.name = "RestartFromZeroError";
  }
}

/** A transient failure worth another try after a pause (reset, 5xx, 429, no progress). */
export class RetryableError extends Error {
  readonly failure = "network";
  constructor(
    message: string,
    readonly requestedDelayMs: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "RetryableError";
  }
}

/** The presigned storage URL expired or was refused (403/410): ask the source's own URL again for a fresh one. */
export class ExpiredUrlError extends Error {
  readonly failure = "needs_auth";
  constructor(message: string) {
    super(message);
    this.name = "ExpiredUrlError";
  }
}

/** Nothing more to try: the reason goes to the user as is. */
export class FatalDownloadError extends Error {
  constructor(
    readonly failure: DownloadFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "FatalDownloadError";
  }
}
