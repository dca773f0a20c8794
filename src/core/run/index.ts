// A run: the plan, the pipeline and the summary behind one call, with the store it keeps its state in.
export { runModels, type RunInput, type RunResult } from "./run";
export { createEngine, type Engine, type EngineOptions } from "./engine";
export { createMemoryRunStore, type MemoryRunStore } from "./memory-store";
export { analyseSources, learnedNodesOf, planRun, type WorkflowSource } from "./plan";
export { applyChange, eventModel, type ModelChange, type PlannedModel, type RunModel, type RunPlan, type RunStore } from "./ports";
export { attentionOf, outcomeLine, RunSummarySchema, summariseRun, type RunSummary } from "./summary";
