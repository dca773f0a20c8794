// The auth instance each process uses, built from the environment and the saved sign-in settings. It is rebuilt when
// an admin changes those settings, and while the identity provider's discovery could not be fetched (better-auth
// reads it once, when the instance starts), so a provider that was down at start works once it is back.
import type { Db } from "../db/client";
import type { ServerEnv } from "../env";
import { createAuth, type Auth } from "./auth";
import { discoveryUrlOf, loadOidcConfig, OIDC_PROVIDER_ID } from "./oidc-settings";

export type AuthDeps = { db: Db; env: ServerEnv };
export type Protocol = "http" | "https";

const RETRY_DISCOVERY_MS = 30_000;
/** better-auth fetches discovery without a time limit; every request waits for the instance, so ask first, briefly. */
const DISCOVERY_TIMEOUT_MS = 5_000;

async function discoveryAnswers(issuer: string): Promise<boolean> {
  try {
    const response = await fetch(discoveryUrlOf(issuer), { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

type Entry = { auth: Promise<Auth>; staleAt: number };
const globalForAuth = globalThis as unknown as { comfyfixerAuth?: WeakMap<Db, Map<Protocol, Entry>> };
const instances = (globalForAuth.comfyfixerAuth ??= new WeakMap());

/** The instance, and until when to keep it: for good, or briefly when the provider's discovery failed. */
async function build(deps: AuthDeps, protocol: Protocol): Promise<{ auth: Auth; keepUntil: number }> {
  const saved = await loadOidcConfig(deps.db, deps.env);
  const oidc = saved && (await discoveryAnswers(saved.issuer)) ? saved : null;
  const auth = createAuth({ db: deps.db, env: deps.env, oidc, protocol });
  if (!saved || (oidc && (await auth.$context).socialProviders.some((provider) => provider.id === OIDC_PROVIDER_ID))) {
    return { auth, keepUntil: Number.POSITIVE_INFINITY };
  }
  console.error(`Single sign-on is off until ${saved.issuer} answers its discovery request; trying again in ${RETRY_DISCOVERY_MS / 1000} s.`);
  return { auth, keepUntil: Date.now() + RETRY_DISCOVERY_MS };
}

export function authFor(deps: AuthDeps, protocol: Protocol = "http"): Promise<Auth> {
  let byProtocol = instances.get(deps.db);
  if (!byProtocol) instances.set(deps.db, (byProtocol = new Map()));
  const current = byProtocol.get(protocol);
  if (current && Date.now() < current.staleAt) return current.auth;
  const built = build(deps, protocol);
  const entry: Entry = { auth: built.then(({ auth }) => auth), staleAt: Number.POSITIVE_INFINITY };
  built.then(
    ({ keepUntil }) => (entry.staleAt = keepUntil),
    // A failed build is not kept: the next request tries again.
    () => byProtocol.get(protocol) === entry && byProtocol.delete(protocol),
  );
  byProtocol.set(protocol, entry);
  return entry.auth;
}

/** The sign-in settings changed: the next request builds a new instance. */
export function invalidateAuth(db: Db): void {
  instances.delete(db);
}
