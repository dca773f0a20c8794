// Follows a run's server-sent events, reconnecting with Last-Event-ID so nothing is missed.
import { createParser } from "eventsource-parser";
import { RunEventSchema, type RunEvent } from "../../core/events";
import { backoffDelayMs, sleep } from "../../core/net/retry";

export type SseFollowOptions = {
  url: string;
  /** Sent with every (re)connection, e.g. the API key. */
  headers?: Record<string, string>;
  onEvent(event: RunEvent): void;
  onReconnect?(error: unknown): void;
  signal: AbortSignal;
  maxAttempts?: number;
};

/** The server refused the stream (no or a revoked API key): reconnecting would not help. */
export class StreamRefusedError extends Error {
  constructor(
    readonly status: number,
    body: string,
  ) {
    super(`the server refused the event stream (${status}): ${body.slice(0, 300)}`);
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
        headers: { ...options.headers, Accept: "text/event-stream", ...(lastId ? { "Last-Event-ID": String(lastId) } : {}) },
        signal: options.signal,
      });
      if (response.status === 401 || response.status === 403) throw new StreamRefusedError(response.status, await response.text());
      if (!response.ok || !response.body) throw new Error(`the server answered ${response.status} for the event stream`);
      const parser = createParser({
        onEvent(message) {
          if (message.event === "end") {
            ended = true;
            return;
          }
          const event = RunEventSchema.safeParse(JSON.parse(message.data));
          if (!event.success) return;
          lastId = Math.max(lastId, event.data.seq);
          failures = 0;
          options.onEvent(event.data);
        },
      });
      const decoder = new TextDecoder();
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        parser.feed(decoder.decode(chunk, { stream: true }));
        if (ended) return;
      }
      throw new Error("the event stream closed early");
    } catch (error) {
      if (options.signal.aborted || error instanceof StreamRefusedError) throw error;
      failures++;
      if (failures > (options.maxAttempts ?? 30)) throw error;
      options.onReconnect?.(error);
      await sleep(backoffDelayMs(Math.min(failures, 5), { baseMs: 500, capMs: 10_000 }), options.signal);
    }
  }
}
