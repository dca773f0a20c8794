// The target lock for several workers sharing one models volume: a Postgres advisory lock per target, keyed by
// folder/name, so machines that mount the volume at different paths still exclude each other.
import { createHash } from "node:crypto";
import pg from "pg";
import type { TargetLock } from "../../core/download/types";
import { withDbRetry } from "../db/retry";

/** A signed 64-bit key from the path, as pg_advisory_lock wants (a collision only makes two targets wait for each other). */
export function advisoryKeyOf(targetKey: string): string {
  return createHash("sha256").update(`comfyfixer:target:${targetKey}`).digest().readBigInt64BE(0).toString();
}

/**
 * Each acquire holds its own connection while it owns the lock: the session-level lock dies with the
 * connection, so a crashed worker never leaves a target locked, and an abort simply drops the connection.
 */
export function createPostgresTargetLock(databaseUrl: string): TargetLock {
  /** Connects and waits for the lock; a connection lost on the way (a database restart) is tried again. */
  const lockedClient = (key: string, signal: AbortSignal) =>
    withDbRetry(async () => {
      signal.throwIfAborted();
      const client = new pg.Client({ connectionString: databaseUrl, application_name: "comfyfixer-target-lock" });
      client.on("error", () => undefined); // a dropped connection surfaces through the pending query
      const onAbort = () => void client.end().catch(() => undefined);
      signal.addEventListener("abort", onAbort, { once: true });
      try {
        await client.connect();
        await client.query("SELECT pg_advisory_lock($1::bigint)", [key]);
        signal.throwIfAborted();
        return client;
      } catch (error) {
        await client.end().catch(() => undefined);
        throw signal.aborted ? signal.reason : error;
      } finally {
        signal.removeEventListener("abort", onAbort);
      }
    });

  return {
    async acquire(target, signal) {
      const key = advisoryKeyOf(target.key);
      let client: pg.Client;
      try {
        client = await lockedClient(key, signal);
      } catch (error) {
        throw signal.aborted ? signal.reason : new Error(`Could not lock ${target.key} in the database: ${(error as Error).message}`);
      }
      return async () => {
        try {
          await client.query("SELECT pg_advisory_unlock($1::bigint)", [key]);
        } finally {
          await client.end().catch(() => undefined);
        }
      };
    },
  };
}
