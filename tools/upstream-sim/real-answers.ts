// Real answers the catalogue cannot trigger, as faults to arm: each is the real service's answer, byte for byte where
// its source shows it.
import type { SimFault, SimServerName } from "./faults";

/**
 * Civitai's search when its Meilisearch backend is overloaded: 503, `Retry-After: 2`, `Cache-Control: no-store`
 * (civitai/civitai@ebed661630 src/pages/api/v1/models/index.ts:124-134, since 9751970327 and b7a12e3ebf).
 */
export function civitaiSearchOverloaded(times = 1): SimFault {
  return {
    server: "civitai",
    pathIncludes: "/api/v1/models",
    kind: "status",
    status: 503,
    times,
    body: JSON.stringify({ error: "Model search is temporarily overloaded \u2014 please retry." }),
    headers: { "Content-Type": "application/json; charset=utf-8", "Retry-After": "2", "Cache-Control": "no-store" },
  };
}

/**
 * A Cloudflare managed challenge: 403, an HTML page, and `cf-mitigated: challenge` (Cloudflare's docs,
 * cloudflare/cloudflare-docs PR #8590; Civitai sits behind Cloudflare: civitai/civitai reads cf-ray and cf-connecting-ip).
 * Never a 200.
 */
export function cloudflareChallenge(server: SimServerName, pathIncludes?: string, times = 1): SimFault {
  return {
    server,
    pathIncludes,
    kind: "status",
    status: 403,
    times,
    body: '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head><body>Enable JavaScript and cookies to continue</body></html>',
    headers: { "Content-Type": "text/html; charset=UTF-8", "cf-mitigated": "challenge", "Cache-Control": "private, max-age=0, no-store, no-cache" },
  };
}
