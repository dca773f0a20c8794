// Where the upstream services live: real hosts by default, a mirror or the simulator when the operator says so.
export type UpstreamEndpoints = { civitai: URL; huggingface: URL };

export const CIVITAI_HOSTS = ["civitai.com", "civitai.red"];
export const HUGGING_FACE_HOSTS = ["huggingface.co", "hf.co"];

/** Joins an API path onto a base URL that may itself carry a path prefix (a mirror under /hf/). */
export function endpointUrl(base: URL, path: string): URL {
  const prefix = base.pathname.replace(/\/+$/, "");
  return new URL(prefix + (path.startsWith("/") ? path : `/${path}`), base.origin);
}

/**
 * A Civitai or Hugging Face URL moved onto the configured endpoint, as Hugging Face's own tools do with HF_ENDPOINT:
 * a workflow's huggingface.co link then goes to the team's mirror (or the simulator). When the endpoint is one of the
 * service's own hosts, a link stays on the host it names: civitai.com and civitai.red serve one deployment, but for a
 * day in 2026-04 the API on civitai.com was SFW-only (civitai/civitai 9ac02bc395), so a .red link is kept. Other URLs,
 * and links that are not http(s) (an `ftp://huggingface.co/…` must stay refused, not become an http download), are
 * unchanged.
 */
export function onConfiguredEndpoint(url: string, endpoints: UpstreamEndpoints): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return url;
  const hostname = parsed.hostname.toLowerCase().replace(/^www\./, "");
  const hosts = CIVITAI_HOSTS.includes(hostname) ? CIVITAI_HOSTS : HUGGING_FACE_HOSTS.includes(hostname) ? HUGGING_FACE_HOSTS : null;
  const endpoint = hosts === CIVITAI_HOSTS ? endpoints.civitai : hosts ? endpoints.huggingface : null;
  if (!hosts || !endpoint || endpoint.host === parsed.host) return url;
  if (hosts.includes(endpoint.hostname.toLowerCase().replace(/^www\./, "")) && endpoint.protocol === "https:") return url;
  return endpointUrl(endpoint, parsed.pathname).toString() + parsed.search + parsed.hash;
}
