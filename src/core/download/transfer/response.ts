// Opening a download response: a GET under a no-progress watchdog, the server's status turned into what to do next,
// and the headers a ranged transfer reads.
import { isRetryableError, isRetryableStatus, requestedDelayMs } from "../../net/retry";
import { errorCode } from "../../net/retry";
import { describeUrl, drain, type HttpResponse } from "../../net/http";
import { ExpiredUrlError, FatalDownloadError, RestartFromZeroError, RetryableError } from "../errors";
import type { TransferContext } from "./context";
import { startWatchdog, type Watchdog } from "./watchdog";

export type WatchedResponse = { response: HttpResponse; watchdog: Watchdog };

type StatusRule = { test: (status: number, response: HttpResponse) => boolean; error: (status: number, where: string, response: HttpResponse) => Error };

const serverMessage = (response: HttpResponse) => response.headers["x-error-message"];

const STATUS_RULES: StatusRule[] = [
  {
    test: (status, response) => status === 403 && response.headers["cf-mitigated"] === "challenge",
    error: (status, where) =>
      new FatalDownloadError("refused", `${where} answered ${status}: Cloudflare's bot check blocked the download. Try again later or from another network.`),
  },
  {
    test: (status) => status === 401,
    error: (status, where, response) =>
      new FatalDownloadError(
        "needs_auth",
        response.sentToken
          ? `${where} answered ${status}: the token was refused (invalid or expired${serverMessage(response) ? `: ${serverMessage(response)}` : ""}). Create a new one and save it in Settings.`
          : `${where} answered ${status}: this file needs an API token. Add your Civitai or Hugging Face token in Settings.`,
      ),
  },
  {
    test: (status) => status === 403 || status === 410,
    error: (status, where, response) =>
      new ExpiredUrlError(
        `${where} answered ${status}: the link expired or access was refused (a gated model needs its license accepted and a token)${serverMessage(response) ? ` — ${serverMessage(response)}` : ""}.`,
      ),
  },
  {
    test: (status) => status === 404,
    error: (status, where) => new FatalDownloadError("not_found", `${where} answered ${status}: the file is not there (moved or deleted upstream).`),
  },
  {
    test: (status) => status === 416,
    error: (status, where) => new RestartFromZeroError(`${where} answered ${status} to a resume request: starting again from zero.`),
  },
  {
    test: isRetryableStatus,
    error: (status, where, response) => new RetryableError(`${where} answered ${status}`, requestedDelayMs(response.headers, status)),
  },
];

/** The classified error for an answer that is neither the file nor a redirect. */
export function statusError(response: HttpResponse): Error {
  const where = describeUrl(response.url);
  const rule = STATUS_RULES.find((candidate) => candidate.test(response.status, response));
  return rule
    ? rule.error(response.status, where, response)
    : new FatalDownloadError("refused", `${where} answered ${response.status}; the download cannot go on.`);
}

/** GETs `url` (following redirects) under a watchdog; throws a classified error for anything but 200/206. */
export async function openWatched(context: TransferContext, url: URL, headers: Record<string, string>): Promise<WatchedResponse> {
  const watchdog = startWatchdog(context.settings.download_timeout * 1000, context.signal, url.host);
  try {
    const response = await context.http.request(url, { headers, signal: watchdog.signal });
    if (response.status !== 200 && response.status !== 206) {
      await drain(response.body);
      throw statusError(response);
    }
    return { response, watchdog };
  } catch (error) {
    watchdog.stop();
    throw classifyTransferError(error, watchdog);
  }
}

/** A failure while receiving, as the engine sees it: a stall, a full disk, a dropped connection, or as it was. */
export function classifyTransferError(error: unknown, watchdog: Watchdog): unknown {
  if (watchdog.fired)
    return watchdog.signal.reason instanceof RetryableError ? watchdog.signal.reason : new RetryableError("No progress", null, { cause: error });
  if (errorCode(error) === "ENOSPC")
    return new FatalDownloadError("disk", "The disk is full: free some space and start the download again (the partial file is kept).", { cause: error });
  if (!(error instanceof RetryableError) && isRetryableError(error))
    return new RetryableError(`Connection failed (${errorCode(error)})`, null, { cause: error });
  return error;
}

export type ContentRange = { start: number; end: number; total: number | null };

export function parseContentRange(value: string | undefined): ContentRange | null {
  const match = value?.match(/^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i);
  if (!match) return null;
  return { start: Number(match[1]), end: Number(match[2]), total: match[3] === "*" ? null : Number(match[3]) };
}

/** The validator to send in If-Range: a strong ETag, else Last-Modified. */
export function rangeValidator(headers: Record<string, string>): string | null {
  const etag = headers.etag;
  if (etag && !etag.startsWith("W/")) return etag;
  return headers["last-modified"] ?? null;
}
