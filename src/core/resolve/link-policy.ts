// Whether a URL from a workflow or a model list may be offered for download (no fetch, no DNS).
import { isIP } from "node:net";
import { isHostAllowed, isPrivateAddress, type HostPolicy } from "../net";

/** Null when allowed, otherwise why not and what to do. The downloader re-checks after DNS. */
export function linkRefusal(url: URL, policy: HostPolicy): string | null {
  if (url.protocol !== "https:" && url.protocol !== "http:") return `${url.protocol} links are not downloadable`;
  if (!isHostAllowed(url, policy)) {
    return `${url.host} is not in the allowed hosts (add it under Settings → allowed hosts if you trust it)`;
  }
  if (policy.allowPrivateNetworks || policy.trustedHosts.includes(url.host)) return null;
  const hostname = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const local = hostname === "localhost" || hostname.endsWith(".localhost") || (isIP(hostname) !== 0 && isPrivateAddress(hostname));
  return local ? `${url.host} is a private or loopback address (enable "allow private networks" for a local mirror)` : null;
}

/** The file name a URL's path ends with, decoded; null when the path names no file (e.g. /api/download/models/123). */
export function urlFileName(url: URL): string | null {
  const last = url.pathname.slice(url.pathname.lastIndexOf("/") + 1);
  let decoded: string;
  try {
    decoded = decodeURIComponent(last);
  } catch {
    decoded = last;
  }
  return /\.[A-Za-z0-9]{2,12}$/.test(decoded) ? decoded : null;
}

export function parseUrl(text: string): URL | null {
  try {
    return new URL(text.trim());
  } catch {
    return null;
  }
}
