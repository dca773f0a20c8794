// One reference per file: the same (folder, name) from several nodes counts once.
import { modelKey, type ModelRef } from "../model";

/** One per (folder, normalised name), in first-seen order; active if any is; first url/hash found. */
export function uniqueModels(refs: readonly ModelRef[]): ModelRef[] {
  const byKey = new Map<string, ModelRef>();
  for (const ref of refs) {
    const key = modelKey(ref);
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { ...ref });
      continue;
    }
    seen.active ||= ref.active;
    seen.url ??= ref.url;
    seen.hash ??= ref.hash;
    if (seen.inferred && !ref.inferred) delete seen.inferred;
  }
  return [...byKey.values()];
}
