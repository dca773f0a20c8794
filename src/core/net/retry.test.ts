import { describe, expect, it } from "vitest";
import { backoffDelayMs, isRetryableError, isRetryableStatus, MAX_REQUESTED_DELAY_MS, requestedDelayMs, retryDelayMs, sleep } from "./retry";

describe("backoffDelayMs", () => {
  it("grows exponentially up to the cap, with full jitter", () => {
    expect(backoffDelayMs(0, { random: () => 1 })).toBe(500);
    expect(backoffDelayMs(3, { random: () => 1 })).toBe(4000);
    expect(backoffDelayMs(20, { random: () => 1 })).toBe(30_000);
    expect(backoffDelayMs(3, { random: () => 0 })).toBe(0);
    expect(backoffDelayMs(2, { random: () => 0.5, baseMs: 100, capMs: 1000 })).toBe(200);
  });
});

describe("requestedDelayMs", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it.each([
    [{ "retry-after": "12" }, 503, 12_000],
    [{ "retry-after": "1.5" }, 429, 1500],
    [{ "retry-after": "Thu, 01 Jan 2026 00:00:30 GMT" }, 503, 30_000],
    [{ "retry-after": "Wed, 31 Dec 2025 23:00:00 GMT" }, 503, 0],
    [{ ratelimit: '"api";r=0;t=55' }, 429, 55_000],
    [{ "retry-after": ["7", "9"] }, 503, 7000],
    [{}, 503, null],
    [{ "retry-after": "soon" }, 503, null],
  ])("reads %j on a %i as %s ms", (headers, status, expected) => {
    expect(requestedDelayMs(headers, status, now)).toBe(expected);
  });

  // Hugging Face sends RateLimit on every answer; huggingface_hub waits for it only on a 429 with no quota left
  // (src/huggingface_hub/utils/_http.py, http_backoff; upstream review finding 4).
  it("reads Hugging Face's RateLimit only on a 429 whose quota is used up", () => {
    expect(requestedDelayMs({ ratelimit: '"api";r=480;t=240' }, 503, now)).toBeNull();
    expect(requestedDelayMs({ ratelimit: '"api";r=0;t=240' }, 502, now)).toBeNull();
    expect(requestedDelayMs({ ratelimit: '"api";r=12;t=240' }, 429, now)).toBeNull();
    expect(requestedDelayMs({ ratelimit: '"resolvers";t=30' }, 429, now)).toBe(30_000);
  });
});

describe("what is worth a retry", () => {
  it("retries timeouts, rate limits and server errors, not client errors", () => {
    expect([408, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 416, 501].some(isRetryableStatus)).toBe(false);
  });

  it("finds a retryable code on the error or its causes", () => {
    expect(isRetryableError(Object.assign(new Error("reset"), { code: "ECONNRESET" }))).toBe(true);
    expect(isRetryableError(new Error("fetch failed", { cause: Object.assign(new Error("x"), { code: "UND_ERR_SOCKET" }) }))).toBe(true);
    expect(isRetryableError(Object.assign(new Error("short"), { code: "UND_ERR_RES_CONTENT_LENGTH_MISMATCH" }))).toBe(true);
    expect(isRetryableError(Object.assign(new Error("disk"), { code: "ENOSPC" }))).toBe(false);
    expect(isRetryableError("text")).toBe(false);
  });
});

describe("sleep", () => {
  it("resolves after the delay and rejects early on abort", async () => {
    await sleep(5);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("stop")), 10);
    await expect(sleep(10_000, controller.signal)).rejects.toThrow("stop");
    await expect(sleep(1, AbortSignal.abort(new Error("already")))).rejects.toThrow("already");
  });
});

describe("retryDelayMs", () => {
  it("obeys the server's wait up to a cap, and backs off when it asks for none", () => {
    expect(retryDelayMs(12_000, 1)).toBe(12_000);
    expect(retryDelayMs(24 * 3_600_000, 1)).toBe(MAX_REQUESTED_DELAY_MS);
    const backoff = retryDelayMs(null, 3, { baseMs: 100 });
    expect(backoff).toBeGreaterThanOrEqual(0);
    expect(backoff).toBeLessThanOrEqual(800);
  });
});
