// A small pool of worker threads running one program given as source text (so nothing has to be found on disk,
// whether the engine runs from source, under tsx or bundled by Next.js). A request goes to the least busy thread,
// or to the thread it names, so a program may keep state per thread (a running hash); each thread answers in order.
import { Worker } from "node:worker_threads";

/** What a thread's program sends back for request `seq`. */
type Reply =
  | { seq: number; type: "progress"; progress: unknown }
  | { seq: number; type: "done"; result: unknown }
  | { seq: number; type: "error"; code: string | null; message: string };

type Waiting = { resolve: (result: unknown) => void; reject: (error: Error) => void; onProgress?: (progress: unknown) => void };

type Thread = { worker: Worker; waiting: Map<number, Waiting> };

export class ThreadError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = "ThreadError";
  }
}

export type ThreadPool = {
  readonly size: number;
  /** The thread with the fewest requests in flight. */
  leastBusy(): number;
  run<Result, Progress = never>(
    request: Record<string, unknown>,
    options?: { thread?: number; onProgress?: (progress: Progress) => void; transfer?: ArrayBuffer[] },
  ): Promise<Result>;
  close(): Promise<void>;
};

/**
 * `source` is CommonJS run in each thread; it receives `{ seq, ...request }` on parentPort and answers with
 * `{ seq, type: "done", result }`, `{ seq, type: "error", code, message }` or `{ seq, type: "progress", progress }`.
 */
export function createThreadPool(source: string, size: number): ThreadPool {
  const threads: Array<Thread | null> = Array.from({ length: size }, () => null);
  let nextSeq = 1;

  const fail = (index: number, reason: string) => {
    const thread = threads[index];
    if (!thread) return;
    threads[index] = null;
    for (const waiting of thread.waiting.values()) waiting.reject(new ThreadError(`A worker thread failed: ${reason}`, null));
  };

  const started = (index: number): Thread => {
    const existing = threads[index];
    if (existing) return existing;
    const thread: Thread = { worker: new Worker(source, { eval: true }), waiting: new Map() };
    thread.worker.unref();
    thread.worker.on("message", (reply: Reply) => {
      const waiting = thread.waiting.get(reply.seq);
      if (!waiting) return;
      if (reply.type === "progress") {
        waiting.onProgress?.(reply.progress);
        return;
      }
      thread.waiting.delete(reply.seq);
      // An idle thread must not keep the process alive.
      if (thread.waiting.size === 0) thread.worker.unref();
      if (reply.type === "done") waiting.resolve(reply.result);
      else waiting.reject(new ThreadError(reply.message, reply.code));
    });
    thread.worker.on("error", (error) => fail(index, error.message));
    thread.worker.on("exit", (code) => fail(index, `the thread exited with code ${code}`));
    threads[index] = thread;
    return thread;
  };

  const leastBusy = () => {
    let best = 0;
    for (let index = 1; index < size; index++) {
      const load = threads[index]?.waiting.size ?? 0;
      if (load < (threads[best]?.waiting.size ?? 0)) best = index;
    }
    return best;
  };

  return {
    size,
    leastBusy,
    run<Result, Progress = never>(
      request: Record<string, unknown>,
      options: { thread?: number; onProgress?: (progress: Progress) => void; transfer?: ArrayBuffer[] } = {},
    ) {
      return new Promise<Result>((resolve, reject) => {
        const thread = started(options.thread ?? leastBusy());
        const seq = nextSeq++;
        thread.waiting.set(seq, {
          resolve: resolve as (result: unknown) => void,
          reject,
          onProgress: options.onProgress as ((progress: unknown) => void) | undefined,
        });
        if (thread.waiting.size === 1) thread.worker.ref();
        thread.worker.postMessage({ ...request, seq }, options.transfer ?? []);
      });
    },
    async close() {
      const running = threads.splice(0, size, ...Array.from({ length: size }, () => null));
      await Promise.all(running.map((thread) => thread?.worker.terminate()));
    },
  };
}
