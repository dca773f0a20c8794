// Which URLs ComfyFixer may fetch: allowlisted hosts, never loopback or private ranges unless allowed.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { UpstreamEndpoints } from "./endpoints";

export type HostPolicy = {
  /** Patterns such as `civitai.com` or `*.hf.co` (a leading `*.` matches any subdomain). */
  allowedHosts: string[];
  /** Hosts the operator configured (CIVITAI_BASE_URL, HF_ENDPOINT): trusted as configured. */
  trustedHosts: string[];
  allowPrivateNetworks: boolean;
};

export class BlockedUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BlockedUrlError";
  }
}

/**
 * Storage below a configured endpoint's own domain: a mirror such as hf-mirror.com redirects /resolve to
 * cas-bridge.xethub.hf-mirror.com (padeoe/hf-mirror-site#51), as huggingface.co does to *.hf.co. Tokens never follow
 * (auth.ts sends them to the endpoint's own host only).
 */
function endpointStorageHosts(endpoints: UpstreamEndpoints): string[] {
  return [endpoints.civitai, endpoints.huggingface]
    .map((endpoint) => endpoint.hostname.toLowerCase().replace(/^www\./, ""))
    .filter((hostname) => isIP(hostname.replace(/^\[|\]$/g, "")) === 0 && hostname !== "localhost" && hostname.includes("."))
    .map((hostname) => `*.${hostname}`);
}

export function hostPolicy(options: { allowedHosts: string[]; allowPrivateNetworks: boolean; endpoints: UpstreamEndpoints }): HostPolicy {
  return {
    allowedHosts: [...new Set([...options.allowedHosts, ...endpointStorageHosts(options.endpoints)])],
    trustedHosts: [options.endpoints.civitai.host, options.endpoints.huggingface.host],
    allowPrivateNetworks: options.allowPrivateNetworks,
  };
}

/** The policy of a run: the settings' hosts and switch, plus what the environment adds (COMFYFIXER_ALLOWED_HOSTS, …). */
export function hostPolicyFor(
  download: { allowed_hosts: string[]; allow_private_networks: boolean },
  env: { endpoints: UpstreamEndpoints; extraAllowedHosts: string[]; allowPrivateNetworks: boolean },
): HostPolicy {
  return hostPolicy({
    allowedHosts: [...download.allowed_hosts, ...env.extraAllowedHosts],
    allowPrivateNetworks: download.allow_private_networks || env.allowPrivateNetworks,
    endpoints: env.endpoints,
  });
}

function matchesPattern(host: string, hostname: string, pattern: string): boolean {
  const wanted = pattern.toLowerCase();
  const target = wanted.includes(":") ? host : hostname;
  if (wanted.startsWith("*.")) {
    const suffix = wanted.slice(1);
    return target.endsWith(suffix) && target.length > suffix.length;
  }
  return target === wanted;
}

export function isHostAllowed(url: URL, policy: HostPolicy): boolean {
  const host = url.host.toLowerCase();
  const hostname = url.hostname.toLowerCase();
  if (policy.trustedHosts.some((trusted) => trusted.toLowerCase() === host)) return true;
  return policy.allowedHosts.some((pattern) => matchesPattern(host, hostname, pattern));
}

const PRIVATE_V4: Array<[number, number]> = [
  [0x00000000, 8], // 0.0.0.0/8
  [0x0a000000, 8], // 10/8
  [0x64400000, 10], // 100.64/10 carrier-grade NAT
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local
  [0xac100000, 12], // 172.16/12
  [0xc0a80000, 16], // 192.168/16
];

function ipv4ToNumber(address: string): number {
  return address.split(".").reduce((value, part) => (value << 8) + Number(part), 0) >>> 0;
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part included), or null when it is not one. */
function ipv6Groups(address: string): number[] | null {
  if (isIP(address) !== 6) return null;
  let text = address.replace(/%.*$/, "");
  const dotted = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const value = ipv4ToNumber(dotted[1]!);
    text = `${text.slice(0, -dotted[1]!.length)}${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const part = (side: string) => (side ? side.split(":").map((group) => parseInt(group, 16)) : []);
  const first = part(head);
  const last = tail === undefined ? [] : part(tail);
  return [...first, ...Array<number>(8 - first.length - last.length).fill(0), ...last];
}

/** The IPv4 address an IPv6 one carries: mapped (::ffff:a.b.c.d, however written), compatible (::a.b.c.d), NAT64. */
function embeddedIpv4(groups: number[]): string | null {
  const zeros = (from: number, to: number) => groups.slice(from, to).every((group) => group === 0);
  const mapped = zeros(0, 5) && groups[5] === 0xffff;
  const compatible = zeros(0, 6) && (groups[6] !== 0 || groups[7]! > 1);
  const nat64 = groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6);
  if (!mapped && !compatible && !nat64) return null;
  return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".");
}

export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").toLowerCase();
  if (isIP(bare) === 4) {
    const value = ipv4ToNumber(bare);
    return PRIVATE_V4.some(([network, bits]) => value >>> (32 - bits) === network >>> (32 - bits));
  }
  const groups = ipv6Groups(bare);
  if (!groups) return false;
  const v4 = embeddedIpv4(groups);
  if (v4) return isPrivateAddress(v4);
  const [first = 0] = groups;
  const unspecifiedOrLoopback = groups.slice(0, 7).every((group) => group === 0) && groups[7]! <= 1;
  // fc00::/7 unique local, fe80::/10 link-local, fec0::/10 the old site-local.
  return unspecifiedOrLoopback || (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xffc0) === 0xfec0;
}

/**
 * Throws BlockedUrlError unless the URL may be fetched. The private-range check runs after DNS resolution,
 * so a public name that points at 127.0.0.1 is refused too. Call it again for every redirect.
 */
export async function assertUrlAllowed(url: URL, policy: HostPolicy): Promise<void> {
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new BlockedUrlError(`Refusing ${url.protocol} URL ${url.origin}: only http and https downloads are supported.`);
  }
  if (!isHostAllowed(url, policy)) {
    throw new BlockedUrlError(`Refusing to fetch from ${url.host}: it is not in the allowed hosts. Add it under Settings → allowed hosts if you trust it.`);
  }
  if (policy.allowPrivateNetworks || policy.trustedHosts.includes(url.host)) return;
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(hostname) ? [hostname] : (await lookup(hostname, { all: true })).map((entry) => entry.address);
  if (addresses.some(isPrivateAddress)) {
    throw new BlockedUrlError(
      `Refusing to fetch from ${url.host}: it resolves to a private or loopback address. Enable "allow private networks" for a local mirror.`,
    );
  }
}
