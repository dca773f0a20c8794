// The rules every request meets before the app sees it. Host must be an IP literal, localhost or a configured name
// (a page on a foreign name that resolves here is DNS rebinding). A state-changing request must come from the
// dashboard's own origin (Origin, else Sec-Fetch-Site), whatever its content type; only a client that sends neither
// and authenticates with an API key (the CLI) may skip that, as no browser page can make such a request.
import { isIP } from "node:net";
import type { AccessEnv } from "../env";
import { decideClientAddress, trustedProxies, type TrustedProxies } from "./client-address";

export type AccessPolicy = { hostnames: ReadonlySet<string>; wildcardSuffixes: string[]; proxies: TrustedProxies };

export function accessPolicy(env: Pick<AccessEnv, "publicUrl" | "allowedHostnames" | "trustedProxies">): AccessPolicy {
  const names = [...env.allowedHostnames, ...(env.publicUrl ? [env.publicUrl.hostname.toLowerCase()] : []), "localhost"];
  return {
    hostnames: new Set(names.filter((name) => !name.startsWith("*."))),
    wildcardSuffixes: names.filter((name) => name.startsWith("*.")).map((name) => name.slice(1)),
    proxies: trustedProxies(env.trustedProxies),
  };
}

export type IncomingRequest = {
  method: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  peerAddress: string | undefined;
  /** The socket is TLS (the web server itself serves https). */
  encrypted: boolean;
};

export type Verdict = { ok: true; host: string; protocol: "http" | "https"; clientAddress: string } | { ok: false; status: 400 | 403; message: string };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const header = (request: IncomingRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The host name of a Host header value ("[::1]:3000" → "::1"), or null when it is not one. */
export function hostnameOf(host: string): string | null {
  try {
    const url = new URL(`http://${host}`);
    if (url.host.toLowerCase() !== host.toLowerCase() && `${url.host}:80`.toLowerCase() !== host.toLowerCase()) return null;
    return url.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  } catch {
    return null;
  }
}

export function isAllowedHostname(hostname: string, policy: AccessPolicy): boolean {
  return isIP(hostname) !== 0 || policy.hostnames.has(hostname) || policy.wildcardSuffixes.some((suffix) => hostname.endsWith(suffix));
}

export function checkRequest(request: IncomingRequest, policy: AccessPolicy): Verdict {
  const fromProxy = policy.proxies.any && request.peerAddress !== undefined && policy.proxies.has(request.peerAddress);
  const host = (fromProxy ? header(request, "x-forwarded-host")?.split(",")[0]?.trim() : undefined) || header(request, "host");
  if (!host) return { ok: false, status: 400, message: "The request has no Host header." };
  const hostname = hostnameOf(host);
  if (!hostname || !isAllowedHostname(hostname, policy)) {
    return {
      ok: false,
      status: 403,
      message: `This server does not answer to "${host}". Open it by its IP address or localhost, or an admin adds the name to COMFYFIXER_ALLOWED_HOSTNAMES (or COMFYFIXER_PUBLIC_URL).`,
    };
  }
  const forwardedProto = fromProxy ? header(request, "x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() : undefined;
  const protocol = forwardedProto === "https" || (forwardedProto === undefined && request.encrypted) ? "https" : "http";

  if (!SAFE_METHODS.has(request.method.toUpperCase())) {
    const refused = crossSiteReason(request, host, protocol);
    if (refused) return { ok: false, status: 403, message: refused };
  }
  return { ok: true, host, protocol, clientAddress: decideClientAddress(request.peerAddress, header(request, "x-forwarded-for"), policy.proxies) };
}

function crossSiteReason(request: IncomingRequest, host: string, protocol: string): string | null {
  const origin = header(request, "origin");
  if (origin !== undefined) {
    let url: URL | null = null;
    try {
      url = origin === "null" ? null : new URL(origin);
    } catch {
      url = null;
    }
    if (url && url.host.toLowerCase() === host.toLowerCase() && url.protocol === `${protocol}:`) return null;
    return `Refused: this request comes from ${origin}, not from the dashboard at ${protocol}://${host}.`;
  }
  const fetchSite = header(request, "sec-fetch-site");
  if (fetchSite !== undefined) return fetchSite === "same-origin" ? null : `Refused: the browser says this request is ${fetchSite}, not from the dashboard.`;
  if (/^Bearer\s/i.test(header(request, "authorization") ?? "")) return null;
  return "Refused: a request that changes something must come from the dashboard (Origin header) or carry an API key.";
}
