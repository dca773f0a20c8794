// HTTP for downloads: one shared undici Agent, redirects followed by hand so every hop is checked
// against the host policy and a token never follows a redirect to another host.
import { Agent, request, type Dispatcher } from "undici";
import { assertUrlAllowed, authorizationFor, isRetryableStatus, requestedDelayMs, type ApiTokens, type HostPolicy, type UpstreamEndpoints } from "../net";
import { ExpiredUrlError, FatalDownloadError, RestartFromZeroError, RetryableError } from "./errors";

const MAX_REDIRECTS = 10;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export type ResponseHeaders = Record<string, string | string[] | undefined>;

export type OpenedResponse = {
  /** Where the body really came from, after redirects. */
  url: URL;
  status: number;
  headers: ResponseHeaders;
  body: Dispatcher.ResponseData["body"];
};

export type HttpClient = {
  /** GETs `url`, following redirects; throws a classified error for anything but 200/206. */
  get(url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<OpenedResponse>;
  close(): Promise<void>;
};

export function createHttpClient(options: { policy: HostPolicy; tokens: ApiTokens; endpoints: UpstreamEndpoints; connectionsPerOrigin?: number }): HttpClient {
  // Timeouts are ours (a no-progress watchdog), so undici's own are off.
  const agent = new Agent({ allowH2: true, keepAliveTimeout: 30_000, headersTimeout: 0, bodyTimeout: 0, connections: options.connectionsPerOrigin ?? null });
  return {
    async get(start, headers, signal) {
      let url = start;
      for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
        await assertUrlAllowed(url, options.policy);
        // A token is sent only to its own service and never after the chain has left the host it started on.
        const authorization = url.host === start.host ? authorizationFor(url, options.tokens, options.endpoints) : null;
        const response = await request(url, {
          method: "GET",
          dispatcher: agent,
          signal,
          headers: { ...headers, "user-agent": "ComfyFixer", ...(authorization ? { authorization } : {}) },
        });
        const location = response.headers.location;
        if (REDIRECT_STATUSES.has(response.statusCode) && typeof location === "string") {
          await drain(response.body);
          url = new URL(location, url);
          continue;
        }
        if (response.statusCode === 200 || response.statusCode === 206) {
          return { url, status: response.statusCode, headers: response.headers, body: response.body };
        }
        await drain(response.body);
        throw statusError(response.statusCode, response.headers, url);
      }
      throw new FatalDownloadError(`Gave up after ${MAX_REDIRECTS} redirects starting at ${describeUrl(start)}.`);
    },
    close: () => agent.close(),
  };
}

const ignore = () => undefined;

/** Drops a body we no longer read; the connection closes unless the body was already done. */
export async function discard(body: Dispatcher.ResponseData["body"]): Promise<void> {
  body.on("error", ignore);
  if (!body.destroyed) body.destroy();
}

/** Reads away a short body (a redirect, an error page) so its connection can be reused. */
async function drain(body: Dispatcher.ResponseData["body"]): Promise<void> {
  await body.dump({ limit: 64 * 1024 }).catch(ignore);
}

/** Host and path only: query strings of presigned URLs carry signatures and sometimes tokens. */
export function describeUrl(url: URL): string {
  return `${url.host}${url.pathname}`;
}

type StatusRule = { test: (status: number) => boolean; error: (status: number, where: string, headers: ResponseHeaders) => Error };

const STATUS_RULES: StatusRule[] = [
  {
    test: (status) => status === 401,
    error: (status, where) =>
      new FatalDownloadError(`${where} answered ${status}: this file needs an API token. Add your Civitai or Hugging Face token in Settings.`),
  },
  {
    test: (status) => status === 403 || status === 410,
    error: (status, where) =>
      new ExpiredUrlError(`${where} answered ${status}: the link expired or access was refused (a gated model needs its license accepted and a token).`),
  },
  {
    test: (status) => status === 404,
    error: (status, where) => new FatalDownloadError(`${where} answered ${status}: the file is not there (moved or deleted upstream).`),
  },
  {
    test: (status) => status === 416,
    error: (status, where) => new RestartFromZeroError(`${where} answered ${status} to a resume request: starting again from zero.`),
  },
  {
    test: isRetryableStatus,
    error: (status, where, headers) => new RetryableError(`${where} answered ${status}`, requestedDelayMs(headers)),
  },
];

function statusError(status: number, headers: ResponseHeaders, url: URL): Error {
  const where = describeUrl(url);
  const rule = STATUS_RULES.find((candidate) => candidate.test(status));
  return rule ? rule.error(status, where, headers) : new FatalDownloadError(`${where} answered ${status}; the download cannot go on.`);
}

export function headerValue(headers: ResponseHeaders, name: string): string | null {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

export type ContentRange = { start: number; end: number; total: number | null };

export function parseContentRange(value: string | null): ContentRange | null {
  const match = value?.match(/^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i);
  if (!match) return null;
  return { start: Number(match[1]), end: Number(match[2]), total: match[3] === "*" ? null : Number(match[3]) };
}

/** The validator to send in If-Range: a strong ETag, else Last-Modified. */
export function rangeValidator(headers: ResponseHeaders): string | null {
  const etag = headerValue(headers, "etag");
  if (etag && !etag.startsWith("W/")) return etag;
  return headerValue(headers, "last-modified");
}
