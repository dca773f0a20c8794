import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startUpstreamSim, type UpstreamSim } from "./index";
import { civitaiStorageUrl, KiB, MiB, rawGet, testCatalogue } from "./test-support";

let sim: UpstreamSim;
/** A Civitai file on R2-like storage: SigV4-signed for GET. */
let fileUrl: string;
/** A Hub file on the CDN: CloudFront-signed, no method signed. */
let cdnUrl: string;
const fileName = "juggernautXL_v9.safetensors";

beforeAll(async () => {
  sim = await startUpstreamSim({ catalogue: testCatalogue() });
  fileUrl = await civitaiStorageUrl(sim, 11);
  const resolved = await fetch(`${sim.hfUrl}/comfyanonymous/flux_text_encoders/resolve/main/clip_l.safetensors`, { redirect: "manual" });
  cdnUrl = resolved.headers.get("location") ?? "";
});

/** The ETag of the Civitai file, read the way a client without HEAD reads it. */
async function etagOf(url: string): Promise<string> {
  const response = await fetch(url, { headers: { Range: "bytes=0-0" } });
  await response.arrayBuffer();
  return response.headers.get("etag") ?? "";
}
afterAll(() => sim.close());
beforeEach(() => {
  sim.clearFaults();
  sim.setOptions({ bytesPerSecondPerConnection: undefined, latencyMs: undefined, apiLatencyMs: undefined });
});

const sha256 = (bytes: Buffer | ArrayBuffer) => createHash("sha256").update(new Uint8Array(bytes)).digest("hex");

async function body(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

describe("storage bodies", () => {
  it("records how many of its requests were open when each arrived, so a test can read concurrency without a clock", async () => {
    sim.setOptions({ bytesPerSecondPerConnection: 64 * KiB });
    sim.resetRequests();
    const slow = await fetch(fileUrl, { headers: { Range: `bytes=0-${32 * KiB - 1}` } }); // its body takes about 0.5 s
    await body(await fetch(fileUrl, { headers: { Range: "bytes=0-1023" } }));
    await body(slow);
    await body(await fetch(fileUrl, { headers: { Range: "bytes=0-1023" } }));
    expect(sim.requests.map((request) => [request.server, request.concurrent])).toEqual([
      ["storage", 1],
      ["storage", 2],
      ["storage", 1],
    ]);
  });

  it("serves the whole file matching fileInfo, with download headers", async () => {
    const response = await fetch(fileUrl);
    const info = sim.fileInfo(fileName);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(info.size));
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(response.headers.get("etag")).toMatch(/^".+"$/);
    expect(response.headers.get("content-disposition")).toContain(`filename="${fileName}"`);
    expect(sha256(await body(response))).toBe(info.sha256);
  });

  it("answers HEAD on a CloudFront-signed URL with the headers and no body", async () => {
    const response = await fetch(cdnUrl, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(sim.fileInfo("clip_l.safetensors").size));
    expect((await body(response)).length).toBe(0);
  });

  it("refuses HEAD on a SigV4 URL signed for GET with 403 (CIV-STO-02: adobe/S3Mock#125; hf_transfer PR #1)", async () => {
    expect((await fetch(fileUrl, { method: "HEAD" })).status).toBe(403);
  });

  it("tells a client without HEAD the size through Range: bytes=0-0 and Content-Range (hfjs lib/file-download-info.ts:60-69)", async () => {
    const response = await fetch(fileUrl, { headers: { Range: "bytes=0-0" } });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes 0-0/${sim.fileInfo(fileName).size}`);
    expect((await body(response)).length).toBe(1);
  });

  it("refuses a forwarded Authorization header on a SigV4 URL with 400 (CIV-STO-03: vast-ai/base-image PR #215)", async () => {
    const response = await fetch(fileUrl, { headers: { Authorization: "Bearer leaked" } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("InvalidRequest");
  });

  it("serves ranges that join into the whole file", async () => {
    const size = sim.fileInfo(fileName).size;
    const first = await fetch(fileUrl, { headers: { Range: "bytes=0-999999" } });
    expect(first.status).toBe(206);
    expect(first.headers.get("content-range")).toBe(`bytes 0-999999/${size}`);
    const rest = await fetch(fileUrl, { headers: { Range: "bytes=1000000-" } });
    expect(rest.headers.get("content-length")).toBe(String(size - 1_000_000));
    const joined = Buffer.concat([await body(first), await body(rest)]);
    expect(sha256(joined)).toBe(sim.fileInfo(fileName).sha256);
    const suffix = await fetch(fileUrl, { headers: { Range: "bytes=-10" } });
    expect(suffix.headers.get("content-range")).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
    expect((await body(suffix)).equals(joined.subarray(size - 10))).toBe(true);
  });

  it("answers 416 for a range past the end", async () => {
    const size = sim.fileInfo(fileName).size;
    const response = await fetch(fileUrl, { headers: { Range: `bytes=${size}-` } });
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toBe(`bytes */${size}`);
  });

  it("honours If-Range only while the ETag matches", async () => {
    const etag = await etagOf(fileUrl);
    const same = await fetch(fileUrl, { headers: { Range: "bytes=10-19", "If-Range": etag } });
    expect(same.status).toBe(206);
    await same.arrayBuffer();
    const other = await fetch(fileUrl, { headers: { Range: "bytes=10-19", "If-Range": '"stale"' } });
    expect(other.status).toBe(200);
    await other.arrayBuffer();
  });

  it("refuses a path its signature does not cover", async () => {
    const url = new URL(fileUrl);
    url.pathname = url.pathname.replace("juggernaut", "missing");
    expect((await fetch(url)).status).toBe(403);
  });
});

it("answers 404 NoSuchKey once the catalogue no longer has the object", async () => {
  const catalogue = testCatalogue();
  const sim2 = await startUpstreamSim({ catalogue });
  try {
    const url = await civitaiStorageUrl(sim2, 11);
    sim2.setOptions({ catalogue: { ...catalogue, civitai: { models: [] } } });
    const response = await fetch(url);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("NoSuchKey");
  } finally {
    await sim2.close();
  }
});

describe("faults", () => {
  it("answers a status fault the given number of times, then normally", async () => {
    sim.addFault({ server: "storage", kind: "status", status: 500, times: 2 });
    expect((await fetch(cdnUrl, { method: "HEAD" })).status).toBe(500);
    expect((await fetch(cdnUrl, { method: "HEAD" })).status).toBe(500);
    expect((await fetch(cdnUrl, { method: "HEAD" })).status).toBe(200);
  });

  it("matches faults by path", async () => {
    sim.addFault({ server: "civitai", pathIncludes: "/api/v1/models/2", kind: "status", status: 503 });
    expect((await fetch(`${sim.civitaiUrl}/api/v1/models/1`)).status).toBe(200);
    expect((await fetch(`${sim.civitaiUrl}/api/v1/models/2`)).status).toBe(503);
  });

  it("sends 429 with Retry-After as seconds or an HTTP date", async () => {
    const date = new Date(Date.now() + 5000).toUTCString();
    sim.addFault({ server: "civitai", kind: "rateLimit", retryAfter: date });
    const response = await fetch(`${sim.civitaiUrl}/api/v1/models?query=x`);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe(date);
  });

  it("resets the connection after N bytes, without a HEAD probe using the fault up", async () => {
    sim.addFault({ server: "storage", kind: "resetAt", byte: 100 * KiB });
    expect((await fetch(cdnUrl, { method: "HEAD" })).status).toBe(200);
    const result = await rawGet(fileUrl);
    expect(result.status).toBe(200);
    expect(result.error).not.toBeNull();
    expect(result.bytes.length).toBeLessThanOrEqual(100 * KiB);
    expect((await rawGet(fileUrl)).error).toBeNull();
  });

  // A presigned URL is checked when a request arrives: past X-Amz-Expires, S3 answers 403 AccessDenied "Request has
  // expired" (aws/aws-sdk-js#2306, #3493) and R2 403 ExpiredRequest (cloudflare/cloudflare-docs PR #32436). The Hub's
  // Xet bridge signs for 3600 s, so a slow download that drops near the end resumes against an expired URL.
  it("lets a presigned URL run out mid-body: the connection drops, and a resume with that URL gets 403 Request has expired", async () => {
    const signed = await civitaiStorageUrl(sim, 11);
    sim.addFault({ server: "storage", kind: "expireAt", byte: 50 * KiB });
    const first = await rawGet(signed);
    expect(first.status).toBe(200);
    expect(first.error).not.toBeNull();
    expect(first.bytes.length).toBeLessThanOrEqual(50 * KiB);
    const resumed = await fetch(signed, { headers: { Range: `bytes=${first.bytes.length}-` } });
    expect(resumed.status).toBe(403);
    expect(await resumed.text()).toMatch(/<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
    const fresh = await civitaiStorageUrl(sim, 11);
    expect(fresh).not.toBe(signed);
    const rest = await fetch(fresh, { headers: { Range: `bytes=${first.bytes.length}-` } });
    expect(rest.status).toBe(206);
    expect(sha256(Buffer.concat([first.bytes, await body(rest)]))).toBe(sim.fileInfo(fileName).sha256);
  });

  it("closes the connection short of Content-Length when truncating", async () => {
    sim.addFault({ server: "storage", kind: "truncateAt", byte: 5000 });
    const result = await rawGet(fileUrl);
    expect(result.error).not.toBeNull();
    expect(result.bytes.length).toBe(5000);
    expect(Number(result.headers["content-length"])).toBe(sim.fileInfo(fileName).size);
  });

  it("serves wrong bytes of the right size", async () => {
    sim.addFault({ server: "storage", kind: "wrongBytes" });
    const bytes = await body(await fetch(fileUrl));
    expect(bytes.length).toBe(sim.fileInfo(fileName).size);
    expect(sha256(bytes)).not.toBe(sim.fileInfo(fileName).sha256);
  });

  it("ignores Range when told to", async () => {
    sim.addFault({ server: "storage", kind: "ignoreRange" });
    const response = await fetch(fileUrl, { headers: { Range: "bytes=100-" } });
    expect(response.status).toBe(200);
    expect((await body(response)).length).toBe(sim.fileInfo(fileName).size);
  });

  it("changes the ETag so an If-Range resume restarts from zero", async () => {
    const before = await etagOf(fileUrl);
    sim.addFault({ server: "storage", kind: "changeEtag" });
    const resumed = await fetch(fileUrl, { headers: { Range: "bytes=100-", "If-Range": before } });
    expect(resumed.status).toBe(200);
    expect(resumed.headers.get("etag")).not.toBe(before);
    expect(sha256(await body(resumed))).toBe(sim.fileInfo(fileName).sha256);
  });

  it("lets the first matching requests through when told to skip them: the ETag changes on the resume", async () => {
    const url = await civitaiStorageUrl(sim, 11);
    const before = await etagOf(url);
    sim.addFault({ server: "storage", kind: "changeEtag", skip: 1 });
    expect(await etagOf(url)).toBe(before);
    const resumed = await fetch(url, { headers: { Range: "bytes=100-", "If-Range": before } });
    expect(resumed.status).toBe(200);
    await resumed.arrayBuffer();
    expect(resumed.headers.get("etag")).not.toBe(before);
  });

  // No real storage answers like this (the review found no counterpart); it stays for the downloader's error-page check.
  it("answers 200 text/html instead of the file", async () => {
    sim.addFault({ server: "storage", kind: "html200" });
    const response = await fetch(fileUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await response.text()).toMatch(/^<!DOCTYPE html>/);
  });

  it("stalls mid-body and then completes", async () => {
    sim.addFault({ server: "storage", kind: "stall", afterByte: 1000, ms: 300 });
    const started = performance.now();
    const bytes = await body(await fetch(fileUrl));
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
    expect(sha256(bytes)).toBe(sim.fileInfo(fileName).sha256);
  });

  it("adds latency to every answer", async () => {
    sim.setOptions({ latencyMs: 150 });
    const started = performance.now();
    await (await fetch(`${sim.civitaiUrl}/api/v1/models/1`)).arrayBuffer();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe("bandwidth and bookkeeping", () => {
  it("caps each response's bandwidth roughly at the configured rate", async () => {
    const rate = 4 * MiB;
    sim.setOptions({ bytesPerSecondPerConnection: rate });
    const started = performance.now();
    const bytes = await body(await fetch(fileUrl));
    const seconds = (performance.now() - started) / 1000;
    const measured = bytes.length / seconds;
    expect(measured).toBeLessThan(rate * 1.15);
    expect(measured).toBeGreaterThan(rate * 0.7);
  });

  it("holds every Civitai and Hugging Face answer, redirects included, for apiLatencyMs, and never storage", async () => {
    const latency = 400;
    sim.setOptions({ apiLatencyMs: latency });
    const timed = async (url: string, init: RequestInit = {}) => {
      const started = performance.now();
      const answer = await fetch(url, { redirect: "manual", ...init });
      await answer.arrayBuffer();
      return { status: answer.status, ms: performance.now() - started, location: answer.headers.get("location") };
    };
    const [hfRedirect, civitaiRedirect, search] = await Promise.all([
      timed(`${sim.hfUrl}/comfyanonymous/flux_text_encoders/resolve/main/clip_l.safetensors`),
      timed(`${sim.civitaiUrl}/api/download/models/11`),
      timed(`${sim.civitaiUrl}/api/v1/models?query=juggernaut`),
    ]);
    expect([hfRedirect.status, civitaiRedirect.status, search.status]).toEqual([302, 307, 200]);
    for (const answer of [hfRedirect, civitaiRedirect, search]) expect(answer.ms).toBeGreaterThanOrEqual(latency - 2);
    // Storage asked at the same moment as an API answers first: it is not held.
    const order: string[] = [];
    await Promise.all([
      timed(`${sim.hfUrl}/api/models/comfyanonymous/flux_text_encoders`).then(() => order.push("api")),
      timed(hfRedirect.location!, { headers: { Range: "bytes=0-0" } }).then(() => order.push("storage")),
    ]);
    expect(order).toEqual(["storage", "api"]);
  });

  it("records requests with their headers, newest last, and forgets them on reset", async () => {
    sim.resetRequests();
    await (await fetch(`${sim.civitaiUrl}/api/download/models/11`, { headers: { Authorization: "Bearer t" } })).arrayBuffer();
    expect(sim.requests.map((request) => request.server)).toEqual(["civitai", "storage"]);
    expect(sim.requests[0]?.headers.authorization).toBe("Bearer t");
    expect(sim.requests[1]?.path.startsWith("/civitai/")).toBe(true);
    sim.resetRequests();
    expect(sim.requests).toEqual([]);
  });
  it("counts the body bytes each storage GET was sent, so a file served twice in full shows", async () => {
    const size = sim.fileInfo(fileName).size;
    sim.resetRequests();
    await body(await fetch(fileUrl));
    await body(await fetch(fileUrl, { headers: { Range: "bytes=1000-" } }));
    await body(await fetch(fileUrl, { method: "HEAD" }));
    expect(sim.requests.map((request) => request.body?.bytes)).toEqual([size, size - 1000, undefined]);
  });
});
