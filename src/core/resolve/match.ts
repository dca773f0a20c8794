// How a file found upstream is compared with the name (and hash) a workflow asks for.
import { modelBaseName } from "../model";
import { MODEL_RELATED_FILE_PATTERN as EXTENSION } from "../registry/folders";

export type MatchKind = "hash" | "exact" | "similar" | "none";

export type KnownHash = { sha256: string | null; autoV2: string | null; raw: string };

/** The hash a workflow gives, in the two forms upstream services publish (full SHA-256, AutoV2 = its first 10 hex). */
export function knownHash(hash: { type: string; value: string } | string | null | undefined): KnownHash | null {
  const value = (typeof hash === "string" ? hash : hash?.value)?.trim().toLowerCase();
  if (!value || !/^[0-9a-f]+$/.test(value)) return null;
  if (value.length === 64) return { sha256: value, autoV2: value.slice(0, 10), raw: value };
  if (value.length === 10) return { sha256: null, autoV2: value, raw: value };
  return { sha256: null, autoV2: null, raw: value };
}

export function hashMatches(known: KnownHash | null, sha256: string | null | undefined): boolean {
  if (!known || !sha256) return false;
  const candidate = sha256.toLowerCase();
  if (known.sha256) return candidate === known.sha256;
  return known.autoV2 !== null && candidate.startsWith(known.autoV2);
}

export function fileStem(name: string): string {
  return modelBaseName(name).replace(EXTENSION, "");
}

/** Lower-case letters and digits only: `DreamShaper_8-pruned` and `dreamshaper 8 pruned` compare equal. */
export function normalisedStem(name: string): string {
  return fileStem(name)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/**
 * Exact: the same file name (case aside), wherever it sits in the upstream tree; a name written
 * without an extension (embeddings, inline LoRAs) matches the same stem with any model extension.
 * Similar: the same normalised stem — never enough to resolve alone.
 */
export function matchName(wanted: string, candidatePath: string): MatchKind {
  const wantedBase = modelBaseName(wanted).toLowerCase();
  const candidateBase = modelBaseName(candidatePath).toLowerCase();
  if (!wantedBase || !candidateBase) return "none";
  if (wantedBase === candidateBase) return "exact";
  if (!EXTENSION.test(wantedBase) && EXTENSION.test(candidateBase) && fileStem(candidateBase) === wantedBase) return "exact";
  const wantedStem = normalisedStem(wantedBase);
  if (wantedStem.length >= 3 && wantedStem === normalisedStem(candidateBase)) return "similar";
  return "none";
}
