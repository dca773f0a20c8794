// Shows whether the run page is following the run live, catching up, or done.
import type { StreamState } from "./use-run-stream";

const LOOKS: Record<StreamState, { label: string; dot: string }> = {
  connecting: { label: "Connecting…", dot: "bg-zinc-400" },
  live: { label: "Live", dot: "bg-emerald-500 animate-pulse" },
  reconnecting: { label: "Reconnecting…", dot: "bg-amber-500 animate-pulse" },
  ended: { label: "Finished", dot: "bg-zinc-400" },
};

export function LiveIndicator({ state }: { state: StreamState }) {
  const look = LOOKS[state];
  return (
    <span
      role="status"
      aria-live="polite"
      data-stream={state}
      className="inline-flex items-center gap-2 rounded-full border border-zinc-300 px-3 py-1 text-xs font-medium dark:border-zinc-700"
    >
      <span aria-hidden className={`h-2 w-2 rounded-full ${look.dot}`} />
      {look.label}
    </span>
  );
}
