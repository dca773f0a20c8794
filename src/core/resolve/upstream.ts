// The resolver's way to talk upstream, on the engine's one HTTP client: per-host limits, retries, the memory of
// unreachable hosts, the answer cache and its statistics.
import pLimit, { type LimitFunction } from "p-limit";
import { BlockedUrlError } from "../net/host-policy";
import { discard, type HttpClient } from "../net/http";
import { backoffDelayMs, errorCode, isRetryableError, isRetryableStatus, requestedDelayMs, retryDelayMs, sleep } from "../net/retry";
import type { ResolverLogLevel, ResolverStats, SearchCache } from "./types";

export type UpstreamResponse = {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the server sent JSON, the text otherwise; null for HEAD or when not read. */
  body: unknown;
};

export type RequestOptions = {
  method?: "GET" | "HEAD";
  /** Extra request headers (a Range probe). */
  headers?: Record<string, string>;
  /** "manual" (the default) returns 3xx answers as they are, so redirects can be checked host by host. */
  redirect?: "manual" | "follow";
  /** False: the body is not read; "text-only": read only JSON, HTML or text answers (never a file). */
  readBody?: boolean | "text-only";
  signal?: AbortSignal;
};

/** A Cloudflare managed challenge: 403 with `cf-mitigated: challenge` (Cloudflare's docs, cloudflare-docs PR #8590). */
export function isCloudflareChallenge(answer: { status: number; headers: Record<string, string> }): boolean {
  return answer.status === 403 && answer.headers["cf-mitigated"]?.toLowerCase() === "challenge";
}

/** What to tell a user whose request met a Cloudflare challenge. */
export function cloudflareChallengeMessage(host: string): string {
  return `${host} answered with Cloudflare's bot check (403, cf-mitigated: challenge) instead of its API: try again later or from another network`;
}

/** The answer was not the service's own (a Cloudflare challenge in front of it). */
export class UpstreamBlockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UpstreamBlockedError";
  }
}

/** The host could not be reached at all; remembered for the resolver's lifetime. */
export class HostUnreachableError extends Error {
  constructor(
    readonly host: string,
    message: string,
  ) {
    super(message);
    this.name = "HostUnreachableError";
  }
}

const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT"]);
const MAX_REDIRECTS = 5;
/** Answers bigger than this are not an API's JSON; they are refused rather than read into memory. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

const isTimeout = (error: unknown) => (error as { name?: string } | null)?.name === "TimeoutError";

export type UpstreamClientOptions = {
  http: HttpClient;
  cache: SearchCache;
  perHostConcurrency: number;
  retries: number;
  timeoutMs: number;
  log: (level: ResolverLogLevel, message: string) => void;
  /** Backoff base for retries without a server-given delay (tests shorten it). */
  backoffBaseMs?: number;
};

export type UpstreamClient = ReturnType<typeof createUpstreamClient>;

export function createUpstreamClient(options: UpstreamClientOptions) {
  const limits = new Map<string, LimitFunction>();
  const unreachable = new Map<string, string>();
  const stats: ResolverStats = { cacheHits: 0, cacheMisses: 0, requests: 0, byHost: {} };
  const { http } = options;
  const redact = http.redact;

  const limitFor = (host: string) => {
    let limit = limits.get(host);
    if (!limit) limits.set(host, (limit = pLimit(options.perHostConcurrency)));
    return limit;
  };

  async function attempt(url: URL, request: RequestOptions): Promise<UpstreamResponse> {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    stats.requests++;
    stats.byHost[url.host] = (stats.byHost[url.host] ?? 0) + 1;
    const response = await http.request(url, {
      method: request.method ?? "GET",
      headers: { accept: "application/json, */*;q=0.5", ...request.headers },
      redirect: request.redirect ?? "manual",
      signal: request.signal ? AbortSignal.any([request.signal, timeout]) : timeout,
    });
    const contentType = response.headers["content-type"] ?? "";
    const textual = /\b(json|html|text)\b/i.test(contentType);
    if (request.method === "HEAD" || request.readBody === false || (request.readBody === "text-only" && !textual)) {
      await discard(response.body);
      return { status: response.status, headers: response.headers, body: null };
    }
    const declared = Number(response.headers["content-length"]);
    if (declared > MAX_BODY_BYTES) {
      await discard(response.body);
      throw new Error(`${url.host}${url.pathname} answered with ${declared} bytes, too much for an API answer`);
    }
    const text = await response.body.text();
    let body: unknown = text;
    if (/\bjson\b/i.test(contentType)) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status: response.status, headers: response.headers, body };
  }

  function markUnreachable(url: URL, error: unknown): never {
    const cause = isTimeout(error) ? `no answer within ${options.timeoutMs / 1000} s` : (errorCode(error) ?? String(error));
    const message = `${url.host} could not be reached (${cause}); it is skipped for the rest of this run. Check the network or the configured address.`;
    unreachable.set(url.host, message);
    options.log("warn", message);
    throw new HostUnreachableError(url.host, message);
  }

  /** One request with retries for 5xx/429/resets; throws HostUnreachableError when the host never answers. */
  async function request(url: URL, request: RequestOptions = {}): Promise<UpstreamResponse> {
    const known = unreachable.get(url.host);
    if (known) throw new HostUnreachableError(url.host, known);
    return limitFor(url.host)(async () => {
      // Queued behind the host's limit while its caller gave up: nothing to ask any more.
      if (request.signal?.aborted) throw request.signal.reason;
      for (let attemptNumber = 0; ; attemptNumber++) {
        const already = unreachable.get(url.host);
        if (already) throw new HostUnreachableError(url.host, already);
        const canRetry = attemptNumber < options.retries;
        let response: UpstreamResponse;
        try {
          response = await attempt(url, request);
        } catch (error) {
          if (request.signal?.aborted || error instanceof BlockedUrlError) throw error;
          const code = errorCode(error);
          const transient = isRetryableError(error) || isTimeout(error);
          if (canRetry && transient) {
            await sleep(backoffDelayMs(attemptNumber, { baseMs: options.backoffBaseMs }), request.signal);
            continue;
          }
          if (isTimeout(error) || (code && UNREACHABLE_CODES.has(code))) markUnreachable(url, error);
          throw new Error(redact(`Request to ${url.host}${url.pathname} failed: ${code ?? String(error)}`), { cause: error });
        }
        if (!canRetry || !isRetryableStatus(response.status)) return response;
        const asked = requestedDelayMs(response.headers, response.status);
        const delay = retryDelayMs(asked, attemptNumber, { baseMs: options.backoffBaseMs });
        const why = asked === null ? "backing off" : response.headers["retry-after"] ? "Retry-After" : "RateLimit";
        options.log("info", `${url.host} answered ${response.status} for ${url.pathname} — retrying in ${(delay / 1000).toFixed(1)} s (${why})`);
        await sleep(delay, request.signal);
      }
    });
  }

  /** Follows redirects one hop at a time, so each hop is checked against the host policy and gets only its own token. */
  async function requestFollowingRedirects(url: URL, signal?: AbortSignal): Promise<UpstreamResponse> {
    let current = url;
    for (let hop = 0; ; hop++) {
      const response = await request(current, { signal, redirect: "manual" });
      const location = response.headers.location;
      if (response.status < 300 || response.status >= 400 || !location || hop >= MAX_REDIRECTS) return response;
      current = new URL(location, current);
    }
  }

  async function cacheGet(key: string): Promise<unknown | undefined> {
    try {
      return await options.cache.get(key);
    } catch (error) {
      options.log("warn", `Search cache could not be read (${String(error)}); asking upstream instead.`);
      return undefined;
    }
  }

  async function cacheSet(key: string, value: unknown): Promise<void> {
    try {
      await options.cache.set(key, value);
    } catch (error) {
      options.log("warn", `Search cache could not be written (${String(error)}); results are not kept.`);
    }
  }

  /**
   * An answer from the cache, or computed and kept when `keep` says it is worth keeping
   * (a definite answer, not a transient failure).
   */
  async function cached<T>(key: string, compute: () => Promise<T>, keep: (value: T) => boolean): Promise<T> {
    const hit = await cacheGet(key);
    if (hit !== undefined) {
      stats.cacheHits++;
      return hit as T;
    }
    stats.cacheMisses++;
    const value = await compute();
    if (keep(value)) await cacheSet(key, value);
    return value;
  }

  /** Cache key of a request: the URL and whether a token went with it (answers differ with one). */
  const keyFor = (kind: string, url: URL) => `${kind} ${url.href} ${http.sendsToken(url) ? "auth" : "anon"}`;

  type Shared = { answer: Promise<JsonAnswer>; waiters: number; stop: AbortController };
  const inFlight = new Map<string, Shared>();

  /** Waits for a shared request; the request itself stops only when every caller waiting for it has given up. */
  function waitFor(key: string, shared: Shared, signal: AbortSignal | undefined): Promise<JsonAnswer> {
    shared.waiters++;
    if (!signal) return shared.answer;
    return new Promise<JsonAnswer>((resolve, reject) => {
      const onAbort = () => {
        if (--shared.waiters === 0 && inFlight.get(key) === shared) {
          inFlight.delete(key);
          shared.stop.abort(signal.reason);
        }
        reject(signal.reason);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener("abort", onAbort, { once: true });
      shared.answer.then(
        (value) => (signal.removeEventListener("abort", onAbort), resolve(value)),
        (error: unknown) => (signal.removeEventListener("abort", onAbort), reject(error)),
      );
    });
  }

  /**
   * A GET of a JSON API; 2xx and 404 answers are cached (the body only), others are not. Callers asking for the same
   * URL at once share one request. A Cloudflare challenge throws UpstreamBlockedError.
   */
  async function getJson(url: URL, signal?: AbortSignal): Promise<JsonAnswer> {
    const key = keyFor("GET", url);
    let shared = inFlight.get(key);
    if (!shared) {
      const stop = new AbortController();
      const answer = cached(
        key,
        async () => {
          const response = await requestFollowingRedirects(url, stop.signal);
          return { status: response.status, body: response.body, headers: pickHeaders(response.headers) };
        },
        (value) => (value.status >= 200 && value.status < 300) || value.status === 404,
      ).finally(() => {
        if (inFlight.get(key) === current) inFlight.delete(key);
      });
      // Nobody may be waiting any more when it fails (all gave up): that rejection is expected.
      answer.catch(() => undefined);
      const current: Shared = { answer, waiters: 0, stop };
      shared = current;
      inFlight.set(key, current);
    }
    const answer = await waitFor(key, shared, signal);
    if (isCloudflareChallenge(answer)) throw new UpstreamBlockedError(cloudflareChallengeMessage(url.host));
    return answer;
  }

  return {
    request,
    getJson,
    cached,
    keyFor,
    sendsToken: http.sendsToken,
    redact,
    unreachableMessage: (host: string) => unreachable.get(host),
    stats: (): ResolverStats => ({ ...stats, byHost: { ...stats.byHost } }),
  };
}

export type JsonAnswer = { status: number; body: unknown; headers: Record<string, string> };

const KEPT_HEADERS = [
  "content-type",
  "x-error-code",
  "x-error-message",
  "x-linked-size",
  "x-linked-etag",
  "content-length",
  "content-range",
  "location",
  "link",
  "cf-mitigated",
];

function pickHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(KEPT_HEADERS.filter((name) => headers[name] !== undefined).map((name) => [name, headers[name]!]));
}
