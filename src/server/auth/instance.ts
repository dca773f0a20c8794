// The auth instance each process uses, built from the environment and the saved sign-in settings. It is rebuilt when
// an admin changes those settings, and while the identity provider's discovery could not be fetched (better-auth
// reads it once, when the instance starts), so a provider that was down at start works once it is back.
import type { Db } from "../db/client";
import type { ServerEnv } from "../env";
import { createAuth, type Auth } from "./auth";
import { loadOidcConfig, OIDC_PROVIDER_ID } from "./oidc-settings";

export type AuthDeps = { db: Db; env: ServerEnv };
export type Protocol = "http" | "https";

const RETRY_DISCOVERY_MS = 30_000;

type Entry = { auth: Promise<Auth>; staleAt: number };
const globalForAuth = globalThis as unknown as { comfyfixerAuth?: WeakMap<Db, Map<Protocol, Entry>> };
const instances = (globalForAuth.comfyfixerAuth ??= new WeakMap());

async function build(deps: AuthDeps, protocol: Protocol, entry: Entry): Promise<Auth> {
  const oidc = await loadOidcConfig(deps.db, deps.env);
  const auth = createAuth({ db: deps.db, env: deps.env, oidc, protocol });
  if (oidc) {
    const context = await auth.$context;
    if (!context.socialProviders.some((provider) => provider.id === OIDC_PROVIDER_ID)) {
      console.error(`Single sign-on is off until ${oidc.issuer} answers its discovery request; trying again in ${RETRY_DISCOVERY_MS / 1000} s.`);
      entry.staleAt = Date.now() + RETRY_DISCOVERY_MS;
    }
  }
  return auth;
}

export function authFor(deps: AuthDeps, protocol: Protocol = "http"): Promise<Auth> {
  let byProtocol = instances.get(deps.db);
  if (!byProtocol) instances.set(deps.db, (byProtocol = new Map()));
  const current = byProtocol.get(protocol);
  if (current && Date.now() < current.staleAt) return current.auth;
  const entry: Entry = { auth: Promise.resolve(null as unknown as Auth), staleAt: Number.POSITIVE_INFINITY };
  entry.auth = build(deps, protocol, entry);
  // A failed build is not kept: the next request tries again.
  entry.auth.catch(() => byProtocol.delete(protocol));
  byProtocol.set(protocol, entry);
  return entry.auth;
}

/** The sign-in settings changed: the next request builds a new instance. */
export function invalidateAuth(db: Db): void {
  instances.delete(db);
}
