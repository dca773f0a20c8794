// Live progress in the terminal: one bar per active download and a total line, redrawn in place on a TTY;
// plain status lines otherwise (logs, CI), so piped output stays readable.
import type { ModelStatus } from "../core/status";
import { formatBytes, formatEta, formatRate } from "../core/format";

type Bar = { label: string; bytes: number; total: number | null; rate: number };

const REDRAW_MS = 100;
const BAR_WIDTH = 24;

export type ProgressDisplay = {
  status(label: string, status: ModelStatus, detail?: string | null): void;
  progress(label: string, bytes: number, total: number | null, rate: number): void;
  log(message: string): void;
  stop(): void;
};

function bar(fraction: number): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * BAR_WIDTH);
  return `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}]`;
}

const LABEL_WIDTH = 36;

/** A long name keeps its start and its end (the file name), like "checkpoints/SDXL/…/juggernautXL_v9.safetensors". */
function fitLabel(label: string): string {
  if (label.length <= LABEL_WIDTH) return label.padEnd(LABEL_WIDTH);
  const tail = Math.ceil((LABEL_WIDTH - 1) * 0.65);
  return `${label.slice(0, LABEL_WIDTH - 1 - tail)}…${label.slice(-tail)}`;
}

function describe(entry: Bar): string {
  const eta = entry.total && entry.rate > 0 ? `  ${formatEta((entry.total - entry.bytes) / entry.rate)}` : "";
  const size = entry.total ? `${formatBytes(entry.bytes)} / ${formatBytes(entry.total)}` : formatBytes(entry.bytes);
  const rate = entry.rate > 0 ? `  ${formatRate(entry.rate)}` : "";
  return `${fitLabel(entry.label)} ${bar(entry.total ? entry.bytes / entry.total : 0)} ${size}${rate}${eta}`;
}

export function createProgressDisplay(stream: NodeJS.WriteStream, options: { quiet: boolean }): ProgressDisplay {
  const bars = new Map<string, Bar>();
  const live = stream.isTTY === true && !options.quiet;
  let drawnLines = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const clear = () => {
    if (drawnLines > 0) stream.write(`\x1b[${drawnLines}F\x1b[J`);
    drawnLines = 0;
  };
  const draw = () => {
    timer = null;
    clear();
    const entries = [...bars.values()];
    if (entries.length === 0) return;
    const width = stream.columns ?? 100;
    const lines = entries.map((entry) => describe(entry).slice(0, width - 1));
    const bytes = entries.reduce((sum, entry) => sum + entry.bytes, 0);
    const rate = entries.reduce((sum, entry) => sum + entry.rate, 0);
    lines.push(`${entries.length} downloading, ${formatBytes(bytes)}${rate > 0 ? ` at ${formatRate(rate)}` : ""}`);
    stream.write(lines.join("\n") + "\n");
    drawnLines = lines.length;
  };
  const schedule = () => {
    if (live && !timer) timer = setTimeout(draw, REDRAW_MS);
  };
  const print = (line: string) => {
    if (options.quiet) return;
    if (live) clear();
    stream.write(line + "\n");
    schedule();
  };

  return {
    status(label, status, detail) {
      if (status !== "downloading") bars.delete(label);
      else bars.set(label, bars.get(label) ?? { label, bytes: 0, total: null, rate: 0 });
      print(`${status.padEnd(11)} ${label}${detail ? ` — ${detail}` : ""}`);
    },
    progress(label, bytes, total, rate) {
      bars.set(label, { label, bytes, total, rate });
      schedule();
    },
    log: print,
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      if (live) clear();
    },
  };
}
