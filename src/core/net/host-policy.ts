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

export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").toLowerCase();
  const mappedV4 = bare.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mappedV4) return isPrivateAddress(mappedV4[1]!);
  if (isIP(bare) === 4) {
    const value = ipv4ToNumber(bare);
    return PRIVATE_V4.some(([network, bits]) => value >>> (32 - bits) === network >>> (32 - bits));
  }
  if (isIP(bare) === 6) {
    return bare === "::1" || bare === "::" || /^f[cd]/.test(bare) || /^fe[89ab]/.test(bare);
  }
  return false;
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
