// The environment the engine reads, parsed once where a process starts (web app, worker, launcher, CLI) and passed
// in from there: core itself never reads process.env.
import { homedir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import type { ApiTokens } from "../net/auth";
import type { UpstreamEndpoints } from "../net/endpoints";
import { COMFYUI_MANAGER_MODEL_LIST } from "../resolve/manager-list";

export type RawEnv = Readonly<Record<string, string | undefined>>;

/** An empty variable means the same as an unset one (as `FOO= npm start` intends). */
const optional = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const endpoint = (fallback: string) =>
  optional
    .pipe(
      z
        .string()
        .url("must be a URL such as https://huggingface.co")
        .regex(/^https?:\/\//i, "must be an http(s) URL")
        .optional(),
    )
    .transform((value) => new URL(value ?? fallback));

const flag = optional
  .pipe(z.enum(["0", "1", "true", "false"], { message: 'must be "1" or "0"' }).optional())
  .transform((value) => value === "1" || value === "true");

const EngineEnvSchema = z.object({
  CIVITAI_BASE_URL: endpoint("https://civitai.com"),
  HF_ENDPOINT: endpoint("https://huggingface.co"),
  CIVITAI_API_TOKEN: optional,
  HF_TOKEN: optional,
  COMFYFIXER_ALLOWED_HOSTS: optional.transform((value) =>
    (value ?? "")
      .split(",")
      .map((host) => host.trim())
      .filter(Boolean),
  ),
  COMFYFIXER_ALLOW_PRIVATE_NETWORKS: flag,
  COMFYFIXER_CACHE_DIR: optional,
  XDG_CACHE_HOME: optional,
  COMFYUI_MODELS_DIR: optional,
  COMFYFIXER_MANAGER_MODEL_LIST: optional.pipe(
    z.union([z.enum(["off", "0"]), z.url('must be a URL or "off"').regex(/^https?:\/\//i, 'must be an http(s) URL or "off"')]).optional(),
  ),
});

export type EngineEnv = {
  /** Where Civitai and Hugging Face are (the real services unless a mirror or the simulator is configured). */
  endpoints: UpstreamEndpoints;
  /** Tokens from the environment; the server's saved tokens take their place there. */
  tokens: ApiTokens;
  /** COMFYFIXER_ALLOWED_HOSTS: download hosts added to the settings' list. */
  extraAllowedHosts: string[];
  /** COMFYFIXER_ALLOW_PRIVATE_NETWORKS=1: private addresses allowed for every URL. */
  allowPrivateNetworks: boolean;
  /** Where the CLI keeps its caches: COMFYFIXER_CACHE_DIR, else $XDG_CACHE_HOME/comfyfixer, else ~/.cache/comfyfixer. */
  cacheDir: string;
  /** COMFYUI_MODELS_DIR, the models folder when no other is given. */
  modelsDir: string | undefined;
  /** Model lists read besides the settings' own: ComfyUI-Manager's published list unless COMFYFIXER_MANAGER_MODEL_LIST says otherwise. */
  defaultModelLists: string[];
  /** Every variable, for `$VAR` in extra_model_paths.yaml (ComfyUI expands them with os.path.expandvars). */
  variables: RawEnv;
};

export class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvError";
  }
}

/** Parses the engine's variables; throws EnvError naming each bad one and what it should be. */
export function parseEngineEnv(env: RawEnv): EngineEnv {
  const parsed = EngineEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new EnvError(`The environment is not valid: ${problems.join("; ")}.`);
  }
  const values = parsed.data;
  return {
    endpoints: { civitai: values.CIVITAI_BASE_URL, huggingface: values.HF_ENDPOINT },
    tokens: { civitai: values.CIVITAI_API_TOKEN ?? null, huggingface: values.HF_TOKEN ?? null },
    extraAllowedHosts: values.COMFYFIXER_ALLOWED_HOSTS,
    allowPrivateNetworks: values.COMFYFIXER_ALLOW_PRIVATE_NETWORKS,
    cacheDir: values.COMFYFIXER_CACHE_DIR ?? join(values.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "comfyfixer"),
    modelsDir: values.COMFYUI_MODELS_DIR,
    defaultModelLists:
      values.COMFYFIXER_MANAGER_MODEL_LIST === "off" || values.COMFYFIXER_MANAGER_MODEL_LIST === "0"
        ? []
        : [values.COMFYFIXER_MANAGER_MODEL_LIST ?? COMFYUI_MANAGER_MODEL_LIST],
    variables: { ...env },
  };
}
