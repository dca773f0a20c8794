// The simulated object store: signed GET/HEAD of generated bodies with Range, ETag, faults and bandwidth caps. URLs
// signed SigV4-style (Civitai's R2, the Hub's Xet bridge) are signed for GET, so a HEAD is refused with 403
// (adobe/S3Mock#125; hf_transfer PR #1) and a forwarded Authorization header with 400 (R2: vast-ai/base-image PR #215).
// CloudFront-signed URLs (the Hub's CDN) sign no method.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SimBody } from "./body";
import { faultOfKind, type SimFault } from "./faults";
import { send, sleep } from "./http";
import { LINK_CHUNK, type SharedLink } from "./link";
import { baseName, sharedLink, stableHex, type SimRequest, type SimState } from "./state";

type StoredObject = { key: string; fileName: string; body: SimBody };

const LAST_MODIFIED = "Mon, 01 Jan 2024 00:00:00 GMT";
const DEFAULT_SLICE = 1 << 20;

/** Storage path of a Civitai file (what the download endpoint redirects to). */
export function civitaiStoragePath(fileId: number, fileName: string): string {
  return `/civitai/${fileId}/${encodeURIComponent(fileName)}`;
}

const encodePath = (path: string) => path.split("/").map(encodeURIComponent).join("/");

/** Storage path of a Hugging Face file on the CDN. */
export function hfStoragePath(repoId: string, filePath: string): string {
  return `/hf/${repoId}/${encodePath(filePath)}`;
}

/** Storage path of a Hugging Face file behind the Xet bridge (`cas-bridge.xethub.hf.co/xet-bridge-us/…`). */
export function xetStoragePath(repoId: string, filePath: string): string {
  return `/xet-bridge-us/${repoId}/${encodePath(filePath)}`;
}

function findObject(state: SimState, path: string): StoredObject | undefined {
  const segments = path.split("/").slice(1).map(decodeURIComponent);
  const [area, ...rest] = segments;
  if (area === "civitai") {
    const entry = state.index.civitaiFile(Number(rest[0]));
    if (!entry || entry.file.name !== rest[1]) return undefined;
    return { key: path, fileName: entry.file.name, body: state.index.civitaiBody(entry.file) };
  }
  if ((area === "hf" || area === "xet-bridge-us") && rest.length >= 3) {
    const repo = state.index.hfRepo(`${rest[0]}/${rest[1]}`);
    const file = repo && state.index.hfFile(repo, rest.slice(2).join("/"));
    if (!repo || !file) return undefined;
    return { key: path, fileName: baseName(file.path), body: state.index.hfBody(repo, file) };
  }
  return undefined;
}

function s3Error(res: ServerResponse, status: number, code: string, message: string): void {
  const xml = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  send(res, status, xml, { "Content-Type": "application/xml" });
}

export async function handleStorage(state: SimState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") return s3Error(res, 405, "MethodNotAllowed", "Only GET and HEAD");
  const sigv4 = state.presigner.styleOf(url.searchParams) === "sigv4";
  if (sigv4 && req.headers.authorization !== undefined) return s3Error(res, 400, "InvalidRequest", "Missing x-amz-content-sha256");
  const refusal = state.presigner.refusal(url.pathname, url.searchParams);
  if (refusal) return s3Error(res, 403, "AccessDenied", refusal);
  if (sigv4 && req.method === "HEAD")
    return s3Error(res, 403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
  const object = findObject(state, url.pathname);
  if (!object) return s3Error(res, 404, "NoSuchKey", "The specified key does not exist.");

  // A HEAD probe must not use up the faults armed for the download that follows it.
  const faults = req.method === "GET" ? state.faults.takeBodyFaults("storage", req.url ?? url.pathname) : [];
  if (faultOfKind(faults, "expireAt")) state.presigner.expire(url.searchParams);
  if (faultOfKind(faults, "changeEtag")) {
    state.etagGenerations.set(object.key, (state.etagGenerations.get(object.key) ?? 0) + 1);
  }
  const etag = `"${stableHex(`${object.body.seed}:${object.body.size}:${state.etagGenerations.get(object.key) ?? 0}`, 32)}"`;
  const body = faultOfKind(faults, "wrongBytes") ? state.bodies.get(`${object.body.seed}#wrong`, object.body.size, object.fileName) : object.body;

  const size = body.size;
  const honourRange = !faultOfKind(faults, "ignoreRange") && ifRangeMatches(req, etag);
  const range = honourRange ? parseRange(req.headers.range, size) : "none";
  if (range === "unsatisfiable") {
    res.writeHead(416, { "Content-Range": `bytes */${size}`, "Content-Length": "0", ETag: etag });
    res.end();
    return;
  }
  const [start, end] = range === "none" ? [0, size] : range;
  const headers: Record<string, string> = {
    "Content-Type": "application/octet-stream",
    "Content-Length": String(end - start),
    "Accept-Ranges": "bytes",
    ETag: etag,
    "Last-Modified": LAST_MODIFIED,
    "Content-Disposition": `attachment; filename="${object.fileName.replace(/"/g, "")}"; filename*=UTF-8''${encodeURIComponent(object.fileName)}`,
  };
  if (range !== "none") headers["Content-Range"] = `bytes ${start}-${end - 1}/${size}`;
  res.writeHead(range === "none" ? 200 : 206, headers);
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  await streamBody(res, body, start, end, faults, {
    bytesPerSecond: state.options.bytesPerSecondPerConnection,
    link: sharedLink(state),
    record: state.records.get(req),
  });
}

/** A Range header applies unless If-Range names another version. */
function ifRangeMatches(req: IncomingMessage, etag: string): boolean {
  const ifRange = req.headers["if-range"];
  if (!ifRange) return true;
  return ifRange === etag || ifRange === LAST_MODIFIED;
}

/** One `bytes=` range as [start, end); "none" when absent or not a single range (serve everything). */
function parseRange(header: string | undefined, size: number): [number, number] | "none" | "unsatisfiable" {
  if (!header) return "none";
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return "none";
  const [, first = "", last = ""] = match;
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0) return "unsatisfiable";
    return [Math.max(0, size - suffix), size];
  }
  const start = Number(first);
  if (start >= size) return "unsatisfiable";
  const end = last === "" ? size : Math.min(size, Number(last) + 1);
  if (end <= start) return "none";
  return [start, end];
}

type Pacing = {
  /** This response's own bandwidth cap. */
  bytesPerSecond: number | undefined;
  /** The link every response shares. */
  link: SharedLink | null;
  /** Where the body's timing is noted. */
  record: SimRequest | undefined;
};

/** Writes [start, end) with backpressure, a per-response bandwidth cap, the shared link, and the body faults. */
async function streamBody(res: ServerResponse, body: SimBody, start: number, end: number, faults: SimFault[], pacing: Pacing): Promise<void> {
  const { bytesPerSecond, link, record } = pacing;
  const reset = faultOfKind(faults, "resetAt") ?? faultOfKind(faults, "expireAt");
  const truncate = faultOfKind(faults, "truncateAt");
  const stall = faultOfKind(faults, "stall");
  const cut = [reset?.byte, truncate?.byte].filter((byte): byte is number => byte !== undefined);
  const cutAt = cut.length > 0 ? Math.min(...cut) : Infinity;
  const stallAt = stall ? stall.afterByte : Infinity;
  const pacer = bytesPerSecond ? new Pacer(bytesPerSecond) : null;
  const sliceSize = Math.min(pacer ? pacer.chunkSize : DEFAULT_SLICE, link ? LINK_CHUNK : DEFAULT_SLICE);

  let sent = 0;
  let stalled = false;
  /** Applies a stall or a cut due at the current position; true when the response is over. */
  const checkpoint = async (): Promise<boolean> => {
    if (!stalled && sent >= stallAt) {
      stalled = true;
      await sleep(stall?.ms ?? 0);
    }
    if (sent < cutAt) return false;
    await cutConnection(res, reset !== undefined && reset.byte === cutAt);
    return true;
  };

  for (const slice of body.slices(start, end, sliceSize)) {
    let piece = slice;
    while (piece.length > 0) {
      if (await checkpoint()) return;
      const nextEvent = Math.min(cutAt, stalled ? Infinity : stallAt);
      const take = Math.min(piece.length, nextEvent - sent);
      if (pacer) await pacer.wait(take);
      if (link) await link.wait(take);
      if (res.destroyed) return;
      noteBytes(record, take);
      await write(res, piece.subarray(0, take));
      sent += take;
      piece = piece.subarray(take);
    }
  }
  if (await checkpoint()) return;
  res.end();
}

function noteBytes(record: SimRequest | undefined, bytes: number): void {
  if (!record) return;
  const now = performance.now();
  record.body ??= { firstByteAt: now, lastByteAt: now, bytes: 0 };
  record.body.lastByteAt = now;
  record.body.bytes += bytes;
}

function write(res: ServerResponse, chunk: Buffer): Promise<void> {
  if (res.write(chunk)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/**
 * Let what was written reach the client, then reset (RST) or close (FIN) short of Content-Length. A RST makes the
 * client's kernel drop what it has not read yet, so the reset waits for the socket's buffer to empty and a little more.
 */
async function cutConnection(res: ServerResponse, asReset: boolean): Promise<void> {
  await new Promise<void>((resolve) => res.write("", () => resolve()));
  for (let waited = 0; (res.socket?.writableLength ?? 0) > 0 && waited < 2000; waited += 10) await sleep(10);
  await sleep(asReset ? 100 : 20);
  const socket = res.socket;
  if (!socket) return;
  if (asReset) socket.resetAndDestroy();
  else socket.end();
}

/** Token bucket for one response: small chunks, released at the configured rate. */
class Pacer {
  readonly chunkSize: number;
  private readonly startedAt = performance.now();
  private granted = 0;

  constructor(private readonly bytesPerSecond: number) {
    this.chunkSize = Math.max(1024, Math.min(64 * 1024, Math.floor(bytesPerSecond / 50)));
  }

  async wait(bytes: number): Promise<void> {
    this.granted += bytes;
    // The first chunk is the bucket's burst; later ones wait until the rate allows them.
    const dueMs = ((this.granted - this.chunkSize) / this.bytesPerSecond) * 1000;
    const aheadMs = dueMs - (performance.now() - this.startedAt);
    if (aheadMs > 1) await sleep(aheadMs);
  }
}
