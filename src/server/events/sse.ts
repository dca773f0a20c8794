// A run's events as a server-sent-event stream: listen first, then backfill from the database,
// then follow live; `id:` is the event's seq so Last-Event-ID resumes without gaps.
import { isFinalEvent, type RunEvent } from "../../core/events";
import type { Db } from "../db/client";
import { readRunEvents } from "./publish";
import type { RunEventNotice, RunEventRelay } from "./relay";
import { errorMessage } from "../../core/error-message";

export const SSE_HEARTBEAT_MS = 15_000;

export type RunEventStreamOptions = {
  db: Db;
  relay: RunEventRelay;
  runId: string;
  afterSeq: number;
  heartbeatMs?: number;
  signal?: AbortSignal;
};

export function formatSseEvent(event: RunEvent): string {
  return `id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`;
}

export function createRunEventStream(options: RunEventStreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let lastSeq = options.afterSeq;
  let finished = false;
  let work = Promise.resolve();
  let cleanup = () => {};

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        if (!finished) controller.enqueue(encoder.encode(text));
      };
      const finish = () => {
        if (finished) return;
        send("event: end\ndata: {}\n\n");
        finished = true;
        cleanup();
        controller.close();
      };
      const emit = (event: RunEvent) => {
        if (event.seq <= lastSeq || finished) return;
        send(formatSseEvent(event));
        lastSeq = event.seq;
        if (isFinalEvent(event)) finish();
      };
      const backfill = async () => {
        for (;;) {
          const events = await readRunEvents(options.db, options.runId, lastSeq);
          events.forEach(emit);
          if (events.length === 0 || finished) return;
        }
      };
      // Every notice goes through one queue, so events leave in order.
      const enqueue = (task: () => Promise<void> | void) => {
        work = work.then(task).catch((error: unknown) => {
          send(`: error ${errorMessage(error)}\n\n`);
        });
      };
      const onNotice = (notice: RunEventNotice) =>
        enqueue(() => (notice.type && notice.seq === lastSeq + 1 ? emit(notice) : notice.seq > lastSeq ? backfill() : undefined));

      const unsubscribe = await options.relay.subscribe(options.runId, { onNotice, onReconnect: () => enqueue(backfill) });
      const heartbeat = setInterval(() => send(`: heartbeat ${new Date().toISOString()}\n\n`), options.heartbeatMs ?? SSE_HEARTBEAT_MS);
      const onAbort = () => {
        cleanup();
        if (!finished) {
          finished = true;
          controller.close();
        }
      };
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
        options.signal?.removeEventListener("abort", onAbort);
      };
      options.signal?.addEventListener("abort", onAbort);
      send(": connected\n\n");
      enqueue(backfill);
    },
    cancel() {
      finished = true;
      cleanup();
    },
  });
}
