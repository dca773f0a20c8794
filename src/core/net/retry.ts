// When to try an upstream request again, and how long to wait first.

/** Exponential backoff with full jitter: a random delay in [0, min(cap, base·2^attempt)]. */
export function backoffDelayMs(attempt: number, options: { baseMs?: number; capMs?: number; random?: () => number } = {}): number {
  const base = options.baseMs ?? 500;
  const cap = options.capMs ?? 30_000;
  const ceiling = Math.min(cap, base * 2 ** attempt);
  return Math.round((options.random ?? Math.random)() * ceiling);
}

/** The longest wait a server's Retry-After is obeyed for; past it we retry sooner rather than sleep for hours. */
export const MAX_REQUESTED_DELAY_MS = 5 * 60_000;

/** How long to wait before retry `attempt`: what the server asked for (capped), else backoff with jitter. */
export function retryDelayMs(requested: number | null | undefined, attempt: number, options: { baseMs?: number } = {}): number {
  return Math.min(requested ?? backoffDelayMs(attempt, options), MAX_REQUESTED_DELAY_MS);
}

/**
 * The wait a server asks for, in ms: `Retry-After` as seconds or an HTTP date, or — on a 429 only, when no quota is
 * left — Hugging Face's `RateLimit: "api";r=0;t=55`. Hugging Face sends RateLimit on every answer ("only use them if
 * they are the reason for the 429": huggingface_hub utils/_http.py http_backoff), so a 5xx never waits for it.
 */
export function requestedDelayMs(headers: Record<string, string | string[] | undefined>, status: number, now = Date.now()): number | null {
  const header = (name: string) => {
    const value = headers[name] ?? headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  };
  const retryAfter = header("retry-after")?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  if (status !== 429) return null;
  const rateLimit = header("ratelimit");
  const remaining = rateLimit?.match(/(?:^|;)\s*r=(\d+)/)?.[1];
  const reset = rateLimit?.match(/(?:^|;)\s*t=(\d+)/)?.[1];
  if (reset === undefined || (remaining !== undefined && Number(remaining) > 0)) return null;
  return Number(reset) * 1000;
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);
export const isRetryableStatus = (status: number) => RETRYABLE_STATUS.has(status);

const RETRYABLE_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CLOSED",
  "UND_ERR_RES_CONTENT_LENGTH_MISMATCH",
  "ERR_STREAM_PREMATURE_CLOSE",
]);

/** The `code`s (ECONNRESET, ENOSPC, UND_ERR_…) on an error and its causes, outermost first. */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

export const errorCode = (error: unknown): string | undefined => errorCodes(error)[0];

export const isRetryableError = (error: unknown): boolean => errorCodes(error).some((code) => RETRYABLE_CODES.has(code));

/** Sleeps, waking early (with a rejection) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
