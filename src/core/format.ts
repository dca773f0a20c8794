// Numbers for people: sizes, rates, durations and times, the same in the dashboard, the CLI and error messages.

const SIZE_UNITS = ["B", "KB", "MB", "GB", "TB", "PB"] as const;

/** 1234567 → "1.2 MB" (decimal units, as download tools and disks report them). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return "—";
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < SIZE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  const digits = value < 10 ? 1 : 0;
  // 999.96 MB would round to "1000 MB"; show the next unit instead.
  if (Number(value.toFixed(digits)) >= 1000 && unit < SIZE_UNITS.length - 1) return `1.0 ${SIZE_UNITS[unit + 1]}`;
  return `${value.toFixed(digits)} ${SIZE_UNITS[unit]}`;
}

/** Bytes per second → "34 MB/s". */
export function formatRate(bytesPerSecond: number | null | undefined): string {
  if (bytesPerSecond === null || bytesPerSecond === undefined || !Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) return "—";
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** A span in seconds → "45 s", "3 min 20 s", "2 h 5 min". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return "—";
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  if (minutes < 60) return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
  const hours = Math.floor(minutes / 60);
  const restMinutes = minutes % 60;
  return restMinutes === 0 ? `${hours} h` : `${hours} h ${restMinutes} min`;
}

/** Seconds left → "2 min left", rounded the way people say it. */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return "—";
  if (seconds < 5) return "a few seconds left";
  if (seconds < 60) return `${Math.ceil(seconds / 5) * 5} s left`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min left`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.round((seconds % 3600) / 60);
  return minutes === 0 ? `${hours} h left` : `${hours} h ${minutes} min left`;
}

/** Milliseconds between two instants, or null when either is missing. */
export function elapsedSeconds(from: Date | string | null | undefined, to: Date | string | null | undefined): number | null {
  if (!from || !to) return null;
  const ms = new Date(to).getTime() - new Date(from).getTime();
  return Number.isFinite(ms) && ms >= 0 ? ms / 1000 : null;
}

/** A timestamp as a short local date and time: "12 Mar, 14:05". */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return "—";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "—";
  return date.toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
}

/** A ratio as a whole percentage, clamped to 0–100. */
export function formatPercent(done: number, total: number | null | undefined): string {
  if (!total || total <= 0) return "—";
  return `${Math.min(100, Math.max(0, Math.floor((done / total) * 100)))}%`;
}
