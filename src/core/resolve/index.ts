// Resolution of missing models to download URLs: the public API used by the worker and the CLI.
export { createResolver } from "./resolver";
export { createFileSearchCache, createMemorySearchCache, type FileSearchCache, type SearchCacheLimits } from "./cache";
export { CIVITAI_TYPES_BY_FOLDER, civitaiTypesFor } from "./civitai-types";
export type { ModelLink, ResolveOptions, Resolver, ResolverOptions, ResolverStats, SearchCache } from "./types";
