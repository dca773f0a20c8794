// Runs the real launcher (`npm start`'s src/launcher/main.ts) as a child process from a given checkout, the way a user does.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";

export type RunningLauncher = {
  child: ChildProcess;
  /** Every line it printed so far (stdout and stderr). */
  lines: string[];
  /** Resolves with the first line matching, or rejects when it exits first or the time is up. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code (or the signal's name) when it has exited. */
  exited: Promise<number | string>;
};

export function startLauncher(checkout: string, env: Record<string, string | undefined>, args: string[] = []): RunningLauncher {
  const child = spawn(process.execPath, ["--import", "tsx", join(checkout, "src", "launcher", "main.ts"), ...args], {
    cwd: checkout,
    env: { ...process.env, DATABASE_URL: undefined, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const waiters = new Set<(line: string) => void>();
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => {
      lines.push(line);
      for (const waiter of waiters) waiter(line);
    });
  }
  const exited = new Promise<number | string>((resolve) => child.once("close", (code, signal) => resolve(code ?? signal ?? "unknown")));
  const waitForLine = (pattern: RegExp, timeoutMs = 120_000) =>
    new Promise<string>((resolve, reject) => {
      const seen = lines.find((line) => pattern.test(line));
      if (seen) return resolve(seen);
      const done = (settle: () => void) => {
        waiters.delete(check);
        clearTimeout(timer);
        settle();
      };
      const check = (line: string) => pattern.test(line) && done(() => resolve(line));
      const timer = setTimeout(() => done(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${lines.join("\n")}`))), timeoutMs);
      waiters.add(check);
      void exited.then((code) => done(() => reject(new Error(`the launcher exited (${code}) before printing ${pattern}:\n${lines.join("\n")}`))));
    });
  return { child, lines, waitForLine, exited };
}
