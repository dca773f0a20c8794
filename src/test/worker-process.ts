// Runs the built worker (dist/worker/main.mjs) as a real child process, the way the launcher starts it, and waits
// on conditions the tests poll (the worker is another process: its progress is only seen through the database).
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../core/config/project-root";
import { DOWNLOAD_PROCESS_NODE_FLAGS } from "../worker/node-flags";

export type WorkerExit = { code: number | null; signal: NodeJS.Signals | null };

export type WorkerProcess = {
  name: string;
  child: ChildProcess;
  /** Settles when the process has exited, with its code or signal. */
  exited: Promise<WorkerExit>;
  /** SIGKILLs the process and waits until it is gone. */
  kill(): Promise<WorkerExit>;
};

/** Starts a worker with `env` on top of this process's environment; its output goes to `output`, each line tagged. */
export function startWorkerProcess(name: string, env: Record<string, string>, output: string[]): WorkerProcess {
  const child = spawn(process.execPath, [...DOWNLOAD_PROCESS_NODE_FLAGS, join(projectRoot(), "dist", "worker", "main.mjs")], {
    cwd: projectRoot(),
    env: { ...process.env, COMFYFIXER_WORKER_ID: name, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout, child.stderr]) stream?.on("data", (chunk: Buffer) => output.push(`[${name}] ${chunk}`));
  const exited = new Promise<WorkerExit>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return {
    name,
    child,
    exited,
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      return exited;
    },
  };
}

/**
 * Polls `check` until it gives a value; a check that throws counts as "not yet" (a database being restarted or a
 * connection just dropped). On timeout, throws with `explain()` (the workers' output, say).
 */
export async function waitFor<T>(
  check: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  options: { timeoutMs?: number; pollMs?: number; what?: string; explain?: () => string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const value = await Promise.resolve()
      .then(check)
      .catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${options.what ?? "the condition"}${options.explain ? `:\n${options.explain()}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
  }
}
