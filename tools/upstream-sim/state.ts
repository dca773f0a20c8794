// What the three simulated servers share: options, the indexed catalogue, bodies, faults, presigning and counters.
import { createHash, createHmac, randomBytes } from "node:crypto";
import {
  civitaiFileSeed,
  hfFileSeed,
  type CivitaiFileMetadata,
  type SimCatalogue,
  type SimCivitaiFile,
  type SimCivitaiModel,
  type SimCivitaiVersion,
  type SimHfFile,
  type SimHfRepo,
} from "./catalogue";
import { BodyStore, type BodyDigest, type SimBody } from "./body";
import { FaultBook, type SimServerName } from "./faults";
import { SharedLink } from "./link";

export type SimOptions = {
  catalogue: SimCatalogue;
  /** Delay before every answer, on every server. */
  latencyMs?: number;
  /** Delay before every Civitai and Hugging Face API answer (not storage): the benchmarks' "1 s per API answer". */
  apiLatencyMs?: number;
  /** Storage bandwidth cap for each response (unset: as fast as possible). */
  bytesPerSecondPerConnection?: number;
  /**
   * One bandwidth for all storage responses together, as one link to the internet (500 Mbps = 62_500_000): concurrent
   * downloads share it. Applies on top of bytesPerSecondPerConnection. Unset: no shared limit.
   */
  sharedBytesPerSecond?: number;
  /** The Civitai API key that counts as a valid session; any other key is anonymous, as on Civitai. */
  civitaiToken?: string;
  /**
   * The account behind civitaiToken: its name for /api/v1/me, its file preferences (Account settings), and the
   * early-access versions it bought.
   */
  civitaiAccount?: { id?: number; username?: string; filePreferences?: CivitaiFileMetadata; unlockedVersionIds?: number[] };
  /** The Hugging Face token that counts as valid; any other bearer token is "invalid credentials". */
  hfToken?: string;
  /** The account behind hfToken, for /api/whoami-v2. */
  hfAccount?: { name?: string; fullname?: string; role?: "read" | "write" | "admin" | "fineGrained" };
  /** Lifetime of presigned storage URLs (default: each storage's own, 24 h for Civitai's R2, 1 h on the Hub). */
  presignTtlMs?: number;
  /** The deployment refuses anonymous downloads (Civitai's UNAUTHENTICATED_DOWNLOAD=false). */
  requireCivitaiTokenForDownloads?: boolean;
  /** Civitai's download limiter: downloads allowed per caller (user or IP) before 429. Unset: no limit. */
  civitaiDownloadLimit?: number;
  /** Hugging Face enforces its 5-minute quotas (500 API / 3000 resolver calls anonymous): 429 when used up. */
  hfEnforceQuota?: boolean;
  /** Entries per page of the Hub's tree listing (default 1000, as on the Hub). */
  hfTreePageSize?: number;
  /** Listen on portBase (Civitai), portBase+1 (HF), portBase+2 (storage) instead of free ports. */
  portBase?: number;
};

export type SimRequest = {
  server: SimServerName;
  method: string;
  /** Path and query as received. */
  path: string;
  headers: Record<string, string>;
  /** Requests to this server still open when this one arrived, itself included (its concurrency at that moment). */
  concurrent: number;
  /** When the request arrived (performance.now() of the simulator's process, ms). */
  at: number;
  /** A storage GET's body: when its first and last bytes were handed to the connection, and how many were sent. */
  body?: { firstByteAt: number; lastByteAt: number; bytes: number };
};

export type SimUrls = { civitaiUrl: string; hfUrl: string; storageUrl: string };

export type CivitaiFileEntry = { model: SimCivitaiModel; version: SimCivitaiVersion; file: SimCivitaiFile };
export type CivitaiVersionEntry = { model: SimCivitaiModel; version: SimCivitaiVersion };

/** Civitai's primary model file types (`primaryModelFileTypes`, src/utils/file-display-helpers.ts:344-349). */
export const MAIN_WEIGHT_FILE_TYPES: ReadonlySet<string> = new Set(["Model", "Pruned Model", "Diffusion Model", "UNet"]);

/** Hash keys as Civitai publishes them (`ModelHashType`), from a body's digest. BLAKE3 is a stable stand-in. */
export function civitaiHashes(digest: BodyDigest): Record<string, string> {
  return {
    AutoV1: digest.autoV1,
    AutoV2: digest.autoV2,
    SHA256: digest.sha256.toUpperCase(),
    CRC32: digest.crc32,
    // Not a real BLAKE3 (Node has none); a stable stand-in of the right shape.
    BLAKE3: stableHex(`blake3:${digest.sha256}`, 40).padEnd(64, "0").toUpperCase(),
  };
}

const DEFAULT_PUBLISHED_AT = Date.parse("2024-01-01T00:00:00.000Z");

export function versionPublishedAt(version: SimCivitaiVersion): string {
  return version.publishedAt ?? new Date(DEFAULT_PUBLISHED_AT + version.id * 1000).toISOString();
}

/** Lookups over the catalogue, rebuilt whenever the catalogue is replaced. */
export class CatalogueIndex {
  readonly catalogue: SimCatalogue;
  private readonly versions = new Map<number, CivitaiVersionEntry>();
  private readonly civitaiFiles = new Map<number, CivitaiFileEntry>();
  private readonly repos = new Map<string, SimHfRepo>();
  private readonly renamed = new Map<string, SimHfRepo>();
  private civitaiHashIndex: Map<string, CivitaiFileEntry[]> | null = null;

  constructor(
    catalogue: SimCatalogue,
    private readonly bodies: BodyStore,
  ) {
    this.catalogue = catalogue;
    for (const model of catalogue.civitai.models) {
      for (const version of model.modelVersions) {
        this.versions.set(version.id, { model, version });
        for (const file of version.files) this.civitaiFiles.set(file.id, { model, version, file });
      }
    }
    for (const repo of catalogue.huggingface.repos) {
      this.repos.set(repo.id.toLowerCase(), repo);
      for (const old of repo.renamedFrom ?? []) this.renamed.set(old.toLowerCase(), repo);
    }
  }

  civitaiVersion(id: number): CivitaiVersionEntry | undefined {
    return this.versions.get(id);
  }

  civitaiFile(id: number): CivitaiFileEntry | undefined {
    return this.civitaiFiles.get(id);
  }

  civitaiBody(file: SimCivitaiFile): SimBody {
    return this.bodies.get(civitaiFileSeed(file), file.size, file.name);
  }

  civitaiFileHashes(file: SimCivitaiFile): Record<string, string> {
    return civitaiHashes(this.civitaiBody(file).digest());
  }

  /** Every file with this hash (any stored type, upper-cased), as Civitai's by-hash lookup matches. Hashes each file once. */
  civitaiFilesByHash(hash: string): CivitaiFileEntry[] {
    if (!this.civitaiHashIndex) {
      this.civitaiHashIndex = new Map();
      for (const entry of this.civitaiFiles.values()) {
        for (const value of new Set(Object.values(this.civitaiFileHashes(entry.file)))) {
          const list = this.civitaiHashIndex.get(value) ?? [];
          list.push(entry);
          this.civitaiHashIndex.set(value, list);
        }
      }
    }
    return this.civitaiHashIndex.get(hash.toUpperCase()) ?? [];
  }

  hfRepo(id: string): SimHfRepo | undefined {
    return this.repos.get(id.toLowerCase());
  }

  /** The repo an old (renamed) id now points to. */
  hfRenamed(id: string): SimHfRepo | undefined {
    return this.renamed.get(id.toLowerCase());
  }

  hfFile(repo: SimHfRepo, path: string): SimHfFile | undefined {
    return repo.files.find((file) => file.path === path);
  }

  hfBody(repo: SimHfRepo, file: SimHfFile): SimBody {
    return this.bodies.get(hfFileSeed(repo, file), file.size, baseName(file.path));
  }
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/**
 * How a storage URL is signed. "sigv4": S3/R2 query signing for GET (Civitai's R2, the Hub's Xet bridge), so a HEAD
 * does not match the signature. "cloudfront": a CloudFront signed URL (the Hub's CDN), which signs no method.
 */
export type SigningStyle = "sigv4" | "cloudfront";

/** Signs storage paths with an expiry, as S3/R2 presigned and CloudFront signed URLs do. */
export class Presigner {
  private readonly secret = randomBytes(16);
  /** Signatures that ran out early (the expireAt fault), as if their expiry had passed. */
  private readonly expired = new Set<string>();

  constructor(private readonly ttlOverrideMs: () => number | undefined) {}

  /** A query string granting access to `path` until now + TTL. */
  query(path: string, fileName: string, style: SigningStyle, defaultTtlMs: number): string {
    const ttl = this.ttlOverrideMs() ?? defaultTtlMs;
    const now = Date.now();
    const expiresAt = now + ttl;
    const signature = this.signature(path, expiresAt, style);
    // X-Sim-Expires-At carries the expiry in milliseconds, so tests can use short lifetimes.
    const params =
      style === "sigv4"
        ? new URLSearchParams({
            "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
            "X-Amz-Credential": `SIMKEY/${amzDate(new Date(now)).slice(0, 8)}/auto/s3/aws4_request`,
            "X-Amz-Date": amzDate(new Date(now)),
            "X-Amz-Expires": String(Math.max(1, Math.ceil(ttl / 1000))),
            "X-Amz-SignedHeaders": "host",
            "response-content-disposition": `attachment; filename="${fileName}"`,
            "X-Sim-Expires-At": String(expiresAt),
            "X-Amz-Signature": signature,
          })
        : new URLSearchParams({
            Expires: String(Math.ceil(expiresAt / 1000)),
            Policy: Buffer.from(JSON.stringify({ Statement: [{ Resource: path }] })).toString("base64url"),
            "X-Sim-Expires-At": String(expiresAt),
            Signature: signature,
            "Key-Pair-Id": "KSIMULATOR",
          });
    return params.toString();
  }

  /** The signing style of a URL's query, or null when it carries no signature. */
  styleOf(params: URLSearchParams): SigningStyle | null {
    if (params.has("X-Amz-Signature")) return "sigv4";
    if (params.has("Signature")) return "cloudfront";
    return null;
  }

  /** Why a signed URL is refused, or null when it is valid. */
  refusal(path: string, params: URLSearchParams): string | null {
    const style = this.styleOf(params);
    const expiresAt = Number(params.get("X-Sim-Expires-At"));
    const signature = style === "sigv4" ? params.get("X-Amz-Signature") : params.get("Signature");
    if (!style || !signature || !Number.isFinite(expiresAt) || signature !== this.signature(path, expiresAt, style)) {
      return "The request signature we calculated does not match the signature you provided.";
    }
    if (Date.now() > expiresAt || this.expired.has(signature)) return "Request has expired";
    return null;
  }

  /** From now on the URL with this query answers as expired. */
  expire(params: URLSearchParams): void {
    const signature = params.get("X-Amz-Signature") ?? params.get("Signature");
    if (signature) this.expired.add(signature);
  }

  private signature(path: string, expiresAt: number, style: SigningStyle): string {
    return createHmac("sha256", this.secret).update(`${style}\n${path}\n${expiresAt}`).digest("hex").slice(0, 64);
  }
}

function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** A short stable hex id derived from text (commit ids, blob ids, ETags). */
export function stableHex(text: string, length = 40): string {
  return createHash("sha1").update(text).digest("hex").slice(0, length);
}

export type SimCounters = {
  /** Downloads Civitai counted (each answer that got as far as the redirect), by version id. */
  civitaiDownloads: Map<number, number>;
  /** Downloads counted per caller (user key or "anonymous"), for the download limiter. */
  civitaiDownloadsByCaller: Map<string, number>;
  /** Hub calls in the current 5-minute window, by caller and bucket ("api" / "resolvers"). */
  hfCalls: Map<string, number>;
  hfWindowStartedAt: number;
};

export type SimState = {
  options: SimOptions;
  index: CatalogueIndex;
  bodies: BodyStore;
  faults: FaultBook;
  requests: SimRequest[];
  urls: SimUrls;
  presigner: Presigner;
  counters: SimCounters;
  /** How many times each storage object's ETag has changed (changeEtag fault). */
  etagGenerations: Map<string, number>;
  /** Requests each server has received and not yet answered to the end. */
  open: Record<SimServerName, number>;
  /** The record of each request being answered, so the storage can note its body's timing. */
  records: WeakMap<object, SimRequest>;
  /** The link all storage responses share (sharedBytesPerSecond), made when first needed. */
  link: SharedLink | null;
};

/** The shared link at the configured rate, or null when there is none. */
export function sharedLink(state: SimState): SharedLink | null {
  const rate = state.options.sharedBytesPerSecond;
  if (!rate) return null;
  if (state.link?.bytesPerSecond !== rate) state.link = new SharedLink(rate);
  return state.link;
}
