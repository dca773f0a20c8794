// The dashboard's API route handlers over real HTTP, behind the real web server (access rules, client address),
// without a Next.js build: a request for /api/... goes to the same route module Next.js would call, and any other
// path answers 200 "page" so the sign-in redirect can be seen. The route modules read this process's environment.
import { request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { ServerEnv } from "../server/env";
import { accessPolicy } from "../server/http/request-guard";
import { createWebServer } from "../server/http/web-server";

type RouteModule = Record<string, ((request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response) | unknown>;

const ROUTES: Array<{ pattern: RegExp; load: () => Promise<RouteModule>; params?: (match: RegExpExecArray) => Record<string, string> }> = [
  { pattern: /^\/api\/trpc\/[^?]+/, load: () => import("../app/api/trpc/[trpc]/route") },
  { pattern: /^\/api\/auth\/.+/, load: () => import("../app/api/auth/[...all]/route") },
  { pattern: /^\/api\/runs\/([^/?]+)\/events/, load: () => import("../app/api/runs/[id]/events/route"), params: (match) => ({ id: match[1]! }) },
  { pattern: /^\/api\/health/, load: () => import("../app/api/health/route") },
];

async function dispatch(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = request.url ?? "/";
  const route = ROUTES.map((candidate) => ({ candidate, match: candidate.pattern.exec(path) })).find((entry) => entry.match);
  if (!route) {
    response.writeHead(path.startsWith("/api/") ? 404 : 200, { "Content-Type": "text/plain" }).end("page");
    return;
  }
  const handler = (await route.candidate.load())[request.method ?? "GET"];
  if (typeof handler !== "function") {
    response.writeHead(405).end();
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item);
  }
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  const abort = new AbortController();
  response.on("close", () => abort.abort());
  // As Next.js does, the URL names the server's own host; the browser's is in the Host header.
  const webRequest = new Request(`${request.headers["x-forwarded-proto"]}://localhost:${request.socket.localPort}${path}`, {
    method: request.method,
    headers,
    body: hasBody ? (Readable.toWeb(request) as ReadableStream) : undefined,
    duplex: "half",
    signal: abort.signal,
  } as RequestInit);
  const answer = (await handler(webRequest, { params: Promise.resolve(route.candidate.params?.(route.match!) ?? {}) })) as Response;
  const outgoing: Record<string, string | string[]> = {};
  answer.headers.forEach((value, name) => {
    if (name !== "set-cookie") outgoing[name] = value;
  });
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) outgoing["set-cookie"] = cookies;
  response.writeHead(answer.status, outgoing);
  if (!answer.body) return void response.end();
  for await (const chunk of answer.body as unknown as AsyncIterable<Uint8Array>) response.write(chunk);
  response.end();
}

export type RouteServer = { url: string; port: number; server: Server; close(): Promise<void> };

/** Starts the web server on 127.0.0.1 with the given access settings (by default the environment's). */
export async function startRouteServer(env: Pick<ServerEnv, "publicUrl" | "allowedHostnames" | "trustedProxies">): Promise<RouteServer> {
  const server = createWebServer({
    policy: accessPolicy(env),
    handle: (request, response) =>
      dispatch(request, response).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500);
        response.end(String(error));
      }),
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type RawResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** One HTTP request with exactly the headers given (Host, Origin and Sec-Fetch-* included), from `localAddress`. */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const request = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: options.method ?? "GET",
        headers: options.headers,
        localAddress: options.localAddress,
      },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}
