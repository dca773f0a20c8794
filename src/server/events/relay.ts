// One LISTEN connection per process, fanned out to every SSE stream of this process.
// Reconnects by itself (e.g. after a PostgreSQL restart) and tells subscribers to backfill.
import pg from "pg";
import type { RunEvent } from "../../core/events";
import { RUN_EVENTS_CHANNEL } from "./publish";

/** A full event, or just its number when the event was too big for NOTIFY. */
export type RunEventNotice = RunEvent | { runId: string; seq: number; type?: undefined };

export type RunEventListener = {
  onNotice(notice: RunEventNotice): void;
  /** The connection was lost and is back: events may have been missed. */
  onReconnect(): void;
};

export class RunEventRelay {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private readonly listeners = new Map<string, Set<RunEventListener>>();
  private closed = false;
  private retryDelayMs = 250;

  constructor(private readonly databaseUrl: string) {}

  async subscribe(runId: string, listener: RunEventListener): Promise<() => void> {
    let set = this.listeners.get(runId);
    if (!set) this.listeners.set(runId, (set = new Set()));
    set.add(listener);
    await this.ensureConnected();
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(runId);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private ensureConnected(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on("notification", (message) => {
      if (!message.payload) return;
      const notice = JSON.parse(message.payload) as RunEventNotice;
      for (const listener of this.listeners.get(notice.runId) ?? []) listener.onNotice(notice);
    });
    const lost = () => {
      if (this.client !== client) return;
      this.client = null;
      void client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on("error", lost);
    client.on("end", lost);
    await client.connect();
    await client.query(`LISTEN ${RUN_EVENTS_CHANNEL}`);
    this.client = client;
    this.retryDelayMs = 250;
  }

  private scheduleReconnect() {
    if (this.closed || this.listeners.size === 0) return;
    const delay = this.retryDelayMs;
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, 5_000);
    setTimeout(() => {
      this.ensureConnected().then(
        () => {
          for (const set of this.listeners.values()) for (const listener of set) listener.onReconnect();
        },
        () => this.scheduleReconnect(),
      );
    }, delay).unref();
  }
}

const globalForRelay = globalThis as unknown as { comfyfixerRelay?: RunEventRelay };

export function runEventRelay(databaseUrl: string): RunEventRelay {
  globalForRelay.comfyfixerRelay ??= new RunEventRelay(databaseUrl);
  return globalForRelay.comfyfixerRelay;
}
