// Small HTTP helpers shared by the simulated servers.
import type { IncomingMessage, ServerResponse } from "node:http";

export type Headers = Record<string, string>;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Headers = {}): void {
  send(res, status, JSON.stringify(body), { "Content-Type": "application/json; charset=utf-8", ...headers });
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Headers = {}): void {
  send(res, status, html, { "Content-Type": "text/html; charset=utf-8", ...headers });
}

export function send(res: ServerResponse, status: number, body: string, headers: Headers = {}): void {
  const buffer = Buffer.from(body, "utf8");
  res.writeHead(status, { "Content-Length": String(buffer.length), ...headers });
  res.end(res.req.method === "HEAD" ? undefined : buffer);
}

export function redirect(res: ServerResponse, status: number, location: string, headers: Headers = {}): void {
  send(res, status, "", { Location: location, ...headers });
}

export function htmlPage(title: string, text: string): string {
  return `<!DOCTYPE html><html><head><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The bearer token of a request, if any. */
export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
  return match?.[1] ?? null;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function requestUrl(req: IncomingMessage): URL {
  return new URL(req.url ?? "/", "http://sim.invalid");
}

export function flatHeaders(req: IncomingMessage): Headers {
  const headers: Headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}
