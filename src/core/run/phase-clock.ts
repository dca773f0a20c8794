// Wall-clock time of the overlapping pipeline phases: from the first model entering a phase to the last one leaving it.
import { modelStatusRule, type ModelStatus } from "../status";

export type PipelinePhase = "resolution" | "download" | "verification";
export type PhaseTimings = Record<PipelinePhase, number>;
export type PhaseListener = (phase: PipelinePhase, state: "started" | "finished", ms?: number) => void | Promise<void>;

export function createPhaseClock(onPhase: PhaseListener = () => undefined, now: () => number = () => performance.now()) {
  const started = new Map<PipelinePhase, number>();
  const lastLeft = new Map<PipelinePhase, number>();
  const current = new Map<string, PipelinePhase>();
  return {
    /** Records that a model moved to `status`; announces a phase the first time a model enters it. */
    async moved(modelId: string, status: ModelStatus): Promise<void> {
      const at = now();
      const left = current.get(modelId);
      if (left) lastLeft.set(left, at);
      const entered = modelStatusRule(status).phase;
      if (entered) current.set(modelId, entered);
      else current.delete(modelId);
      if (entered && !started.has(entered)) {
        started.set(entered, at);
        await onPhase(entered, "started");
      }
    },
    /** Announces the end of every phase that ran and returns their durations (0 for phases that never ran). */
    async finish(): Promise<PhaseTimings> {
      const timings: PhaseTimings = { resolution: 0, download: 0, verification: 0 };
      const at = now();
      for (const [phase, start] of started) {
        timings[phase] = Math.round((lastLeft.get(phase) ?? at) - start);
        await onPhase(phase, "finished", timings[phase]);
      }
      return timings;
    },
  };
}
