// What the three simulated servers share: options, the indexed catalogue, bodies, faults and presigning.
import { createHash, createHmac, randomBytes } from "node:crypto";
import {
  civitaiFileSeed,
  hfFileSeed,
  type SimCatalogue,
  type SimCivitaiFile,
  type SimCivitaiModel,
  type SimCivitaiVersion,
  type SimHfFile,
  type SimHfRepo,
} from "./catalogue";
import { BodyStore, type SimBody } from "./body";
import { FaultBook, type SimServerName } from "./faults";

export type SimOptions = {
  catalogue: SimCatalogue;
  /** Delay before every answer, on every server. */
  latencyMs?: number;
  /** Storage bandwidth cap for each response (unset: as fast as possible). */
  bytesPerSecondPerConnection?: number;
  /** The Civitai API token that counts as logged in. */
  civitaiToken?: string;
  /** The Hugging Face token that counts as valid; any other bearer token is "invalid credentials". */
  hfToken?: string;
  /** Lifetime of presigned storage URLs (default one hour). */
  presignTtlMs?: number;
  /** Every Civitai download needs the token, not only files marked requiresAuth. */
  requireCivitaiTokenForDownloads?: boolean;
  /** Listen on portBase (Civitai), portBase+1 (HF), portBase+2 (storage) instead of free ports. */
  portBase?: number;
};

export type SimRequest = {
  server: SimServerName;
  method: string;
  /** Path and query as received. */
  path: string;
  headers: Record<string, string>;
};

export type SimUrls = { civitaiUrl: string; hfUrl: string; storageUrl: string };

export type CivitaiFileEntry = { model: SimCivitaiModel; version: SimCivitaiVersion; file: SimCivitaiFile };
export type CivitaiVersionEntry = { model: SimCivitaiModel; version: SimCivitaiVersion };

/** Lookups over the catalogue, rebuilt whenever the catalogue is replaced. */
export class CatalogueIndex {
  readonly catalogue: SimCatalogue;
  private readonly versions = new Map<number, CivitaiVersionEntry>();
  private readonly civitaiFiles = new Map<number, CivitaiFileEntry>();
  private readonly repos = new Map<string, SimHfRepo>();
  private civitaiHashes: Map<string, CivitaiFileEntry> | null = null;

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
    for (const repo of catalogue.huggingface.repos) this.repos.set(repo.id.toLowerCase(), repo);
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

  /** By SHA-256 or AutoV2, case-insensitive. Hashes every file once, on first use. */
  civitaiFileByHash(hash: string): CivitaiFileEntry | undefined {
    if (!this.civitaiHashes) {
      this.civitaiHashes = new Map();
      for (const entry of this.civitaiFiles.values()) {
        const digest = this.civitaiBody(entry.file).digest();
        for (const key of [digest.sha256, digest.autoV2, digest.crc32]) {
          const lower = key.toLowerCase();
          if (!this.civitaiHashes.has(lower)) this.civitaiHashes.set(lower, entry);
        }
      }
    }
    return this.civitaiHashes.get(hash.toLowerCase());
  }

  hfRepo(id: string): SimHfRepo | undefined {
    return this.repos.get(id.toLowerCase());
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

/** Signs storage paths with an expiry, as S3/R2 presigned URLs do. */
export class Presigner {
  private readonly secret = randomBytes(16);

  constructor(private readonly ttlMs: () => number) {}

  /** A query string granting access to `path` until now + TTL. */
  query(path: string, fileName: string): string {
    const ttl = this.ttlMs();
    const expiresAt = Date.now() + ttl;
    const params = new URLSearchParams({
      "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
      "X-Amz-Date": amzDate(new Date()),
      "X-Amz-Expires": String(Math.max(1, Math.ceil(ttl / 1000))),
      "X-Sim-Expires-At": String(expiresAt),
      "response-content-disposition": `attachment; filename="${fileName}"`,
    });
    params.set("sig", this.signature(path, expiresAt));
    return params.toString();
  }

  /** Why a presigned URL is refused, or null when it is valid. */
  refusal(path: string, params: URLSearchParams): string | null {
    const expiresAt = Number(params.get("X-Sim-Expires-At"));
    const signature = params.get("sig");
    if (!signature || !Number.isFinite(expiresAt) || signature !== this.signature(path, expiresAt)) {
      return "The request signature we calculated does not match the signature you provided.";
    }
    if (Date.now() > expiresAt) return "Request has expired";
    return null;
  }

  private signature(path: string, expiresAt: number): string {
    return createHmac("sha256", this.secret).update(`${path}\n${expiresAt}`).digest("hex").slice(0, 32);
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

export type SimState = {
  options: SimOptions;
  index: CatalogueIndex;
  bodies: BodyStore;
  faults: FaultBook;
  requests: SimRequest[];
  urls: SimUrls;
  presigner: Presigner;
  /** How many times each storage object's ETag has changed (changeEtag fault). */
  etagGenerations: Map<string, number>;
};
