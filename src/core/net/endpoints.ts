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
 * a workflow's huggingface.co link then goes to the team's mirror (or the simulator). Other URLs are unchanged.
 */
export function onConfiguredEndpoint(url: string, endpoints: UpstreamEndpoints): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const hostname = parsed.hostname.toLowerCase().replace(/^www\./, "");
  const endpoint = CIVITAI_HOSTS.includes(hostname) ? endpoints.civitai : HUGGING_FACE_HOSTS.includes(hostname) ? endpoints.huggingface : null;
  if (!endpoint || endpoint.host === parsed.host) return url;
  return endpointUrl(endpoint, parsed.pathname).toString() + parsed.search + parsed.hash;
}
