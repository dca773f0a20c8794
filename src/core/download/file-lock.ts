// The default target lock: an exclusive `<target>.lock` file, so two processes never write one target.
import { hostname } from "node:os";
import { open, readFile, unlink } from "node:fs/promises";
import { sleep } from "../net/retry";
import type { TargetLock } from "./types";

const POLL_MS = 100;

type LockOwner = { pid: number; host: string };

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A lock left by a process on this machine that no longer runs can be taken over. */
async function isStale(lockPath: string): Promise<boolean> {
  try {
    const owner = JSON.parse(await readFile(lockPath, "utf8")) as LockOwner;
    return owner.host === hostname() && owner.pid !== process.pid && !isProcessAlive(owner.pid);
  } catch {
    return false;
  }
}

async function tryCreate(lockPath: string): Promise<boolean> {
  try {
    const file = await open(lockPath, "wx");
    await file.writeFile(JSON.stringify({ pid: process.pid, host: hostname() } satisfies LockOwner));
    await file.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

export function createFileTargetLock(): TargetLock {
  // Waiters in this process queue in memory; the file keeps other processes out.
  const queues = new Map<string, Promise<void>>();
  return {
    async acquire(target, signal) {
      const previous = queues.get(target.key) ?? Promise.resolve();
      let releaseQueue!: () => void;
      const mine = new Promise<void>((resolve) => (releaseQueue = resolve));
      const chained = previous.then(() => mine);
      queues.set(target.key, chained);
      const leaveQueue = () => {
        releaseQueue();
        if (queues.get(target.key) === chained) queues.delete(target.key);
      };
      try {
        await Promise.race([
          previous,
          new Promise<never>((_, reject) =>
            signal.aborted ? reject(signal.reason) : signal.addEventListener("abort", () => reject(signal.reason), { once: true }),
          ),
        ]);
        // The lock file sits beside the target on the models volume, so it also keeps out other machines that mount it.
        const lockPath = `${target.absolutePath}.lock`;
        while (!(await tryCreate(lockPath))) {
          if (await isStale(lockPath)) await unlink(lockPath).catch(() => undefined);
          else await sleep(POLL_MS, signal);
        }
        return async () => {
          await unlink(lockPath).catch(() => undefined);
          leaveQueue();
        };
      } catch (error) {
        leaveQueue();
        throw error;
      }
    },
  };
}
