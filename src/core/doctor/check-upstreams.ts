// `comfyfixer doctor` and the settings page's check: can this install reach the configured Hugging Face and Civitai,
// are their tokens accepted (and for which account), may downloads follow their storage redirects, and how long an
// answer takes. Never prints a token. Runs on the engine's one HTTP client, so it sees what a run would see.
import { isIP } from "node:net";
import { z } from "zod";
import { errorMessage } from "../error-message";
import type { ApiTokens } from "../net/auth";
import { endpointUrl, type UpstreamEndpoints } from "../net/endpoints";
import { isHostAllowed, type HostPolicy } from "../net/host-policy";
import { discard, type HttpClient } from "../net/http";

export const StorageCheckSchema = z.object({
  host: z.string(),
  allowed: z.boolean(),
  /** "documented": a host the service's docs or code name; "redirect": where a live /resolve answer pointed. */
  seen: z.enum(["documented", "redirect"]),
});

export const ServiceCheckSchema = z.object({
  service: z.enum(["huggingface", "civitai"]),
  endpoint: z.string(),
  reachable: z.boolean(),
  /** Status of the check request, when one came back. */
  status: z.number().nullable(),
  roundTripMs: z.number().nullable(),
  problem: z.string().nullable(),
  token: z.object({
    configured: z.boolean(),
    /** null when no token is set or the service could not say. */
    accepted: z.boolean().nullable(),
    account: z.string().nullable(),
    detail: z.string(),
  }),
  /** The quota the service reports (Hugging Face's RateLimit header), if any. */
  rateLimit: z.string().nullable(),
  storage: z.array(StorageCheckSchema),
});
export type ServiceCheck = z.infer<typeof ServiceCheckSchema>;

export const DoctorReportSchema = z.object({ checkedAt: z.string(), ok: z.boolean(), services: z.array(ServiceCheckSchema) });
export type DoctorReport = z.infer<typeof DoctorReportSchema>;

export type DoctorOptions = {
  http: HttpClient;
  policy: HostPolicy;
  endpoints: UpstreamEndpoints;
  tokens: ApiTokens;
  timeoutMs?: number;
  /** A public Hub file whose /resolve redirect shows the storage host (default: Comfy-Org's Wan 2.1 VAE). */
  hubProbe?: { repo: string; path: string };
  now?: () => number;
};

/** Storage hosts the Hub's docs list for downloads (huggingface/hub-docs docs/hub/models-downloading.md:93-103). */
const HF_STORAGE_HOSTS = [
  "cdn-lfs-us-1.hf.co",
  "cdn-lfs-eu-1.hf.co",
  "us.aws.cdn.hf.co",
  "us.gcp.cdn.hf.co",
  "cas-bridge.xethub.hf.co",
  "transfer.xethub.hf.co",
];
/** Civitai's storage: R2 (civitai/civitai#975) and Backblaze behind b2.civitai.com (civitai/civitai#2113). */
const CIVITAI_STORAGE_HOSTS = ["civitai-delivery-worker-prod.5ac0637cfd0766c97916cefa3764fbdf.r2.cloudflarestorage.com", "b2.civitai.com"];
const DEFAULT_HUB_PROBE = { repo: "Comfy-Org/Wan_2.1_ComfyUI_repackaged", path: "split_files/vae/wan_2.1_vae.safetensors" };

type Answer = { status: number; headers: Record<string, string>; body: unknown; ms: number };

async function ask(options: DoctorOptions, url: URL, method: "GET" | "HEAD" = "GET"): Promise<Answer> {
  const started = (options.now ?? performance.now.bind(performance))();
  const response = await options.http.request(url, {
    method,
    redirect: "manual",
    headers: { accept: "application/json" },
    signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
  });
  const ms = Math.round((options.now ?? performance.now.bind(performance))() - started);
  if (method === "HEAD" || !/json/i.test(response.headers["content-type"] ?? "")) {
    await discard(response.body);
    return { status: response.status, headers: response.headers, body: null, ms };
  }
  const text = await response.body.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON after all: keep the text
  }
  return { status: response.status, headers: response.headers, body, ms };
}

type StorageCheck = z.infer<typeof StorageCheckSchema>;

const documented = (hosts: string[], policy: HostPolicy): StorageCheck[] =>
  hosts.map((host) => ({ host, allowed: isHostAllowed(new URL(`https://${host}/`), policy), seen: "documented" }));

function unreachable(service: ServiceCheck["service"], endpoint: URL, tokenSet: boolean, error: unknown, options: DoctorOptions): ServiceCheck {
  return {
    service,
    endpoint: endpoint.origin,
    reachable: false,
    status: null,
    roundTripMs: null,
    problem: `${endpoint.host} could not be reached: ${options.http.redact(errorMessage(error))}`,
    token: { configured: tokenSet, accepted: null, account: null, detail: tokenSet ? "not checked: the service did not answer" : "no token set" },
    rateLimit: null,
    storage: [],
  };
}

const isChallenge = (answer: Answer) => answer.status === 403 && answer.headers["cf-mitigated"]?.toLowerCase() === "challenge";
const challengeProblem = (host: string) =>
  `${host} answered with Cloudflare's bot check (403, cf-mitigated: challenge): try again later or from another network`;

async function checkHuggingFace(options: DoctorOptions): Promise<ServiceCheck> {
  const base = options.endpoints.huggingface;
  const tokenSet = Boolean(options.tokens.huggingface);
  // With a token, whoami-v2 both reaches the Hub and names the token's account (huggingface.js lib/who-am-i.ts).
  const url = tokenSet ? endpointUrl(base, "/api/whoami-v2") : endpointUrl(base, "/api/models?limit=1");
  let answer: Answer;
  try {
    answer = await ask(options, url);
  } catch (error) {
    return unreachable("huggingface", base, tokenSet, error, options);
  }
  const who = answer.body as { name?: string; auth?: { accessToken?: { role?: string } } } | null;
  const message = answer.headers["x-error-message"] ?? (answer.body as { error?: string } | null)?.error;
  const token: ServiceCheck["token"] = !tokenSet
    ? { configured: false, accepted: null, account: null, detail: "no HF_TOKEN: gated and private repos cannot be downloaded" }
    : answer.status === 200
      ? {
          configured: true,
          accepted: true,
          account: who?.name ?? null,
          detail: `accepted for ${who?.name ?? "an account"}${who?.auth?.accessToken?.role ? ` (token role: ${who.auth.accessToken.role})` : ""}`,
        }
      : answer.status === 401
        ? { configured: true, accepted: false, account: null, detail: `Hugging Face rejected HF_TOKEN (invalid or expired)${message ? `: "${message}"` : ""}` }
        : { configured: true, accepted: null, account: null, detail: `the token check answered ${answer.status}` };
  const storage = documented(HF_STORAGE_HOSTS, options.policy);
  // A mirror's own storage (hf-mirror.com → cas-bridge.xethub.hf-mirror.com, padeoe/hf-mirror-site#51).
  if (!/(^|\.)(huggingface|hf)\.co$/.test(base.hostname) && isIP(base.hostname.replace(/^\[|\]$/g, "")) === 0 && base.hostname.includes(".")) {
    storage.push(...documented([`cas-bridge.xethub.${base.hostname.replace(/^www\./, "")}`], options.policy));
  }
  const probe = options.hubProbe ?? DEFAULT_HUB_PROBE;
  try {
    const resolved = await ask(options, endpointUrl(base, `/${probe.repo}/resolve/main/${probe.path.split("/").map(encodeURIComponent).join("/")}`), "HEAD");
    const location = resolved.headers.location ? new URL(resolved.headers.location, base) : null;
    if (location && location.host !== base.host) storage.unshift({ host: location.host, allowed: isHostAllowed(location, options.policy), seen: "redirect" });
  } catch {
    // The redirect check is a bonus: the documented hosts above still say what the policy allows.
  }
  const reachable = answer.status < 500 && !isChallenge(answer);
  return {
    service: "huggingface",
    endpoint: base.origin,
    reachable,
    status: answer.status,
    roundTripMs: answer.ms,
    problem: isChallenge(answer) ? challengeProblem(base.host) : answer.status >= 500 ? `${base.host} answered ${answer.status}` : null,
    token,
    rateLimit: answer.headers.ratelimit
      ? `${answer.headers.ratelimit}${answer.headers["ratelimit-policy"] ? ` (${answer.headers["ratelimit-policy"]})` : ""}`
      : null,
    storage,
  };
}

async function checkCivitai(options: DoctorOptions): Promise<ServiceCheck> {
  const base = options.endpoints.civitai;
  const tokenSet = Boolean(options.tokens.civitai);
  // /api/v1/me is Civitai's key check (src/pages/api/v1/me.ts): 401 for a missing or unknown key. Without a key,
  // /api/v1/enums is its cheapest public answer. A download probe would count as a download, so none is made.
  const url = tokenSet ? endpointUrl(base, "/api/v1/me") : endpointUrl(base, "/api/v1/enums");
  let answer: Answer;
  try {
    answer = await ask(options, url);
  } catch (error) {
    return unreachable("civitai", base, tokenSet, error, options);
  }
  const me = answer.body as { username?: string; status?: string } | null;
  const token: ServiceCheck["token"] = !tokenSet
    ? { configured: false, accepted: null, account: null, detail: "no CIVITAI_API_TOKEN: files whose creators require a login cannot be downloaded" }
    : answer.status === 200
      ? {
          configured: true,
          accepted: true,
          account: me?.username ?? null,
          detail: `accepted for ${me?.username ?? "an account"}${me?.status && me.status !== "active" ? ` (account ${me.status})` : ""}`,
        }
      : answer.status === 401
        ? {
            configured: true,
            accepted: false,
            account: null,
            detail: "Civitai did not accept CIVITAI_API_TOKEN (unknown, expired or revoked key): downloads will be anonymous",
          }
        : { configured: true, accepted: null, account: null, detail: `the key check answered ${answer.status}` };
  const challenge = isChallenge(answer);
  return {
    service: "civitai",
    endpoint: base.origin,
    reachable: !challenge && answer.status < 500,
    status: answer.status,
    roundTripMs: answer.ms,
    problem: challenge ? challengeProblem(base.host) : answer.status >= 500 ? `${base.host} answered ${answer.status}` : null,
    token: challenge ? { ...token, accepted: null, detail: "not checked: Cloudflare's bot check answered instead" } : token,
    rateLimit: null,
    storage: documented(CIVITAI_STORAGE_HOSTS, options.policy),
  };
}

/** Both services at once; `ok` when both answer, any token set is accepted, and their storage hosts are allowed. */
export async function checkUpstreams(options: DoctorOptions): Promise<DoctorReport> {
  const services = await Promise.all([checkHuggingFace(options), checkCivitai(options)]);
  const ok = services.every((service) => service.reachable && service.token.accepted !== false && service.storage.every((host) => host.allowed));
  return { checkedAt: new Date().toISOString(), ok, services };
}
