// Hugging Face's rate limits: buckets counted over fixed 5-minute windows, with `RateLimit` and `RateLimit-Policy`
// on every answer (huggingface/hub-docs@242f4a1e docs/hub/rate-limits.md:46-77; the header grammar is
// huggingface_hub@ee0a4510f src/huggingface_hub/utils/_http.py:77-80).
import type { SimState } from "./state";

export type HfBucket = "api" | "resolvers" | "pages";

const WINDOW_MS = 5 * 60 * 1000;
/** Calls per window (rate-limits.md:58-77, September 2025 values): anonymous per IP, and a free account. */
const QUOTAS: Record<"anonymous" | "free", Record<HfBucket, number>> = {
  anonymous: { api: 500, resolvers: 3000, pages: 100 },
  free: { api: 1000, resolvers: 5000, pages: 200 },
};

export function bucketOf(pathname: string): HfBucket {
  if (/^\/[^/]+\/[^/]+\/resolve\//.test(pathname) || pathname.startsWith("/api/resolve-cache/")) return "resolvers";
  if (pathname.startsWith("/api/")) return "api";
  return "pages";
}

export type RateLimitVerdict = { headers: Record<string, string>; exhausted: boolean };

/** Counts this call and gives its headers; `exhausted` when the quota is used up and the simulator enforces quotas. */
export function countCall(state: SimState, pathname: string, caller: "anonymous" | "free"): RateLimitVerdict {
  const now = Date.now();
  const counters = state.counters;
  if (now - counters.hfWindowStartedAt >= WINDOW_MS) {
    counters.hfWindowStartedAt = now;
    counters.hfCalls.clear();
  }
  const bucket = bucketOf(pathname);
  const key = `${caller}:${bucket}`;
  const quota = QUOTAS[caller][bucket];
  const used = (counters.hfCalls.get(key) ?? 0) + 1;
  counters.hfCalls.set(key, used);
  const resetSeconds = Math.max(1, Math.ceil((counters.hfWindowStartedAt + WINDOW_MS - now) / 1000));
  const remaining = Math.max(0, quota - used);
  const exhausted = state.options.hfEnforceQuota === true && used > quota;
  return {
    headers: {
      RateLimit: `"${bucket}";r=${exhausted ? 0 : remaining};t=${resetSeconds}`,
      "RateLimit-Policy": `"fixed window";"${bucket}";q=${quota};w=${WINDOW_MS / 1000}`,
    },
    exhausted,
  };
}
