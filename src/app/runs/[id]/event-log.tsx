// The run's events as a scrolling log, newest at the bottom.
import { useEffect, useRef } from "react";
import type { LogLine } from "../run-events";

const LEVEL_CLASS: Record<string, string> = {
  error: "text-red-600 dark:text-red-400",
  warn: "text-amber-600 dark:text-amber-400",
  debug: "text-zinc-400",
};

export function EventLog({ lines }: { lines: LogLine[] }) {
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const element = list.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [lines.length]);
  if (lines.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No events yet.</p>;
  return (
    <ol
      ref={list}
      role="log"
      aria-label="Event log"
      tabIndex={0}
      className="max-h-72 overflow-y-auto font-mono text-xs leading-5 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-500"
    >
      {lines.map((line) => (
        <li key={line.seq} className={LEVEL_CLASS[line.level] ?? ""}>
          <span className="text-zinc-400">{new Date(line.at).toLocaleTimeString("en-GB")}</span> {line.text}
        </li>
      ))}
    </ol>
  );
}
