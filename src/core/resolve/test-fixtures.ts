// Shared set-up for resolver tests: the upstream simulator, settings that reach it, and model references.
import { defaultSettings, mergeSettings, type Settings, type SettingsPatch } from "../config/settings";
import type { ModelRef } from "../model";
import type { ApiTokens } from "../net";
import { startUpstreamSim, type SimCatalogue, type SimOptions, type UpstreamSim } from "../../../tools/upstream-sim";
import { juggernautModel, lockedStylesModel } from "../../../tools/upstream-sim/test-support";
import { createMemorySearchCache, type SearchCacheLimits } from "./cache";
import { createResolver } from "./resolver";
import type { ModelLink, Resolver, ResolverLogLevel, SearchCache } from "./types";

export function testSettings(patch: SettingsPatch = {}): Settings {
  const base = defaultSettings();
  return mergeSettings(base, {
    ...patch,
    download: {
      retries: 2,
      civitai_api_timeout: 10,
      // The simulator's storage host is "localhost" while its APIs are 127.0.0.1.
      allowed_hosts: [...base.download.allowed_hosts, "localhost"],
      allow_private_networks: true,
      ...patch.download,
    },
  });
}

export function modelRef(name: string, folder: string, extra: Partial<ModelRef> = {}): ModelRef {
  return { name, folder, nodeType: "Loader", nodeId: "1", workflow: "test.json", url: null, hash: null, active: true, ...extra };
}

export type TestResolver = Resolver & { logs: Array<{ level: ResolverLogLevel; message: string }>; cache: SearchCache };

export function resolverFor(
  sim: Pick<UpstreamSim, "civitaiUrl" | "hfUrl">,
  options: { tokens?: ApiTokens; settings?: Settings; links?: ModelLink[]; cache?: SearchCache; cacheLimits?: Partial<SearchCacheLimits> } = {},
): TestResolver {
  const logs: TestResolver["logs"] = [];
  const cache = options.cache ?? createMemorySearchCache({ enabled: true, ttlHours: 24, maxSizeMb: 10, ...options.cacheLimits });
  const resolver = createResolver({
    settings: options.settings ?? testSettings(),
    tokens: options.tokens ?? {},
    endpoints: { civitai: new URL(sim.civitaiUrl), huggingface: new URL(sim.hfUrl) },
    cache,
    links: options.links,
    log: (level, message) => logs.push({ level, message }),
  });
  return Object.assign(resolver, { logs, cache });
}

export function startSim(catalogue: SimCatalogue, options: Partial<SimOptions> = {}): Promise<UpstreamSim> {
  return startUpstreamSim({ catalogue, ...options });
}

const KiB = 1024;

/** A small catalogue covering every resolver path. */
export function resolverCatalogue(): SimCatalogue {
  return {
    civitai: {
      models: [
        juggernautModel(300 * KiB + 7),
        lockedStylesModel(),
        {
          id: 3,
          name: "Detail Tweaker",
          type: "LORA",
          modelVersions: [{ id: 31, name: "v1", baseModel: "SD 1.5", files: [{ id: 311, name: "add_detail.safetensors", size: 12 * KiB }] }],
        },
      ],
    },
    huggingface: {
      repos: [
        {
          id: "sim-labs/flux-vae",
          files: [
            { path: "split_files/vae/ae.safetensors", size: 20 * KiB },
            { path: "README.md", size: 100 },
          ],
        },
        { id: "sim-labs/clip_l", files: [{ path: "clip_l.safetensors", size: 8 * KiB }] },
        { id: "other-org/clip_l-encoders", files: [{ path: "encoders/clip_l.safetensors", size: 9 * KiB }] },
        { id: "gated-org/gated-model", gated: "manual", files: [{ path: "gated-model.safetensors", size: 6 * KiB }] },
        { id: "gated-org/gated-unaccepted", gated: "auto", licenseAccepted: false, files: [{ path: "gated-unaccepted.safetensors", size: 6 * KiB }] },
        { id: "sim-labs/4x-upscaler", files: [{ path: "4x_Upscaler.pth", size: 5 * KiB }] },
      ],
    },
  };
}
