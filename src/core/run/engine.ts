// The parts a run works with, built once per run: one host policy, one HTTP client (one connection pool, one token
// rule), one hasher, the resolver and the downloader on top of them.
import type { LogLevel, Settings } from "../config/schema";
import type { EngineEnv } from "../config/env";
import { createDownloader } from "../download/downloader";
import { createStorageLocator } from "../download/storage-locator";
import type { Downloader, TargetLock } from "../download/types";
import { createHasher } from "../hashing/hasher";
import type { ApiTokens } from "../net/auth";
import { hostPolicyFor } from "../net/host-policy";
import { createHttpClient } from "../net/http";
import { createResolver } from "../resolve/resolver";
import type { Resolver, SearchCache } from "../resolve/types";

export const USER_AGENT = "ComfyFixer/0.1 (+https://github.com/comfyfixer)";

export type Engine = { resolver: Resolver; downloader: Downloader; close(): Promise<void> };

export type EngineOptions = {
  settings: Settings;
  env: Pick<EngineEnv, "endpoints" | "extraAllowedHosts" | "allowPrivateNetworks" | "defaultModelLists">;
  /** The tokens to use: the environment's in the CLI, the saved ones on a server. */
  tokens: ApiTokens;
  searchCache: SearchCache;
  /** Default: lock files beside the targets. */
  targetLock?: TargetLock;
  log(level: LogLevel, message: string): void;
};

export function createEngine(options: EngineOptions): Engine {
  const { settings, env, tokens } = options;
  const policy = hostPolicyFor(settings.download, env);
  const http = createHttpClient({ policy, tokens, endpoints: env.endpoints, userAgent: USER_AGENT });
  const hasher = createHasher();
  // What the resolver learns of storage URLs goes to the downloads that follow it.
  const storage = createStorageLocator(http, { askTimeoutMs: settings.download.civitai_api_timeout * 1000 });
  const resolver = createResolver({
    settings,
    http,
    policy,
    tokens,
    endpoints: env.endpoints,
    cache: options.searchCache,
    defaultModelLists: env.defaultModelLists,
    log: options.log,
    storage,
  });
  const downloader = createDownloader({ settings: settings.download, http, hasher, storage, lock: options.targetLock, log: options.log });
  return {
    resolver,
    downloader,
    async close() {
      await Promise.all([downloader.close(), hasher.close(), http.close()]);
    },
  };
}
