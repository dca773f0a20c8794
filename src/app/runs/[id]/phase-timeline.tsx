// The run's five phases, each waiting, running or done (with how long it took).
import { formatDuration } from "../../../core/format";
import { PHASES, type LiveState } from "../run-events";

const LABELS: Record<(typeof PHASES)[number], string> = {
  analysis: "Analysis",
  inventory: "Inventory",
  resolution: "Resolution",
  download: "Download",
  verification: "Verification",
};

export function PhaseTimeline({ timings, live, runFinished }: { timings: Record<string, number>; live: LiveState; runFinished: boolean }) {
  return (
    <ol aria-label="Phases" className="grid grid-cols-5 gap-2">
      {PHASES.map((phase) => {
        const ms = timings[phase] ?? live.phases[phase]?.ms ?? null;
        const seen = live.phases[phase]?.state;
        // A finished run's phases are over: one that started is done, one that never did did not run.
        const state =
          ms !== null || seen === "finished" || (seen === "started" && runFinished)
            ? "done"
            : seen === "started"
              ? "running"
              : runFinished
                ? "skipped"
                : "waiting";
        const bar = {
          done: "bg-emerald-500",
          running: "bg-sky-500 animate-pulse",
          waiting: "bg-zinc-300 dark:bg-zinc-700",
          skipped: "bg-zinc-200 dark:bg-zinc-800",
        }[state];
        const caption = { done: ms !== null ? formatDuration(ms / 1000) : "done", running: "running…", waiting: "waiting", skipped: "not needed" }[state];
        return (
          <li key={phase} data-phase={phase} data-state={state}>
            <div className={`mb-2 h-1.5 rounded-full ${bar}`} />
            <p className="text-sm font-medium">{LABELS[phase]}</p>
            <p className="text-xs text-zinc-500 dark:text-zinc-400">{caption}</p>
          </li>
        );
      })}
    </ol>
  );
}
