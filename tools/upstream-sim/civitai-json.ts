// The JSON bodies of Civitai's REST API v1, key by key as its server builds them (civitai/civitai@ebed661630):
// search items (src/server/services/model-search.service.ts), version and by-hash answers
// (src/pages/api/v1/model-versions/[id].ts). Keys whose value is undefined are absent, never null.
import type { SimCivitaiFile, SimCivitaiModel, SimCivitaiVersion } from "./catalogue";
import { downloadUrl, fileMetadata, fileType, isPublic, mergedPreferences, primaryFile, type FilePreferences } from "./civitai-files";
import { versionPublishedAt, type SimState } from "./state";

const CREATED_AT = "2024-01-01T00:00:00.000Z";

/** Active early (paid) access as the public API shows it (`paidAccess`, src/server/services/paid-access.service.ts:383-392). */
export function paidAccessOf(version: SimCivitaiVersion, now = Date.now()): { permanent: boolean; endsAt: string | null } | null {
  const gate = version.paidAccess;
  if (!gate) return null;
  if (gate.endsAt !== null && Date.parse(gate.endsAt) <= now) return null;
  return { permanent: gate.endsAt === null, endsAt: gate.endsAt };
}

function fileBody(state: SimState, version: SimCivitaiVersion, file: SimCivitaiFile, primary: boolean) {
  return {
    id: file.id,
    // Like Civitai's: kilobytes as a float, not exact bytes.
    sizeKB: file.size / 1024,
    name: file.name,
    type: fileType(file),
    pickleScanResult: "Success",
    pickleScanMessage: "No Pickle imports",
    virusScanResult: "Success",
    virusScanMessage: null,
    scannedAt: CREATED_AT,
    hashes: state.index.civitaiFileHashes(file),
    downloadUrl: downloadUrl(state.urls.civitaiUrl, version, file, primary),
  };
}

/** Search-result files: Public only; `primary: true` on the chosen one, the key absent on the others (model-search.service.ts:273). */
function searchFiles(state: SimState, version: SimCivitaiVersion, preferences: FilePreferences | undefined) {
  const chosen = primaryFile(version.files, mergedPreferences(preferences));
  return version.files.filter(isPublic).map((file) => {
    const metadata = fileMetadata(file);
    const body = {
      ...fileBody(state, version, file, file === chosen),
      metadata: presentOnly({ format: metadata.format, size: metadata.size, fp: metadata.fp, quantType: metadata.quantType }),
    };
    return file === chosen ? { ...body, primary: true } : body;
  });
}

function searchVersion(state: SimState, model: SimCivitaiModel, version: SimCivitaiVersion, preferences: FilePreferences | undefined, index: number) {
  const paidAccess = paidAccessOf(version);
  const archived = model.mode === "Archived";
  return definedOnly({
    id: version.id,
    index,
    name: version.name,
    baseModel: version.baseModel,
    baseModelType: "Standard",
    publishedAt: versionPublishedAt(version),
    availability: paidAccess ? "EarlyAccess" : "Public",
    nsfwLevel: model.nsfw ? 4 : 1,
    description: null,
    trainedWords: version.trainedWords ?? [],
    supportsGeneration: false,
    earlyAccessDeadline: paidAccess?.endsAt ?? undefined,
    paidAccess,
    stats: { downloadCount: 100 + (version.id % 997), thumbsUpCount: model.thumbsUp ?? 0, thumbsDownCount: 0 },
    files: archived ? [] : searchFiles(state, version, preferences),
    images: [],
    downloadUrl: archived ? undefined : downloadUrl(state.urls.civitaiUrl, version, undefined, true),
  });
}

/** One `/api/v1/models` item. A version without any file is left out (model-search.service.ts:248-249). */
export function searchItem(state: SimState, model: SimCivitaiModel, preferences: FilePreferences | undefined) {
  return definedOnly({
    id: model.id,
    name: model.name,
    description: `<p>${model.name}</p>`,
    type: model.type,
    nsfw: model.nsfw ?? false,
    nsfwLevel: model.nsfw ? 4 : 1,
    minor: false,
    sfwOnly: false,
    poi: false,
    availability: "Public",
    allowNoCredit: true,
    allowCommercialUse: ["Image", "RentCivit"],
    allowDerivatives: true,
    allowDifferentLicense: true,
    mode: model.mode,
    supportsGeneration: false,
    stats: { downloadCount: 1000 + (model.id % 977), thumbsUpCount: model.thumbsUp ?? 0, thumbsDownCount: 0, commentCount: 0, tippedAmountCount: 0 },
    creator: { username: model.creator ?? "sim-creator", image: null },
    tags: model.tags ?? [],
    modelVersions: model.modelVersions
      .filter((version) => version.files.length > 0)
      .map((version, position) => searchVersion(state, model, version, preferences, position)),
  });
}

/**
 * A `/api/v1/model-versions/{id}` or by-hash answer: `primary` is a boolean chosen with the *default* preferences
 * ([id].ts:183), metadata is reduced to format/size/fp, there is no `availability` (only `paidAccess`, since
 * 2026-07-30, commit 5a0945a79a), and an archived model has no files and no downloadUrl.
 */
export function versionBody(state: SimState, model: SimCivitaiModel, version: SimCivitaiVersion) {
  const archived = model.mode === "Archived";
  const chosen = primaryFile(version.files, mergedPreferences());
  const files = archived
    ? []
    : version.files.filter(isPublic).map((file) => {
        const metadata = fileMetadata(file);
        return {
          ...fileBody(state, version, file, file === chosen),
          metadata: presentOnly({ format: metadata.format, size: metadata.size, fp: metadata.fp }),
          primary: file === chosen,
        };
      });
  return definedOnly({
    id: version.id,
    modelId: model.id,
    name: version.name,
    nsfwLevel: model.nsfw ? 4 : 1,
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
    status: "Published",
    publishedAt: versionPublishedAt(version),
    trainedWords: version.trainedWords ?? [],
    trainingStatus: null,
    trainingDetails: null,
    baseModel: version.baseModel,
    baseModelType: "Standard",
    description: null,
    uploadType: "Created",
    usageControl: version.downloadsDisabled ? "Generation" : "Download",
    licensingFee: null,
    paidAccess: paidAccessOf(version),
    air: `urn:air:sdxl:${model.type.toLowerCase()}:civitai:${model.id}@${version.id}`,
    stats: { downloadCount: 100 + (version.id % 997), thumbsUpCount: model.thumbsUp ?? 0 },
    model: definedOnly({ name: model.name, type: model.type, nsfw: model.nsfw ?? false, poi: false, mode: model.mode }),
    files,
    images: [],
    downloadUrl: archived ? undefined : downloadUrl(state.urls.civitaiUrl, version, undefined, true),
  });
}

/** Drops keys whose value is undefined, as JSON.stringify does on Civitai's side. */
function definedOnly<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

/** Metadata keys a file does not have are absent. */
function presentOnly<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined && entry !== null)) as Partial<T>;
}
