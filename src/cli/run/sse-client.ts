// Follows a run's server-sent events, reconnecting with Last-Event-ID so nothing is missed.
import type { RunEvent } from "../../core/events";
import { backoffDelayMs, sleep } from "../../core/net/retry";

export type SseFollowOptions = {
  url: string;
  onEvent(event: RunEvent): void;
  onReconnect?(error: unknown): void;
  signal: AbortSignal;
  maxAttempts?: number;
};

/** Splits an SSE byte stream into messages (blank-line separated) and hands each on. */
async function readMessages(body: ReadableStream<Uint8Array>, onMessage: (fields: Map<string, string>) => void) {
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let boundary: number;
    while ((boundary = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      const fields = new Map<string, string>();
      for (const line of block.split("\n")) {
        if (!line || line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const name = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        fields.set(name, fields.has(name) ? `${fields.get(name)}\n${value}` : value);
      }
      if (fields.size > 0) onMessage(fields);
    }
  }
}

/** Resolves when the server sends the end event; retries dropped connections from the last seen id. */
export async function followRunEvents(options: SseFollowOptions): Promise<void> {
  let lastId = 0;
  let failures = 0;
  for (;;) {
    let ended = false;
    try {
      const response = await fetch(options.url, {
        headers: { Accept: "text/event-stream", ...(lastId ? { "Last-Event-ID": String(lastId) } : {}) },
        signal: options.signal,
      });
      if (!response.ok || !response.body) throw new Error(`the server answered ${response.status} for the event stream`);
      await readMessages(response.body, (fields) => {
        if (fields.get("event") === "end") {
          ended = true;
          return;
        }
        const data = fields.get("data");
        if (!data) return;
        const event = JSON.parse(data) as RunEvent;
        lastId = Math.max(lastId, event.seq);
        failures = 0;
        options.onEvent(event);
      });
      if (ended) return;
      throw new Error("the event stream closed early");
    } catch (error) {
      if (options.signal.aborted) throw error;
      failures++;
      if (failures > (options.maxAttempts ?? 30)) throw error;
      options.onReconnect?.(error);
      await sleep(backoffDelayMs(Math.min(failures, 5), { baseMs: 500, capMs: 10_000 }), options.signal);
    }
  }
}
