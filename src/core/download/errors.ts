// Why a download stopped, sorted by what the engine does next: retry, start over, or give up.

/** The bytes are not the model (wrong hash, size or format, an error page): delete and download once more. */
export class WrongFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WrongFileError";
  }
}

/** The server's copy changed (new ETag) or it stopped honouring Range: the .part must start again from zero. */
export class RestartFromZeroError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RestartFromZeroError";
  }
}

/** A transient failure worth another try after a pause (reset, 5xx, 429, no progress). */
export class RetryableError extends Error {
  constructor(
    message: string,
    readonly requestedDelayMs: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "RetryableError";
  }
}

/** The presigned URL expired or was refused (403/410): ask the resolver for a fresh one. */
export class ExpiredUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExpiredUrlError";
  }
}

/** Nothing more to try: the reason goes to the user as is. */
export class FatalDownloadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "FatalDownloadError";
  }
}

export class TargetPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TargetPathError";
  }
}

export { errorMessage } from "../error-message";

export { errorCode } from "../net/retry";
