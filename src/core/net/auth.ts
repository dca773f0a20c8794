// API tokens and the only hosts each may be sent to.
import { CIVITAI_HOSTS, HUGGING_FACE_HOSTS, type UpstreamEndpoints } from "./endpoints";

export type ApiTokens = { civitai?: string | null; huggingface?: string | null };

function belongsTo(url: URL, hosts: string[], endpoint: URL): boolean {
  const hostname = url.hostname.toLowerCase();
  if (url.host === endpoint.host) return true;
  return hosts.some((host) => hostname === host || hostname === `www.${host}`);
}

/** The Authorization header for this URL, or null: a token never leaves its own service's hosts. */
export function authorizationFor(url: URL, tokens: ApiTokens, endpoints: UpstreamEndpoints): string | null {
  if (tokens.civitai && belongsTo(url, CIVITAI_HOSTS, endpoints.civitai)) return `Bearer ${tokens.civitai}`;
  if (tokens.huggingface && belongsTo(url, HUGGING_FACE_HOSTS, endpoints.huggingface)) return `Bearer ${tokens.huggingface}`;
  return null;
}

/** Hides tokens in any text that may reach a log, an error or the browser. */
export function redactSecrets(text: string, tokens: ApiTokens): string {
  let redacted = text.replace(/([?&]token=)[^&\s]+/gi, "$1***");
  for (const token of [tokens.civitai, tokens.huggingface]) {
    if (token) redacted = redacted.split(token).join("***");
  }
  return redacted;
}
