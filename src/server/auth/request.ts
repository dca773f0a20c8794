// The auth instance and the caller of one HTTP request in the web process (route handlers use these).
import { db } from "../db/client";
import { serverEnv } from "../env";
import { resolveActor, type Actor } from "./actor";
import type { Auth } from "./auth";
import { authFor, type Protocol } from "./instance";

/** The scheme the request came with (the web server put it in X-Forwarded-Proto, and Next.js into the URL). */
export const protocolOf = (url: string): Protocol => (new URL(url).protocol === "https:" ? "https" : "http");

/** The dashboard's origin as the browser reached it: the checked Host header (Next.js puts its own host in the URL). */
export function requestOrigin(request: { headers: Headers; url: string }): string {
  return `${protocolOf(request.url)}://${request.headers.get("host") ?? new URL(request.url).host}`;
}

export function authForRequest(request: Request): Promise<Auth> {
  return authFor({ db: db(), env: serverEnv() }, protocolOf(request.url));
}

export async function actorOfRequest(request: Request): Promise<Actor | null> {
  return resolveActor(await authForRequest(request), db(), request.headers);
}
