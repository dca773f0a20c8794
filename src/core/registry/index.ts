// The node registry and models-folder vocabulary, as data.
export * from "./folders";
export * from "./nodes";
export * from "./spec";
export { inferFolder, type FolderEvidence } from "./infer";
