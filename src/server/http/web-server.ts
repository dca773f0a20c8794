// The dashboard's HTTP server: every request meets the access rules (request-guard.ts) before Next.js sees it, the
// client address is decided once and handed on as the only X-Forwarded-For, and a browser with no session is sent
// to the sign-in page.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { TLSSocket } from "node:tls";
import { SESSION_COOKIE } from "../auth/policy";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import { checkRequest, type AccessPolicy, type Verdict } from "./request-guard";

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => unknown;
export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => unknown;

/** Pages anyone may open: signing in, and the links that make an account. */
const PUBLIC_PAGES = new Set(["/sign-in", "/setup", "/invite"]);
const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip"];
const sessionCookie = new RegExp(`(?:^|;\\s*)(?:__Secure-)?${SESSION_COOKIE.replace(".", "\\.")}=`);

function verdictOf(request: IncomingMessage): (policy: AccessPolicy) => Verdict {
  return (policy) =>
    checkRequest(
      {
        method: request.method ?? "GET",
        headers: request.headers,
        peerAddress: request.socket.remoteAddress,
        encrypted: Boolean((request.socket as TLSSocket).encrypted),
      },
      policy,
    );
}

/** What the app is told: the checked host and scheme and the decided client address, nothing a client made up. */
function rewriteHeaders(request: IncomingMessage, verdict: Extract<Verdict, { ok: true }>): void {
  for (const name of FORWARDING_HEADERS) delete request.headers[name];
  request.headers.host = verdict.host;
  request.headers["x-forwarded-proto"] = verdict.protocol;
  request.headers[CLIENT_ADDRESS_HEADER] = verdict.clientAddress;
}

function needsSignIn(request: IncomingMessage, pathname: string): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  if (pathname.startsWith("/api/") || pathname.startsWith("/_next/") || PUBLIC_PAGES.has(pathname) || /\.[a-z0-9]+$/i.test(pathname)) return false;
  return !sessionCookie.test(request.headers.cookie ?? "");
}

export function createWebServer(options: { policy: AccessPolicy; handle: RequestHandler; upgrade?: UpgradeHandler }): Server {
  const server = createServer((request, response) => {
    const verdict = verdictOf(request)(options.policy);
    if (!verdict.ok) {
      response.writeHead(verdict.status, { "Content-Type": "text/plain; charset=utf-8" }).end(`${verdict.message}\n`);
      return;
    }
    rewriteHeaders(request, verdict);
    const url = new URL(request.url ?? "/", "http://host");
    if (needsSignIn(request, url.pathname)) {
      const back = url.pathname === "/" ? "" : `?next=${encodeURIComponent(url.pathname + url.search)}`;
      response.writeHead(302, { Location: `/sign-in${back}`, "Cache-Control": "no-store" }).end();
      return;
    }
    void options.handle(request, response);
  });
  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const verdict = verdictOf(request)(options.policy);
    if (!verdict.ok || !options.upgrade) {
      socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    rewriteHeaders(request, verdict);
    void options.upgrade(request, socket, head);
  });
  return server;
}
