// One reference per file: the same (folder, name) from several nodes or workflows counts once.
import { modelKey, type ModelRef } from "../model";

export type UniqueModel = { ref: ModelRef; workflows: string[] };

/** One per (folder, normalised name), in first-seen order; active if any is; first url/hash found; every workflow that names it. */
export function uniqueModels(refs: readonly ModelRef[]): UniqueModel[] {
  const byKey = new Map<string, { ref: ModelRef; workflows: Set<string> }>();
  for (const ref of refs) {
    const key = modelKey(ref);
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { ref: { ...ref }, workflows: new Set([ref.workflow]) });
      continue;
    }
    seen.workflows.add(ref.workflow);
    seen.ref.active ||= ref.active;
    seen.ref.url ??= ref.url;
    seen.ref.hash ??= ref.hash;
    if (seen.ref.inferred && !ref.inferred) delete seen.ref.inferred;
  }
  return [...byKey.values()].map(({ ref, workflows }) => ({ ref, workflows: [...workflows] }));
}
