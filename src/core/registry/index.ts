// The node registry and models-folder vocabulary, as data.
export * from "./folders";
export * from "./nodes";
export { inferFolder } from "./infer";
