// A fixed-size pool of worker threads running one plain-JS worker file, one request per thread at a time.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { projectRoot } from "../config/project-root";

/** A worker file beside its module; when a bundler (Next.js) moved the module, the one in the project's sources. */
export function workerFile(besideModule: URL, sourcePath: string): URL {
  if (besideModule.protocol === "file:" && existsSync(fileURLToPath(besideModule))) return besideModule;
  return pathToFileURL(join(projectRoot(), sourcePath));
}

// The worker side of the protocol: it receives { id, request } and answers with these.
type Reply<Result, Progress> =
  | { id: number; type: "progress"; progress: Progress }
  | { id: number; type: "done"; result: Result }
  | { id: number; type: "error"; code: string | null; message: string };

type Job<Request, Result, Progress> = {
  id: number;
  request: Request;
  onProgress?: (progress: Progress) => void;
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
};

type Slot<Request, Result, Progress> = { worker: Worker; job: Job<Request, Result, Progress> | null };

export class WorkerError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

/** Threads start on demand and keep the process alive only while they work. */
export class WorkerPool<Request, Result, Progress = never> {
  private readonly idle: Array<Slot<Request, Result, Progress>> = [];
  private readonly slots = new Set<Slot<Request, Result, Progress>>();
  private readonly queue: Array<Job<Request, Result, Progress>> = [];
  private nextId = 1;

  constructor(
    private readonly workerFile: URL,
    readonly size: number,
  ) {}

  run(request: Request, onProgress?: (progress: Progress) => void): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, request, onProgress, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every thread; queued requests fail. */
  async close(): Promise<void> {
    for (const job of this.queue.splice(0)) job.reject(new Error("The worker pool closed before this request ran."));
    const slots = [...this.slots];
    this.slots.clear();
    this.idle.length = 0;
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.idle.pop() ?? (this.slots.size < this.size ? this.spawn() : null);
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage({ id: job.id, request: job.request });
    }
  }

  private spawn(): Slot<Request, Result, Progress> {
    const slot: Slot<Request, Result, Progress> = { worker: new Worker(this.workerFile), job: null };
    slot.worker.on("message", (reply: Reply<Result, Progress>) => this.onReply(slot, reply));
    slot.worker.on("error", (error) => this.onExit(slot, error.message));
    slot.worker.on("exit", (code) => this.onExit(slot, `the thread exited with code ${code}`));
    this.slots.add(slot);
    return slot;
  }

  private onReply(slot: Slot<Request, Result, Progress>, reply: Reply<Result, Progress>): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    if (reply.type === "progress") {
      job.onProgress?.(reply.progress);
      return;
    }
    slot.job = null;
    slot.worker.unref();
    this.idle.push(slot);
    if (reply.type === "done") job.resolve(reply.result);
    else job.reject(new WorkerError(reply.message, reply.code));
    this.dispatch();
  }

  private onExit(slot: Slot<Request, Result, Progress>, reason: string): void {
    if (!this.slots.delete(slot)) return;
    const index = this.idle.indexOf(slot);
    if (index >= 0) this.idle.splice(index, 1);
    slot.job?.reject(new WorkerError(`A worker thread failed: ${reason}`, null));
    slot.job = null;
    this.dispatch();
  }
}
