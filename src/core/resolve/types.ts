// The resolver's public contract: what it needs, what it answers, and the cache it answers from.
import type { LogLevel, Settings } from "../config/schema";
import type { StorageLocator } from "../download/types";
import type { ModelLink, ModelRef, Resolution, ResolutionSource } from "../model";
import type { ApiTokens } from "../net/auth";
import type { UpstreamEndpoints } from "../net/endpoints";
import type { HostPolicy } from "../net/host-policy";
import type { HttpClient } from "../net/http";
import type { KnownModelsIndex } from "./known-models/index-data";

/** Every upstream answer is kept here; TTL, on/off switch and size cap are the store's business. */
export type SearchCache = {
  get(key: string): Promise<unknown | undefined>;
  set(key: string, value: unknown): Promise<void>;
};

export type ResolverLogLevel = LogLevel;

export type ResolverOptions = {
  settings: Settings;
  /** The engine's HTTP client: it holds the host policy and the tokens' one rule. */
  http: HttpClient;
  policy: HostPolicy;
  tokens: ApiTokens;
  endpoints: UpstreamEndpoints;
  cache: SearchCache;
  /** The known-models index to consult before any search (default: the shipped config/known-models.json). */
  knownModels?: KnownModelsIndex;
  /** Model lists read besides the settings' own: ComfyUI-Manager's published list, unless switched off. */
  defaultModelLists?: readonly string[];
  log?: (level: ResolverLogLevel, message: string) => void;
  /** Where storage URLs seen or asked ahead go, for the downloads that follow (the engine shares it with its downloader). */
  storage?: StorageAhead;
};

/** The part of the download engine's storage locator a resolver uses. */
export type StorageAhead = Pick<StorageLocator, "prefetch" | "remember">;

export type ResolverStats = {
  cacheHits: number;
  cacheMisses: number;
  requests: number;
  byHost: Record<string, number>;
};

export type ResolveOptions = {
  /** The links the run's workflows give for this file's name (properties.models, top-level models lists). */
  links?: readonly ModelLink[];
  /** Sources not to ask: a workflow's or a list's link that already failed to download. */
  skipSources?: readonly ResolutionSource[];
  /** A download follows a resolved file: learn where its bytes are while resolving (see StorageLocator). */
  prepareDownload?: boolean;
};

export type Resolver = {
  resolve(ref: ModelRef, signal?: AbortSignal, options?: ResolveOptions): Promise<Resolution>;
  stats(): ResolverStats;
};
