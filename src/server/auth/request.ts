// The auth instance and the caller of one HTTP request in the web process (route handlers use these).
import { db } from "../db/client";
import { serverEnv } from "../env";
import { resolveActor, type Actor } from "./actor";
import type { Auth } from "./auth";
import { authFor, type Protocol } from "./instance";

export const protocolOf = (url: string): Protocol => (new URL(url).protocol === "https:" ? "https" : "http");

export function authForRequest(request: Request): Promise<Auth> {
  return authFor({ db: db(), env: serverEnv() }, protocolOf(request.url));
}

export async function actorOfRequest(request: Request): Promise<Actor | null> {
  return resolveActor(await authForRequest(request), db(), request.headers);
}
