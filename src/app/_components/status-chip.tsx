// Coloured chips for run and model statuses, one table of looks.
import type { ReactNode } from "react";

const TONES = {
  neutral: "bg-zinc-500/15 text-zinc-700 ring-zinc-500/30 dark:text-zinc-300",
  info: "bg-sky-500/15 text-sky-700 ring-sky-500/30 dark:text-sky-300",
  busy: "bg-indigo-500/15 text-indigo-700 ring-indigo-500/30 dark:text-indigo-300",
  good: "bg-emerald-500/15 text-emerald-700 ring-emerald-500/30 dark:text-emerald-300",
  warn: "bg-amber-500/15 text-amber-700 ring-amber-500/30 dark:text-amber-300",
  bad: "bg-red-500/15 text-red-700 ring-red-500/30 dark:text-red-300",
} as const;
type Tone = keyof typeof TONES;

const STATUS_TONES: Record<string, Tone> = {
  queued: "neutral",
  running: "busy",
  completed: "good",
  cancelled: "neutral",
  failed: "bad",
  present: "good",
  missing: "warn",
  misplaced: "warn",
  resolving: "busy",
  resolved: "info",
  ambiguous: "warn",
  not_found: "bad",
  needs_auth: "warn",
  downloading: "busy",
  verifying: "busy",
  installed: "good",
  skipped: "neutral",
  refused: "bad",
  unplaced: "warn",
};

export const statusLabel = (status: string) => status.replace(/_/g, " ");

export function Chip({ tone, children, ...data }: { tone: Tone; children: ReactNode; "data-status"?: string }) {
  return (
    <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`} {...data}>
      {children}
    </span>
  );
}

export function StatusChip({ status }: { status: string }) {
  return (
    <Chip tone={STATUS_TONES[status] ?? "neutral"} data-status={status}>
      {statusLabel(status)}
    </Chip>
  );
}
