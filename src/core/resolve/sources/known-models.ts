// Source: the known-models index — the files ComfyUI's own templates and ComfyUI-Manager's lists point to, by folder
// and name, asked before any search (the Hub's search matches repo ids, so `flux1-dev.safetensors` is never found by
// its file name there). A Hugging Face entry is checked against the repo itself for its SHA-256, size and gating.
import type { Candidate, ResolutionAttempt } from "../../model";
import { onConfiguredEndpoint } from "../../net";
import { knownModelsFor, type KnownMatch } from "../known-models/lookup";
import { TRUST, type Finding, type ResolutionSourceModule, type SourceContext, type SourceFindings } from "../outcome";
import { HostUnreachableError } from "../upstream";
import { checkHubAccess, hubCandidate, hubRepo } from "./hub";

const describe = ({ entry }: KnownMatch) =>
  `known model ${entry.folder}/${entry.name} (from ${entry.from.url.slice(0, 2).join(", ")}${entry.from.url.length > 2 ? ", …" : ""})`;

async function findingFor(context: SourceContext, match: KnownMatch, attempts: ResolutionAttempt[]): Promise<Finding | null> {
  const { entry } = match;
  const query = `${entry.folder}/${entry.name}`;
  if (!entry.hf) {
    const candidate: Candidate = {
      source: "known_models",
      url: onConfiguredEndpoint(entry.url, context.endpoints),
      fileName: entry.name,
      sha256: entry.sha256 ?? null,
      size: entry.size ?? null,
      page: null,
    };
    attempts.push({ source: "known_models", query, result: `listed at ${new URL(entry.url).host}` });
    return { candidate, exact: true, trust: TRUST.known, where: describe(match) };
  }
  const info = await hubRepo(context, entry.hf.repo);
  if (!("repo" in info)) {
    attempts.push({ source: "known_models", query, result: `${entry.hf.repo}: ${info.problem}` });
    return null;
  }
  const file = info.repo.files.find((candidate) => candidate.path === entry.hf?.path);
  if (!file) {
    attempts.push({ source: "known_models", query, result: `${info.repo.id} no longer has ${entry.hf.path}` });
    return null;
  }
  // The bytes the repo serves are what will be downloaded and verified; a template's older hash is only noted.
  const stale = entry.sha256 && file.sha256 && entry.sha256 !== file.sha256.toLowerCase();
  attempts.push({
    source: "known_models",
    query,
    result: `${info.repo.id}/${file.path}${stale ? ` (its SHA-256 changed since ${entry.from.sha256?.join(", ") ?? "the index"} recorded it)` : ""}`,
  });
  const candidate = hubCandidate(
    context,
    "known_models",
    info.repo.id,
    { ...file, sha256: file.sha256 ?? entry.sha256 ?? null },
    entry.hf.revision,
    entry.name,
  );
  return { candidate, exact: true, trust: TRUST.known, where: describe(match) };
}

export const knownModelsSource: ResolutionSourceModule = {
  source: "known_models",
  applies: (context) => knownModelsFor(context.knownModels, context.ref).length > 0,
  async find(context): Promise<SourceFindings> {
    const attempts: ResolutionAttempt[] = [];
    const matches = knownModelsFor(context.knownModels, context.ref);
    // The workflow's exact name (subfolder too) is the index's own entry; other subfolders only when it has none.
    const listed = matches.filter((match) => match.listed);
    try {
      const found = await Promise.all((listed.length > 0 ? listed : matches).map((match) => findingFor(context, match, attempts)));
      return { findings: found.filter((finding): finding is Finding => finding !== null), attempts, problems: [] };
    } catch (error) {
      if (!(error instanceof HostUnreachableError)) throw error;
      return { findings: [], attempts, problems: [`Hugging Face: ${error.message}`] };
    }
  },
  checkAccess: (context, resolution, _finding, attempts) => checkHubAccess(context, resolution, attempts),
};
