// The resolver's public contract: what it needs, what it answers, and the cache it answers from.
import type { LogLevel, Settings } from "../config/schema";
import type { ModelRef, Resolution, ResolutionSource } from "../model";
import type { ApiTokens, UpstreamEndpoints } from "../net";

/** A URL (and maybe a hash) a workflow gives for a model file, e.g. from `properties.models[]`. */
export type ModelLink = {
  name: string;
  url: string | null;
  hash?: { type: string; value: string } | string | null;
  folder?: string | null;
};

/** Every upstream answer is kept here; TTL, on/off switch and size cap are the store's business. */
export type SearchCache = {
  get(key: string): Promise<unknown | undefined>;
  set(key: string, value: unknown): Promise<void>;
};

export type ResolverLogLevel = LogLevel;

export type ResolverOptions = {
  settings: Settings;
  tokens: ApiTokens;
  endpoints: UpstreamEndpoints;
  cache: SearchCache;
  links?: ModelLink[];
  log?: (level: ResolverLogLevel, message: string) => void;
};

export type ResolverStats = {
  cacheHits: number;
  cacheMisses: number;
  requests: number;
  byHost: Record<string, number>;
};

export type ResolveOptions = {
  /** Sources not to ask: a workflow's or a list's link that already failed to download. */
  skipSources?: readonly ResolutionSource[];
};

export type Resolver = {
  resolve(ref: ModelRef, signal?: AbortSignal, options?: ResolveOptions): Promise<Resolution>;
  stats(): ResolverStats;
};
