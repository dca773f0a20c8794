// Source 4: Civitai — by hash when the workflow gives one, then model search filtered by the folder's model types.
import { z } from "zod";
import type { Candidate, Resolution } from "../../model";
import { endpointUrl } from "../../net";
import { civitaiTypesFor } from "../civitai-types";
import { fileStem, matchName, meaningfulWords } from "../match";
import { decideFindings, needsAuth, resolvedFrom, type ResolutionSourceModule, type SourceContext, type SourceOutcome } from "../outcome";
import { HostUnreachableError } from "../upstream";

const PAGE_SIZE = 20;
const MAX_PAGES = 2;

const FileSchema = z.object({
  id: z.number().optional(),
  name: z.string(),
  sizeKB: z.number().optional(),
  primary: z.boolean().optional(),
  downloadUrl: z.string().optional(),
  hashes: z.record(z.string(), z.string()).optional(),
});
const VersionSchema = z.object({
  id: z.number(),
  modelId: z.number().optional(),
  name: z.string().optional(),
  baseModel: z.string().optional().nullable(),
  availability: z.string().optional().nullable(),
  files: z.array(FileSchema).default([]),
});
const ModelSchema = z.object({ id: z.number(), name: z.string(), type: z.string().optional(), modelVersions: z.array(VersionSchema).default([]) });
const SearchSchema = z.object({
  items: z.array(z.unknown()),
  metadata: z.object({ nextCursor: z.union([z.string(), z.number()]).optional().nullable() }).optional(),
});
const ByHashSchema = VersionSchema.extend({ modelId: z.number(), model: z.object({ name: z.string(), type: z.string().optional() }).optional() });

type CivitaiVersion = z.infer<typeof VersionSchema>;
type CivitaiFile = z.infer<typeof FileSchema>;
type Found = { candidate: Candidate; version: CivitaiVersion; modelName: string };

/** Queries for Civitai's model-name search: the stem, then its meaningful words. */
export function civitaiQueries(wanted: string): string[] {
  const stem = fileStem(wanted);
  const words = meaningfulWords(wanted).join(" ");
  return [...new Set([stem, words].filter((query) => query.length >= 2))];
}

const sha256Of = (file: CivitaiFile) => {
  const value = Object.entries(file.hashes ?? {}).find(([kind]) => kind.toUpperCase() === "SHA256")?.[1];
  return value ? value.toLowerCase() : null;
};

function pageUrl(context: SourceContext, modelId: number | undefined, versionId: number): string | null {
  if (modelId === undefined) return null;
  const url = endpointUrl(context.endpoints.civitai, `/models/${modelId}`);
  url.searchParams.set("modelVersionId", String(versionId));
  return url.href;
}

/** `${base}/api/download/models/${versionId}`, keeping the query that selects a non-primary file. */
function downloadUrl(context: SourceContext, version: CivitaiVersion, file: CivitaiFile): string {
  const url = endpointUrl(context.endpoints.civitai, `/api/download/models/${version.id}`);
  if (file.downloadUrl && file.primary === false) {
    try {
      url.search = new URL(file.downloadUrl).search;
    } catch {
      // A malformed URL from the API: the primary file's URL is the best we have.
    }
  }
  return url.href;
}

function found(context: SourceContext, modelId: number | undefined, modelName: string, version: CivitaiVersion, file: CivitaiFile): Found {
  return {
    version,
    modelName,
    candidate: {
      source: "civitai",
      url: downloadUrl(context, version, file),
      fileName: file.name,
      sha256: sha256Of(file),
      size: null, // sizeKB is approximate; the exact size comes from the download's headers
      page: pageUrl(context, modelId ?? version.modelId, version.id),
      baseModel: version.baseModel ?? null,
    },
  };
}

async function byHash(context: SourceContext): Promise<Found | null> {
  const hash = context.hash;
  if (!hash) return null;
  const url = endpointUrl(context.endpoints.civitai, `/api/v1/model-versions/by-hash/${encodeURIComponent(hash.raw)}`);
  const answer = await context.client.getJson(url, context.signal);
  if (answer.status !== 200) return null;
  const version = ByHashSchema.safeParse(answer.body);
  if (!version.success) return null;
  const matches = (file: CivitaiFile) =>
    Object.values(file.hashes ?? {}).some((value) => value.toLowerCase() === hash.raw || (hash.autoV2 && value.toLowerCase() === hash.autoV2));
  const file = version.data.files.find(matches) ?? version.data.files.find((candidate) => candidate.primary);
  return file ? found(context, version.data.modelId, version.data.model?.name ?? "", version.data, file) : null;
}

async function search(context: SourceContext, query: string, types: string[]): Promise<{ found: Found[]; problem?: string }> {
  const results: Found[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = endpointUrl(context.endpoints.civitai, "/api/v1/models");
    url.searchParams.set("query", query);
    for (const type of types) url.searchParams.append("types", type);
    url.searchParams.set("limit", String(PAGE_SIZE));
    url.searchParams.set("nsfw", "true");
    if (cursor) url.searchParams.set("cursor", cursor);
    const answer = await context.client.getJson(url, context.signal);
    if (answer.status !== 200) return { found: results, problem: `Civitai search for "${query}" answered ${answer.status}` };
    const parsed = SearchSchema.safeParse(answer.body);
    if (!parsed.success) return { found: results, problem: `Civitai search for "${query}" gave an answer ComfyFixer does not understand` };
    for (const raw of parsed.data.items) {
      const model = ModelSchema.safeParse(raw);
      if (!model.success) continue;
      for (const version of model.data.modelVersions) {
        for (const file of version.files) {
          if (matchName(context.wanted, file.name) !== "none") results.push(found(context, model.data.id, model.data.name, version, file));
        }
      }
    }
    const next = parsed.data.metadata?.nextCursor;
    if (results.some((entry) => matchName(context.wanted, entry.candidate.fileName) === "exact") || next === undefined || next === null) break;
    cursor = String(next);
  }
  return { found: results };
}

export const civitaiSource: ResolutionSourceModule = {
  source: "civitai",
  async find(context): Promise<SourceOutcome> {
    const types = civitaiTypesFor(context.ref.folder);
    const queries: string[] = [];
    const problems: string[] = [];
    const all: Found[] = [];
    try {
      const hashed = await byHash(context);
      if (context.hash) queries.push(`civitai by hash: ${context.hash.raw}`);
      if (hashed) all.push(hashed);
      else {
        for (const query of civitaiQueries(context.wanted)) {
          queries.push(`civitai: ${query}${types.length ? ` (types ${types.join(", ")})` : ""}`);
          const answer = await search(context, query, types);
          all.push(...answer.found);
          if (answer.problem) problems.push(answer.problem);
          if (answer.found.some((entry) => matchName(context.wanted, entry.candidate.fileName) === "exact")) break;
        }
      }
      const exact = all.filter((entry) => matchName(context.wanted, entry.candidate.fileName) === "exact").map((entry) => entry.candidate);
      const similar = all.filter((entry) => !exact.includes(entry.candidate)).map((entry) => entry.candidate);
      const where = (candidate: Candidate) => {
        const entry = all.find((item) => item.candidate === candidate);
        return `civitai model "${entry?.modelName ?? "?"}" version "${entry?.version.name ?? "?"}"`;
      };
      const hashFound = hashed
        ? resolvedFrom(hashed.candidate, `civitai by-hash lookup of ${context.hash?.raw} found "${hashed.candidate.fileName}" in ${where(hashed.candidate)}`)
        : undefined;
      const decided = hashFound ?? decideFindings({ exact, similar }, context, where);
      const version = decided?.status === "resolved" ? all.find((entry) => entry.candidate.url === decided.url)?.version : undefined;
      const resolution = decided && version ? await checkDownload(context, decided, version) : decided;
      return { resolution, similar, queries, problems };
    } catch (error) {
      if (!(error instanceof HostUnreachableError)) throw error;
      return { queries, problems: [`Civitai: ${error.message}`] };
    }
  },
};

type DownloadProbe = { status: number; location: string | null; contentType: string; message: string; size: number | null };

const PROBE_TEXT_LIMIT = 400;

/** Asks the download endpoint (without fetching the file) whether this user may download it, and its exact size. */
async function probeDownload(context: SourceContext, url: URL): Promise<DownloadProbe> {
  const answer = await context.client.request(url, { method: "GET", redirect: "manual", readBody: "text-only", signal: context.signal });
  const body = answer.body as { message?: string; error?: string } | string | null;
  const message = typeof body === "string" ? body.slice(0, PROBE_TEXT_LIMIT) : (body?.message ?? body?.error ?? "");
  const location = answer.headers.location ? new URL(answer.headers.location, url).href : null;
  const declared = Number(answer.headers["x-linked-size"] ?? answer.headers["content-length"]);
  const probe: DownloadProbe = {
    status: answer.status,
    location,
    contentType: answer.headers["content-type"] ?? "",
    message,
    size: answer.status === 200 && Number.isFinite(declared) && declared > 0 ? declared : null,
  };
  if (!location || answer.status < 300 || answer.status >= 400 || isLoginRedirect(location)) return probe;
  try {
    const stored = await context.client.request(new URL(location), { method: "HEAD", redirect: "manual", signal: context.signal });
    const size = Number(stored.headers["x-linked-size"] ?? stored.headers["content-length"]);
    return { ...probe, location: null, size: stored.status < 300 && Number.isFinite(size) && size > 0 ? size : null };
  } catch (error) {
    context.log("debug", `HEAD of Civitai's storage URL failed (${context.client.redact(String(error))}); size stays unknown`);
    return { ...probe, location: null };
  }
}

const isLoginRedirect = (location: string) => /\/login\b|reason=download-auth/i.test(location);

const SIGN_IN_HINT = "set CIVITAI_API_TOKEN (create an API key under civitai.com → Account settings → API Keys)";

/** What a download answer means for the user, in order of the checks Civitai makes. */
function probeVerdict(probe: DownloadProbe, hasToken: boolean): { status: "ok" | "needs_auth" | "error"; why: string } {
  if (probe.status === 401 && /disabled downloads/i.test(probe.message)) {
    return { status: "needs_auth", why: "the creator has disabled downloads of this file on Civitai; find another source or ask the creator" };
  }
  if (probe.status === 401 || (probe.location && isLoginRedirect(probe.location))) {
    return hasToken
      ? { status: "needs_auth", why: "Civitai refused CIVITAI_API_TOKEN for this download: check that the key is valid and not expired" }
      : { status: "needs_auth", why: `Civitai requires a logged-in user to download this file: ${SIGN_IN_HINT}` };
  }
  if (probe.status === 403) {
    return /early access/i.test(probe.message)
      ? { status: "needs_auth", why: "this version is in Early Access on Civitai: wait until it ends, or unlock it on the model page" }
      : { status: "needs_auth", why: `Civitai forbids this download (${probe.message || "403"})` };
  }
  if (probe.status >= 200 && probe.status < 300 && /html/i.test(probe.contentType)) {
    return {
      status: "error",
      why: `Civitai answered with a web page instead of the file (a sign-in or check page): open the model page in a browser; if it asks to sign in, ${SIGN_IN_HINT}`,
    };
  }
  if (probe.status === 404) return { status: "error", why: "Civitai lists this file but its download answered 404 (removed?)" };
  return { status: "ok", why: "" };
}

async function checkDownload(context: SourceContext, resolution: Resolution, version: CivitaiVersion): Promise<Resolution> {
  const candidate = resolution.candidates[0];
  if (!candidate || !resolution.url) return resolution;
  const hasToken = Boolean(context.tokens.civitai);
  if (version.availability === "EarlyAccess") {
    return needsAuth(
      candidate,
      `${resolution.reason}, but this version is in Early Access on Civitai: wait until it ends, or unlock it at ${candidate.page ?? "the model page"}`,
    );
  }
  const url = new URL(resolution.url);
  const probe = await context.client.cached(
    context.client.keyFor("PROBE", url),
    async (): Promise<DownloadProbe | null> => {
      try {
        return await probeDownload(context, url);
      } catch (error) {
        if (error instanceof HostUnreachableError) throw error;
        context.log("warn", `Checking the Civitai download ${url.pathname} failed: ${context.client.redact(String(error))}`);
        return null;
      }
    },
    (answer) => answer !== null && answer.status < 500,
  );
  if (!probe) return resolution;
  const verdict = probeVerdict(probe, hasToken);
  if (verdict.status === "needs_auth") return needsAuth(candidate, `${resolution.reason}, but ${verdict.why}`);
  if (verdict.status === "error") return { ...resolution, status: "error", reason: `${resolution.reason}, but ${verdict.why}` };
  const sized = { ...candidate, size: probe.size };
  return { ...resolution, size: probe.size, candidates: [sized, ...resolution.candidates.slice(1)] };
}
