// What one source found for a model, and how findings become a Resolution: the workflow's hash first, then the exact
// name, ranked by how far each copy's publisher can be trusted.
import type { Candidate, ModelLink, ModelRef, Resolution, ResolutionAttempt, ResolutionSource } from "../model";
import type { ApiTokens } from "../net/auth";
import type { UpstreamEndpoints } from "../net/endpoints";
import type { HostPolicy } from "../net/host-policy";
import type { Settings } from "../config/schema";
import { hashMatches, type KnownHash } from "./match";
import type { KnownModelsIndex } from "./known-models/index-data";
import type { UpstreamClient } from "./upstream";
import type { ResolverLogLevel, StorageAhead } from "./types";

export type SourceContext = {
  ref: ModelRef;
  /** The file name alone, as the workflow writes it. */
  wanted: string;
  hash: KnownHash | null;
  client: UpstreamClient;
  settings: Settings;
  tokens: ApiTokens;
  endpoints: UpstreamEndpoints;
  policy: HostPolicy;
  links: readonly ModelLink[];
  knownModels: KnownModelsIndex;
  /** Model lists read for every run besides the settings' own (ComfyUI-Manager's published list). */
  defaultModelLists: readonly string[];
  signal?: AbortSignal;
  log: (level: ResolverLogLevel, message: string) => void;
  /** Set when a download follows: storage URLs seen or asked ahead go here. */
  storage?: StorageAhead;
};

/**
 * How far a copy can be trusted, best first: the known-models index and the workflow's own link; a publisher ComfyUI's
 * templates link to; anyone else (a re-upload), ranked by downloads.
 */
export const TRUST = { known: 0, publisher: 1, community: 2 } as const;
export type Trust = (typeof TRUST)[keyof typeof TRUST];

export type Finding = {
  candidate: Candidate;
  /** The exact file name (a similar name is only ever offered to a person). */
  exact: boolean;
  trust: Trust;
  /** Where it was found, for reasons: `huggingface repo org/name (path)`. */
  where: string;
  /** The upstream service itself matched the workflow's hash (Civitai's by-hash lookup). */
  hashConfirmed?: boolean;
  /** The listing says the version is in early (paid) access, so an anonymous download will be refused. */
  earlyAccess?: boolean;
};

export type SourceFindings = {
  findings: Finding[];
  attempts: ResolutionAttempt[];
  /** Why this source could not answer (unreachable host, refused link, server error). */
  problems: string[];
};

export const noFindings = (attempts: ResolutionAttempt[] = [], problems: string[] = []): SourceFindings => ({ findings: [], attempts, problems });

export type ResolutionSourceModule = {
  source: ResolutionSource;
  /** Whether the source has anything to do for this model (a hash to look up, lists to read). */
  applies?(context: SourceContext): boolean;
  /** Queries upstream and reports what it found, without deciding. */
  find(context: SourceContext): Promise<SourceFindings>;
  /** For a decided candidate: whether this user may download it (a gated repo, Civitai's download answer), and its size. */
  checkAccess?(context: SourceContext, resolution: Resolution, finding: Finding, attempts: ResolutionAttempt[]): Promise<Resolution>;
};

/** A one-candidate answer: the file was found (resolved), or found but locked (needs_auth). */
function fromCandidate(status: "resolved" | "needs_auth", candidate: Candidate, reason: string, others: Candidate[] = []): Resolution {
  return {
    status,
    source: candidate.source,
    url: candidate.url,
    sha256: candidate.sha256,
    size: candidate.size,
    reason,
    candidates: [candidate, ...others],
    page: candidate.page,
  };
}

export const resolvedFrom = (candidate: Candidate, reason: string, others: Candidate[] = []) => fromCandidate("resolved", candidate, reason, others);
export const needsAuth = (candidate: Candidate, reason: string) => fromCandidate("needs_auth", candidate, reason);

export function ambiguous(candidates: Candidate[], reason: string): Resolution {
  return { status: "ambiguous", source: null, url: null, sha256: null, size: null, reason, candidates, page: null };
}

/** Two findings are the same file when their SHA-256 agree, or (without hashes) their URL or exact size do. */
export function sameFile(a: Candidate, b: Candidate): boolean {
  if (a.sha256 && b.sha256) return a.sha256.toLowerCase() === b.sha256.toLowerCase();
  if (a.url === b.url) return true;
  return a.size !== null && a.size === b.size;
}

/** One entry per distinct file, the first (best-ranked) copy kept. */
export function distinctFiles(candidates: Candidate[]): Candidate[] {
  const distinct: Candidate[] = [];
  for (const candidate of candidates) {
    if (!distinct.some((kept) => sameFile(kept, candidate))) distinct.push(candidate);
  }
  return distinct;
}

/** Distinct files among findings, each as its most trusted copy, most trusted first (stable within a tier). */
function rankedFiles(findings: Finding[]): Finding[] {
  const ordered = [...findings].sort((a, b) => a.trust - b.trust);
  const kept: Finding[] = [];
  for (const finding of ordered) if (!kept.some((other) => sameFile(other.candidate, finding.candidate))) kept.push(finding);
  return kept;
}

const TRUST_WORDS: Record<Trust, string> = { 0: "a known model", 1: "a publisher ComfyUI links to", 2: "a community upload" };

/**
 * Exact-name findings. One distinct file resolves. Several: the most trusted resolves when it alone is trusted (a copy
 * of the same bytes elsewhere is the same file; a different file of that name from a re-upload does not compete);
 * otherwise a person chooses.
 */
function decideExact(exact: Finding[], wanted: string): Resolution | undefined {
  const files = rankedFiles(exact);
  const [best, ...rest] = files;
  if (!best) return undefined;
  const copies = exact.length - files.length;
  const copiesNote = copies > 0 ? ` (${copies} identical ${copies === 1 ? "copy" : "copies"} elsewhere)` : "";
  if (rest.length === 0) return resolvedFrom(best.candidate, `exact file name "${wanted}" in ${best.where}${copiesNote}`);
  const rivals = rest.filter((other) => other.trust <= best.trust);
  if (best.trust < TRUST.community && rivals.length === 0) {
    return resolvedFrom(
      best.candidate,
      `exact file name "${wanted}" in ${best.where}, ${TRUST_WORDS[best.trust]}${copiesNote}; ${rest.length} different ${rest.length === 1 ? "file" : "files"} of that name in ${rest.map((other) => other.where).join("; ")} ${rest.length === 1 ? "was" : "were"} not used`,
      rest.map((other) => other.candidate),
    );
  }
  const offered = [best, ...rivals, ...rest.filter((other) => !rivals.includes(other))];
  return ambiguous(
    offered.map((finding) => finding.candidate),
    `${files.length} different files are named "${wanted}" (${offered.map((finding) => finding.where).join("; ")}): pick one`,
  );
}

/**
 * The workflow's hash decides first: a file with that hash resolves whatever its name; files of the exact name whose
 * published hash differs are shown to a person instead. Without a hash, the exact name decides.
 */
export function decideFindings(findings: Finding[], context: Pick<SourceContext, "hash" | "wanted">): Resolution | undefined {
  const { hash, wanted } = context;
  const byHash = [...findings].sort((a, b) => a.trust - b.trust).find((finding) => finding.hashConfirmed || hashMatches(hash, finding.candidate.sha256));
  if (byHash) {
    const how = byHash.hashConfirmed
      ? `${byHash.candidate.source} found the workflow's hash ${hash?.raw ?? ""}`
      : `SHA-256 ${byHash.candidate.sha256} matches the workflow's hash`;
    return resolvedFrom(byHash.candidate, `${how}: "${byHash.candidate.fileName}" in ${byHash.where}`);
  }
  const exact = findings.filter((finding) => finding.exact);
  const hashKnown = hash !== null && (hash.sha256 !== null || hash.autoV2 !== null);
  const contradicted = hashKnown ? exact.filter((finding) => finding.candidate.sha256) : [];
  if (contradicted.length > 0 && contradicted.length === exact.length) {
    return ambiguous(
      distinctFiles(contradicted.map((finding) => finding.candidate)),
      `a file named "${wanted}" exists in ${contradicted.map((finding) => finding.where).join("; ")}, but its SHA-256 differs from the workflow's hash ${hash?.raw}: check which version the workflow needs`,
    );
  }
  return decideExact(exact, wanted);
}
