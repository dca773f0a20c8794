// The engine's one HTTP client, pointed at the user's own ComfyUI and trusting that host alone.
import { createHttpClient, discard, type HttpClient } from "../net/http";

const REQUEST_TIMEOUT_MS = 15_000;

export type ComfyUIClient = {
  /** The server's root, ending in `/`. */
  readonly baseUrl: string;
  /** The route's JSON body; null when the server answers anything but 2xx (ComfyUI answers 404 for routes a build lacks). */
  getJson(path: string, signal?: AbortSignal): Promise<unknown | null>;
  close(): Promise<void>;
};

export class ComfyUIUnreachableError extends Error {
  constructor(baseUrl: string, cause: unknown) {
    super(`Cannot reach ComfyUI at ${baseUrl} (${(cause as Error).message}); check that it is running and the URL is right.`);
    this.name = "ComfyUIUnreachableError";
  }
}

/**
 * The user's ComfyUI is usually on loopback or the LAN, so its host is trusted as configured; nothing else is reachable
 * through this client and no token is ever sent. One client (one connection pool) serves every request of a task.
 */
export function createComfyUIClient(baseUrl: string): ComfyUIClient {
  const root = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  const base = new URL(root);
  const http: HttpClient = createHttpClient({
    policy: { allowedHosts: [], trustedHosts: [base.host], allowPrivateNetworks: false },
    tokens: {},
    endpoints: { civitai: base, huggingface: base },
    userAgent: "ComfyFixer",
  });
  return {
    baseUrl: root,
    async getJson(path, signal) {
      const url = new URL(path.replace(/^\//, ""), root);
      const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
      let response;
      try {
        response = await http.request(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout, headers: { accept: "application/json" } });
      } catch (error) {
        signal?.throwIfAborted();
        throw new ComfyUIUnreachableError(root, error);
      }
      if (response.status < 200 || response.status >= 300) {
        await discard(response.body);
        return null;
      }
      try {
        return await response.body.json();
      } catch {
        return null;
      }
    },
    close: () => http.close(),
  };
}
