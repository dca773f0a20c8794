// Keeps work going through a database restart: operations that fail on a lost connection are tried again.
import { sleep } from "../../core/net/retry";

const CONNECTION_ERROR =
  /ECONNREFUSED|ECONNRESET|Connection terminated|terminating connection|Can't reach database|the database system is (starting up|shutting down)|Connection ended|57P01|57P03|P1001|P1017|connection is closed/i;

export function isConnectionError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const text = `${(current as { code?: unknown }).code ?? ""} ${(current as { message?: unknown }).message ?? ""}`;
    if (CONNECTION_ERROR.test(text)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Retries `work` while the database is unreachable, for up to `maxWaitMs`; other errors pass through at once. */
export async function withDbRetry<T>(work: () => Promise<T>, options: { maxWaitMs?: number; onRetry?: (error: unknown) => void } = {}): Promise<T> {
  const deadline = Date.now() + (options.maxWaitMs ?? 120_000);
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isConnectionError(error) || Date.now() > deadline) throw error;
      options.onRetry?.(error);
      await sleep(Math.min(5_000, 250 * 2 ** attempt));
    }
  }
}
