// Lets through at most one call per interval per key, always keeping the latest value for later.
export function throttleByKey<T>(intervalMs: number, send: (key: string, value: T) => void) {
  const lastSent = new Map<string, number>();
  const pending = new Map<string, { value: T; timer: ReturnType<typeof setTimeout> }>();
  return {
    push(key: string, value: T) {
      const now = Date.now();
      const wait = (lastSent.get(key) ?? 0) + intervalMs - now;
      const queued = pending.get(key);
      if (wait <= 0 && !queued) {
        lastSent.set(key, now);
        send(key, value);
        return;
      }
      if (queued) {
        queued.value = value;
        return;
      }
      const timer = setTimeout(
        () => {
          const entry = pending.get(key);
          pending.delete(key);
          lastSent.set(key, Date.now());
          if (entry) send(key, entry.value);
        },
        Math.max(wait, 0),
      );
      timer.unref?.();
      pending.set(key, { value, timer });
    },
    /** Drops every pending value. */
    clearAll() {
      for (const key of [...pending.keys()]) this.clear(key);
    },
    /** Drops a key's pending value (the download ended; its final status says the rest). */
    clear(key: string) {
      const entry = pending.get(key);
      if (entry) clearTimeout(entry.timer);
      pending.delete(key);
      lastSent.delete(key);
    },
  };
}
