/** The entry points built into dist/<key>.mjs. */
export const DIST_ENTRIES: Record<string, string>;
/** Builds the comfyfixer command and the worker into dist/. */
export function buildDist(): Promise<void>;
