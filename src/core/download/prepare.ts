// Before a download waits for its slot: ask the source's own URL where the bytes are (Hugging Face's /resolve and
// Civitai's download endpoint answer with a redirect to storage), so the API's answer time is spent while other files
// move bytes, not inside the slot.
import { discard, type HttpClient } from "../net/http";
import { statusError } from "./transfer/response";

const REDIRECT = new Set([301, 302, 303, 307, 308]);
const MAX_SAME_HOST_HOPS = 5;

/**
 * The URL the bytes come from: the first redirect that leaves the source's host (same-host hops such as Hugging
 * Face's relative /api/resolve-cache redirects are followed). A source that serves the file itself is left as it is.
 * An error answer throws the engine's classified error, so its retry rules (Retry-After, give up on 404) apply.
 */
export async function prepareSource(http: HttpClient, origin: URL, signal: AbortSignal): Promise<URL> {
  let current = origin;
  for (let hop = 0; hop < MAX_SAME_HOST_HOPS; hop++) {
    // One byte if the source serves the file itself: the transfer asks again with its own range.
    const answer = await http.request(current, { redirect: "manual", signal, headers: { range: "bytes=0-0" } });
    await discard(answer.body);
    const location = answer.headers.location;
    if (REDIRECT.has(answer.status) && location) {
      const next = new URL(location, current);
      if (next.host !== current.host) return next;
      current = next;
      continue;
    }
    if (answer.status >= 200 && answer.status < 300) return current;
    throw statusError(answer);
  }
  return current;
}
