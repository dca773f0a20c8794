// A progress bar with real progressbar semantics (indeterminate when the total is unknown).
import { formatBytes, formatPercent } from "../../core/format";

export function ProgressBar({
  label,
  value,
  max,
  valueText,
  size = "md",
}: {
  label: string;
  value: number;
  max: number | null;
  valueText?: string;
  size?: "sm" | "md";
}) {
  const known = max !== null && max > 0;
  const ratio = known ? Math.min(1, Math.max(0, value / max)) : 0;
  const text = valueText ?? (known ? `${formatBytes(value)} of ${formatBytes(max)} (${formatPercent(value, max)})` : formatBytes(value));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={known ? max : undefined}
      aria-valuenow={known ? Math.min(value, max) : undefined}
      aria-valuetext={text}
      className={`w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800 ${size === "sm" ? "h-1.5" : "h-3"}`}
    >
      <div
        className={`h-full rounded-full bg-sky-500 transition-[width] duration-300 ${known ? "" : "w-1/3 animate-pulse"}`}
        style={known ? { width: `${ratio * 100}%` } : undefined}
      />
    </div>
  );
}
