// Workflow analysis: every model file a ComfyUI workflow needs, from JSON or image files.
export { analyzeWorkflowText, type AnalyzeOptions, type WorkflowAnalysis } from "./analyze";
export type { LearnedNodes } from "./extract";
export { analyzeWorkflowBytes, analyzeWorkflowFile, collectWorkflowFiles } from "./files";
export { uniqueModels, type UniqueModel } from "./unique";
export { linksNaming } from "./metadata";
export type { WorkflowFormat } from "./graph";
export { buildAnalysisReport, type AnalysisReport, type ReportedModel, type PresenceFn } from "./report";
