// A no-progress timeout: aborts a request only when no bytes arrived for a while, never a slow healthy one.
import { RetryableError } from "../errors";

export type Watchdog = { signal: AbortSignal; kick(): void; stop(): void; readonly fired: boolean };

export function startWatchdog(timeoutMs: number, parent: AbortSignal, what: string): Watchdog {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined = undefined;
  let fired = false;
  timer = setTimeout(() => {
    fired = true;
    controller.abort(new RetryableError(`No data from ${what} for ${Math.round(timeoutMs / 1000)} s`));
  }, timeoutMs);
  // refresh() re-arms the same timer: cheap enough to call for every chunk.
  const kick = () => timer?.refresh();
  return {
    signal: AbortSignal.any([parent, controller.signal]),
    kick,
    stop: () => clearTimeout(timer),
    get fired() {
      return fired;
    },
  };
}
