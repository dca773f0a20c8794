// What one source found for a model, and how its findings become a Resolution.
import type { Candidate, ModelLink, ModelRef, Resolution, ResolutionSource } from "../model";
import type { ApiTokens } from "../net/auth";
import type { UpstreamEndpoints } from "../net/endpoints";
import type { HostPolicy } from "../net/host-policy";
import type { Settings } from "../config/schema";
import { hashMatches, type KnownHash } from "./match";
import type { UpstreamClient } from "./upstream";
import type { ResolverLogLevel } from "./types";

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
  signal?: AbortSignal;
  log: (level: ResolverLogLevel, message: string) => void;
};

export type SourceOutcome = {
  /** A final answer from this source: resolved, needs_auth, or ambiguous between files of the exact name. */
  resolution?: Resolution;
  /** Files with a similar (not exact) name: offered to a person, never resolved silently. */
  similar?: Candidate[];
  queries?: string[];
  /** Why this source could not answer (unreachable host, refused link, server error). */
  problems?: string[];
};

export type ResolutionSourceModule = {
  source: ResolutionSource;
  find(context: SourceContext): Promise<SourceOutcome>;
};

/** A one-candidate answer: the file was found (resolved), or found but locked (needs_auth). */
function fromCandidate(status: "resolved" | "needs_auth", candidate: Candidate, reason: string): Resolution {
  return {
    status,
    source: candidate.source,
    url: candidate.url,
    sha256: candidate.sha256,
    size: candidate.size,
    reason,
    candidates: [candidate],
    page: candidate.page,
  };
}

export const resolvedFrom = (candidate: Candidate, reason: string) => fromCandidate("resolved", candidate, reason);
export const needsAuth = (candidate: Candidate, reason: string) => fromCandidate("needs_auth", candidate, reason);

export function ambiguous(candidates: Candidate[], reason: string): Resolution {
  return { status: "ambiguous", source: null, url: null, sha256: null, size: null, reason, candidates, page: null };
}

/** Two findings are the same file when their SHA-256 agree, or (without hashes) their URL or exact size do. */
function sameFile(a: Candidate, b: Candidate): boolean {
  if (a.sha256 && b.sha256) return a.sha256.toLowerCase() === b.sha256.toLowerCase();
  if (a.url === b.url) return true;
  return a.size !== null && a.size === b.size;
}

/** One entry per distinct file, first finding kept. */
export function distinctFiles(candidates: Candidate[]): Candidate[] {
  const distinct: Candidate[] = [];
  for (const candidate of candidates) {
    if (!distinct.some((kept) => sameFile(kept, candidate))) distinct.push(candidate);
  }
  return distinct;
}

/** Candidates whose exact file name matched: one distinct file resolves, several need a person. */
export function decideExact(exact: Candidate[], wanted: string, where: (candidate: Candidate) => string): Resolution | undefined {
  const files = distinctFiles(exact);
  const [first] = files;
  if (!first) return undefined;
  if (files.length === 1) return resolvedFrom(first, `exact file name "${wanted}" in ${where(first)}`);
  return ambiguous(files, `${files.length} different files are named "${wanted}" (${files.map(where).join("; ")}): pick one`);
}

/**
 * The workflow's hash decides first: a file with that hash resolves whatever its name; files of the exact
 * name whose published hash differs are shown to a person instead. Without a hash, the exact name decides.
 */
export function decideFindings(
  findings: { exact: Candidate[]; similar: Candidate[] },
  context: Pick<SourceContext, "hash" | "wanted">,
  where: (candidate: Candidate) => string,
): Resolution | undefined {
  const { hash, wanted } = context;
  const byHash = [...findings.exact, ...findings.similar].find((candidate) => hashMatches(hash, candidate.sha256));
  if (byHash) return resolvedFrom(byHash, `SHA-256 ${byHash.sha256} matches the workflow's hash: "${byHash.fileName}" in ${where(byHash)}`);
  const hashKnown = hash !== null && (hash.sha256 !== null || hash.autoV2 !== null);
  const contradicted = hashKnown ? findings.exact.filter((candidate) => candidate.sha256) : [];
  if (contradicted.length > 0 && contradicted.length === findings.exact.length) {
    return ambiguous(
      distinctFiles(contradicted),
      `a file named "${wanted}" exists in ${contradicted.map(where).join("; ")}, but its SHA-256 differs from the workflow's hash ${hash?.raw}: check which version the workflow needs`,
    );
  }
  return decideExact(findings.exact, wanted, where);
}
