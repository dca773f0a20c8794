// Child processes of the launcher: prefixed logs, restart of the worker, clean stop.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

export type ChildSpec = {
  label: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Restart when it exits on its own (the worker); otherwise its exit stops everything. */
  restart: boolean;
};

const COLOURS = ["\x1b[36m", "\x1b[35m", "\x1b[33m", "\x1b[32m", "\x1b[34m"];

export function prefixer(label: string, index: number): (line: string) => void {
  const tag = process.stdout.isTTY ? `${COLOURS[index % COLOURS.length]}[${label}]\x1b[0m` : `[${label}]`;
  return (line) => process.stdout.write(`${tag} ${line}\n`);
}

function pipeLines(child: ChildProcess, write: (line: string) => void) {
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on("line", write);
  }
}

export type Supervisor = { stop(): Promise<void>; exited: Promise<number> };

/** Runs the children; `exited` resolves with an exit code when a non-restartable child dies. */
export function supervise(specs: ChildSpec[], log: (line: string) => void): Supervisor {
  const running = new Map<string, ChildProcess>();
  let stopping = false;
  let resolveExited!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (resolveExited = resolve));

  const launch = (spec: ChildSpec, index: number, restarts: number) => {
    const write = prefixer(spec.label, index);
    const child = spawn(spec.command, spec.args, { env: spec.env, stdio: ["ignore", "pipe", "pipe"] });
    running.set(spec.label, child);
    pipeLines(child, write);
    const startedAt = Date.now();
    child.on("exit", (code, signal) => {
      running.delete(spec.label);
      if (stopping) return;
      const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      if (spec.restart) {
        // Back off when it keeps dying at once, so a broken worker does not spin.
        const quick = Date.now() - startedAt < 10_000;
        const delay = quick ? Math.min(30_000, 1_000 * 2 ** Math.min(restarts, 5)) : 1_000;
        log(`${spec.label} ${why}; restarting it in ${Math.round(delay / 1000)} s`);
        setTimeout(() => !stopping && launch(spec, index, quick ? restarts + 1 : 0), delay).unref();
        return;
      }
      log(`${spec.label} ${why}; stopping everything`);
      resolveExited(code === 0 ? 1 : (code ?? 1));
    });
  };
  specs.forEach((spec, index) => launch(spec, index, 0));

  return {
    exited,
    async stop() {
      stopping = true;
      await Promise.all(
        [...running.values()].map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              const kill = setTimeout(() => child.kill("SIGKILL"), 15_000);
              child.once("exit", () => {
                clearTimeout(kill);
                resolve();
              });
              child.kill("SIGTERM");
            }),
        ),
      );
      resolveExited(0);
    },
  };
}
