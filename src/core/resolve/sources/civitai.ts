// Source: Civitai — by hash when one is known (the workflow's, an image's AutoV2, a same-name file on disk), else model
// searches derived from the file name, filtered by the folder's model types; the exact file is matched inside the
// versions' `files[]` and downloaded by `?fileId=`, which names it whatever the account's file preferences are.
import { z } from "zod";
import type { Candidate, ResolutionAttempt } from "../../model";
import { endpointUrl } from "../../net";
import { civitaiTypesFor } from "../civitai-types";
import { matchName } from "../match";
import { TRUST, type Finding, type ResolutionSourceModule, type SourceContext, type SourceFindings } from "../outcome";
import { HostUnreachableError } from "../upstream";
import { checkCivitaiDownload } from "./civitai-access";
import { civitaiQueries } from "./queries";

/** One page per query: Civitai's search pages hold up to 100 models (src/pages/api/v1/models/index.ts:41). */
const PAGE_SIZE = 100;

const FileSchema = z.object({
  id: z.number().optional(),
  name: z.string(),
  // `primary` is true or absent in search results, a boolean elsewhere; ComfyFixer never relies on it.
  primary: z.boolean().optional(),
  downloadUrl: z.string().optional(),
  hashes: z.record(z.string(), z.string()).optional(),
});
const PaidAccessSchema = z.object({ permanent: z.boolean().optional(), endsAt: z.string().nullable().optional() }).nullable().optional();
const VersionSchema = z.object({
  id: z.number(),
  modelId: z.number().optional(),
  name: z.string().optional(),
  baseModel: z.string().optional().nullable(),
  availability: z.string().optional().nullable(),
  paidAccess: PaidAccessSchema,
  files: z.array(FileSchema).default([]),
});
const ModelSchema = z.object({ id: z.number(), name: z.string(), type: z.string().optional(), modelVersions: z.array(VersionSchema).default([]) });
const SearchSchema = z.object({ items: z.array(z.unknown()) });
const ByHashSchema = VersionSchema.extend({ modelId: z.number(), model: z.object({ name: z.string(), type: z.string().optional() }).optional() });

type CivitaiVersion = z.infer<typeof VersionSchema>;
type CivitaiFile = z.infer<typeof FileSchema>;

const sha256Of = (file: CivitaiFile) => {
  const value = Object.entries(file.hashes ?? {}).find(([kind]) => kind.toUpperCase() === "SHA256")?.[1];
  return value ? value.toLowerCase() : null;
};

/** Early (paid) access: search results say `availability`; version and by-hash answers only `paidAccess` (since 2026-07-30). */
function inEarlyAccess(version: CivitaiVersion, now = Date.now()): boolean {
  if (version.availability === "EarlyAccess") return true;
  const gate = version.paidAccess;
  if (!gate) return false;
  return gate.permanent === true || !gate.endsAt || Date.parse(gate.endsAt) > now;
}

/**
 * The download URL of exactly this file: `?fileId=` (accepted since civitai/civitai bb7e9c7560, 2026-04-22; validated
 * to belong to the version). Without an id, the file's own `downloadUrl` query (type/format/size/fp), which the score
 * may still resolve to another file.
 */
function downloadUrl(context: SourceContext, version: CivitaiVersion, file: CivitaiFile): string {
  const url = endpointUrl(context.endpoints.civitai, `/api/download/models/${version.id}`);
  if (file.id !== undefined) url.searchParams.set("fileId", String(file.id));
  else if (file.downloadUrl) {
    try {
      url.search = new URL(file.downloadUrl).search;
    } catch {
      // A malformed URL from the API: the version's URL is the best there is.
    }
  }
  return url.href;
}

function pageUrl(context: SourceContext, modelId: number | undefined, versionId: number): string | null {
  if (modelId === undefined) return null;
  const url = endpointUrl(context.endpoints.civitai, `/models/${modelId}`);
  url.searchParams.set("modelVersionId", String(versionId));
  return url.href;
}

function finding(context: SourceContext, modelId: number | undefined, modelName: string, version: CivitaiVersion, file: CivitaiFile): Finding {
  const candidate: Candidate = {
    source: "civitai",
    url: downloadUrl(context, version, file),
    fileName: file.name,
    sha256: sha256Of(file),
    size: null, // sizeKB is approximate; the exact size comes from the download's headers
    page: pageUrl(context, modelId ?? version.modelId, version.id),
    baseModel: version.baseModel ?? null,
    origin: { kind: "civitai", modelId: modelId ?? version.modelId ?? null, versionId: version.id, fileId: file.id ?? null },
  };
  return {
    candidate,
    exact: matchName(context.wanted, file.name) === "exact",
    trust: TRUST.community,
    where: `civitai model "${modelName}" version "${version.name ?? version.id}"`,
    earlyAccess: inEarlyAccess(version),
  };
}

/** Civitai's by-hash lookup: any hash type, upper-cased and matched exactly (src/pages/api/v1/model-versions/by-hash/[hash].ts). */
export const civitaiByHashSource: ResolutionSourceModule = {
  source: "civitai",
  applies: (context) => context.hash !== null,
  async find(context): Promise<SourceFindings> {
    const hash = context.hash;
    if (!hash) return { findings: [], attempts: [], problems: [] };
    const query = `by hash ${hash.raw}`;
    try {
      const url = endpointUrl(context.endpoints.civitai, `/api/v1/model-versions/by-hash/${encodeURIComponent(hash.raw)}`);
      const answer = await context.client.getJson(url, context.signal);
      const attempts: ResolutionAttempt[] = [];
      const version = answer.status === 200 ? ByHashSchema.safeParse(answer.body) : null;
      if (!version?.success) {
        attempts.push({ source: "civitai", query, result: answer.status === 404 ? "no version has this hash" : `answered ${answer.status}` });
        return { findings: [], attempts, problems: answer.status >= 500 ? [`Civitai's by-hash lookup answered ${answer.status}`] : [] };
      }
      const matches = (file: CivitaiFile) => Object.values(file.hashes ?? {}).some((value) => [hash.raw, hash.autoV2].includes(value.toLowerCase()));
      const file = version.data.files.find(matches);
      if (!file) {
        attempts.push({ source: "civitai", query, result: `version ${version.data.id} lists no file with this hash (archived?)` });
        return { findings: [], attempts, problems: [] };
      }
      const found = finding(context, version.data.modelId, version.data.model?.name ?? "", version.data, file);
      attempts.push({ source: "civitai", query, result: `"${file.name}" in ${found.where}` });
      return { findings: [{ ...found, hashConfirmed: true }], attempts, problems: [] };
    } catch (error) {
      if (!(error instanceof HostUnreachableError)) throw error;
      return { findings: [], attempts: [{ source: "civitai", query, result: "unreachable" }], problems: [`Civitai: ${error.message}`] };
    }
  },
  checkAccess: checkCivitaiDownload,
};

async function search(context: SourceContext, query: string, types: string[]): Promise<{ findings: Finding[]; models: number } | { problem: string }> {
  const url = endpointUrl(context.endpoints.civitai, "/api/v1/models");
  url.searchParams.set("query", query);
  for (const type of types) url.searchParams.append("types", type);
  url.searchParams.set("limit", String(PAGE_SIZE));
  url.searchParams.set("nsfw", "true");
  const answer = await context.client.getJson(url, context.signal);
  if (answer.status !== 200) {
    const said = (answer.body as { error?: unknown } | null)?.error;
    return { problem: `Civitai search for "${query}" answered ${answer.status}${typeof said === "string" ? ` (${said})` : ""}` };
  }
  const parsed = SearchSchema.safeParse(answer.body);
  if (!parsed.success) return { problem: `Civitai search for "${query}" gave an answer ComfyFixer does not understand` };
  const findings: Finding[] = [];
  for (const raw of parsed.data.items) {
    const model = ModelSchema.safeParse(raw);
    if (!model.success) continue;
    for (const version of model.data.modelVersions) {
      for (const file of version.files) {
        if (matchName(context.wanted, file.name) !== "none") findings.push(finding(context, model.data.id, model.data.name, version, file));
      }
    }
  }
  return { findings, models: parsed.data.items.length };
}

/** Civitai's model search with queries a person would type, all at once. */
export const civitaiSearchSource: ResolutionSourceModule = {
  source: "civitai",
  async find(context): Promise<SourceFindings> {
    const types = civitaiTypesFor(context.ref.folder);
    const typeNote = types.length ? ` (types ${types.join(", ")})` : "";
    const queries = civitaiQueries(context.wanted);
    const attempts: ResolutionAttempt[] = [];
    const problems: string[] = [];
    const findings: Finding[] = [];
    try {
      const answers = await Promise.all(queries.map((query) => search(context, query, types)));
      answers.forEach((answer, index) => {
        const query = `search "${queries[index]}"${typeNote}`;
        if ("problem" in answer) {
          problems.push(answer.problem);
          attempts.push({ source: "civitai", query, result: answer.problem });
          return;
        }
        const fresh = answer.findings.filter((found) => !findings.some((kept) => kept.candidate.url === found.candidate.url));
        findings.push(...fresh);
        const exact = fresh.filter((found) => found.exact);
        attempts.push({
          source: "civitai",
          query,
          result: `${answer.models} models; ${exact.length > 0 ? `"${context.wanted}" in ${exact.map((found) => found.where).join("; ")}` : fresh.length > 0 ? `${fresh.length} similar file names` : `no file named "${context.wanted}"`}`,
        });
      });
    } catch (error) {
      if (!(error instanceof HostUnreachableError)) throw error;
      problems.push(`Civitai: ${error.message}`);
    }
    return { findings, attempts, problems };
  },
  checkAccess: checkCivitaiDownload,
};
