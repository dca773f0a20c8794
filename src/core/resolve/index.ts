// Resolution of missing models to download URLs.
export { createResolver } from "./resolver";
export { createFileSearchCache, createMemorySearchCache, type FileSearchCache, type SearchCacheLimits } from "./cache";
export { CIVITAI_TYPES_BY_FOLDER, civitaiTypesFor } from "./civitai-types";
export type { ResolveOptions, Resolver, ResolverOptions, ResolverStats, SearchCache } from "./types";
