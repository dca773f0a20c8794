// A RunStore that keeps the run in memory: the CLI's (it shows each change as it comes) and the tests'.
import type { DownloadProgress } from "../download/types";
import type { RunEventInput } from "../events";
import { modelKey } from "../model";
import type { ModelChange, RunModel, RunPlan, RunStore } from "./ports";

export type MemoryRunStore = RunStore & {
  /** The plan, once saved (the CLI's report is built from its analyses). */
  readonly plan: RunPlan | null;
  /** Every event published, in order. */
  readonly events: RunEventInput[];
};

export type MemoryRunStoreOptions = {
  onChange?(model: RunModel, change: ModelChange): void;
  onProgress?(model: RunModel, progress: DownloadProgress): void;
  onEvent?(event: RunEventInput): void;
};

export function createMemoryRunStore(options: MemoryRunStoreOptions = {}): MemoryRunStore {
  const models = new Map<string, RunModel>();
  const events: RunEventInput[] = [];
  let plan: RunPlan | null = null;
  return {
    get plan() {
      return plan;
    },
    events,
    async loadModels() {
      return [...models.values()].map((model) => structuredClone(model));
    },
    async savePlan(saved) {
      plan = saved;
      for (const planned of saved.models) {
        const id = modelKey(planned.ref);
        if (!models.has(id)) models.set(id, { id, ...structuredClone(planned) });
      }
      return this.loadModels();
    },
    async update(model, change) {
      const kept = models.get(model.id);
      if (kept) Object.assign(kept, structuredClone(change));
      options.onChange?.(model, change);
    },
    progress(model, progress) {
      const kept = models.get(model.id);
      if (kept) kept.bytes = progress.bytes;
      options.onProgress?.(model, progress);
    },
    async publish(event) {
      events.push(event);
      options.onEvent?.(event);
    },
    async settle() {},
  };
}
