// Where a request comes from, decided in one place: the socket's peer, or — only when that peer is a configured
// reverse proxy (COMFYFIXER_TRUSTED_PROXIES) — the last address in X-Forwarded-For that is not a trusted proxy.
// The web server writes the answer into X-Forwarded-For (one address) and everything after it reads that header.
import { BlockList, isIP } from "node:net";

export const CLIENT_ADDRESS_HEADER = "x-forwarded-for";

/** "::ffff:10.0.0.5" is 10.0.0.5; "[::1]" is ::1. */
export function normaliseAddress(address: string): string {
  const bare = address.trim().replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  return (mapped ? mapped[1]! : bare).toLowerCase();
}

export type TrustedProxies = { has(address: string): boolean; any: boolean };

export function trustedProxies(ranges: readonly string[]): TrustedProxies {
  const list = new BlockList();
  for (const range of ranges) {
    const [address, prefix] = range.split("/") as [string, string | undefined];
    const family = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return {
    any: ranges.length > 0,
    has(address) {
      const normalised = normaliseAddress(address);
      const family = isIP(normalised);
      return family !== 0 && list.check(normalised, family === 6 ? "ipv6" : "ipv4");
    },
  };
}

/** The client's address for rate limits, sessions and the audit log. */
export function decideClientAddress(peer: string | undefined, forwardedFor: string | undefined, proxies: TrustedProxies): string {
  const socketAddress = normaliseAddress(peer ?? "") || "unknown";
  if (!proxies.any || !proxies.has(socketAddress) || !forwardedFor) return socketAddress;
  const hops = forwardedFor
    .split(",")
    .map(normaliseAddress)
    .filter((hop) => isIP(hop) !== 0);
  // Walk back from the nearest hop: each trusted proxy vouches for the one before it; the first stranger is the client.
  for (let index = hops.length - 1; index >= 0; index--) {
    if (!proxies.has(hops[index]!)) return hops[index]!;
  }
  return hops[0] ?? socketAddress;
}

/** The address the web server decided, as route handlers and better-auth read it. */
export function clientAddressOf(headers: Headers): string | null {
  return headers.get(CLIENT_ADDRESS_HEADER);
}
