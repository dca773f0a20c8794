// The one HTTP client of the engine, for downloads, resolvers and the ComfyUI probe: one undici Agent, redirects
// followed by hand so every hop is checked against the host policy, and one token rule — a hop gets a token only when
// its host belongs to that token's service (never a storage host, never another site).
import { Agent, request as undiciRequest, type Dispatcher } from "undici";
import { authorizationFor, redactSecrets, type ApiTokens } from "./auth";
import type { UpstreamEndpoints } from "./endpoints";
import { assertUrlAllowed, type HostPolicy } from "./host-policy";

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const DEFAULT_MAX_REDIRECTS = 10;

export type ResponseBody = Dispatcher.ResponseData["body"];

export type HttpResponse = {
  /** Where the answer really came from, after the redirects followed. */
  url: URL;
  status: number;
  /** Lower-case names; a repeated header keeps its first value. */
  headers: Record<string, string>;
  body: ResponseBody;
  /** Whether the last hop carried a token (a 401 then means the token was refused, not that one is missing). */
  sentToken: boolean;
};

export type HttpRequest = {
  method?: "GET" | "HEAD";
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** "follow" (the default) walks redirects hop by hop; "manual" hands a 3xx back as it is. */
  redirect?: "follow" | "manual";
  maxRedirects?: number;
};

export type HttpClient = {
  request(url: URL, init?: HttpRequest): Promise<HttpResponse>;
  /** Whether a request to `url` would carry a token (answers differ with one: caches key on it). */
  sendsToken(url: URL): boolean;
  /** Hides this client's tokens (and `?token=` values) in text bound for a log, an error or the browser. */
  redact(text: string): string;
  close(): Promise<void>;
};

export class TooManyRedirectsError extends Error {
  constructor(start: URL, count: number) {
    super(`Gave up after ${count} redirects starting at ${describeUrl(start)}.`);
    this.name = "TooManyRedirectsError";
  }
}

export type HttpClientOptions = {
  policy: HostPolicy;
  tokens: ApiTokens;
  endpoints: UpstreamEndpoints;
  userAgent: string;
  /** Connections per origin (null: as many as requests need). */
  connectionsPerOrigin?: number | null;
};

function flatten(headers: Dispatcher.ResponseData["headers"]): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? (value[0] ?? "") : value;
  }
  return flat;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  // Timeouts are the callers' (a no-progress watchdog for downloads, a deadline for API calls), so undici's are off.
  const agent = new Agent({ allowH2: true, keepAliveTimeout: 30_000, headersTimeout: 0, bodyTimeout: 0, connections: options.connectionsPerOrigin ?? null });
  return {
    async request(start, init = {}) {
      const maxRedirects = init.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
      let url = start;
      for (let hop = 0; ; hop++) {
        await assertUrlAllowed(url, options.policy);
        const authorization = authorizationFor(url, options.tokens, options.endpoints);
        const response = await undiciRequest(url, {
          method: init.method ?? "GET",
          dispatcher: agent,
          signal: init.signal,
          headers: { "user-agent": options.userAgent, ...init.headers, ...(authorization ? { authorization } : {}) },
        });
        const headers = flatten(response.headers);
        const location = headers.location;
        if (init.redirect !== "manual" && REDIRECT_STATUSES.has(response.statusCode) && location) {
          await drain(response.body);
          if (hop >= maxRedirects) throw new TooManyRedirectsError(start, hop + 1);
          url = new URL(location, url);
          continue;
        }
        return { url, status: response.statusCode, headers, body: response.body, sentToken: authorization !== null };
      }
    },
    sendsToken: (url) => authorizationFor(url, options.tokens, options.endpoints) !== null,
    redact: (text) => redactSecrets(text, options.tokens),
    close: () => agent.close(),
  };
}

const ignore = () => undefined;

/** Drops a body nobody will read; the connection closes unless the body was already done. */
export async function discard(body: ResponseBody): Promise<void> {
  body.on("error", ignore);
  if (!body.destroyed) body.destroy();
}

/** Reads away a short body (a redirect, an error page) so its connection can be reused. */
export async function drain(body: ResponseBody): Promise<void> {
  await body.dump({ limit: 64 * 1024 }).catch(ignore);
}

/** Host and path only: the query strings of presigned URLs carry signatures and sometimes tokens. */
export function describeUrl(url: URL): string {
  return `${url.host}${url.pathname}`;
}
