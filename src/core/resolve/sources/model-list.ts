// Source: model lists in ComfyUI-Manager's model-list.json shape, from files or URLs — the team's own, and Manager's
// published list by default. An entry counts for a reference when its file name matches and Manager would save it
// to the reference's folder.
import { readFile } from "node:fs/promises";
import { errorMessage } from "../../error-message";
import type { Candidate } from "../../model";
import { onConfiguredEndpoint } from "../../net";
import { canonicalFolder } from "../../registry/folders";
import { linkRefusal, parseUrl } from "../link-policy";
import { managerFolder, ManagerListEntrySchema, ManagerListSchema, type ManagerListEntry } from "../manager-list";
import { knownHash, matchName, normalisedStem } from "../match";
import { TRUST, type Finding, type ResolutionSourceModule, type SourceContext, type SourceFindings } from "../outcome";

type ListedEntry = ManagerListEntry & { list: string };
type LoadedLists = { entries: ListedEntry[]; problems: string[] };

async function readList(location: string, context: SourceContext): Promise<unknown> {
  const url = /^https?:\/\//i.test(location) ? parseUrl(location) : null;
  if (!url) return JSON.parse(await readFile(location, "utf8"));
  const answer = await context.client.getJson(url, context.signal);
  if (answer.status !== 200) throw new Error(`${url.host} answered ${answer.status}`);
  return typeof answer.body === "string" ? JSON.parse(answer.body) : answer.body;
}

async function loadList(location: string, context: SourceContext): Promise<LoadedLists> {
  try {
    const parsed = ManagerListSchema.safeParse(await readList(location, context));
    if (!parsed.success) return { entries: [], problems: [`model list ${location} has no "models" array`] };
    // One bad entry should not hide the rest of the list.
    const entries = parsed.data.models.flatMap((raw) => {
      const entry = ManagerListEntrySchema.safeParse(raw);
      return entry.success ? [{ ...entry.data, url: onConfiguredEndpoint(entry.data.url, context.endpoints), list: location }] : [];
    });
    return { entries, problems: [] };
  } catch (error) {
    return { entries: [], problems: [`model list ${location} could not be read: ${context.client.redact(errorMessage(error))}`] };
  }
}

function candidateOf(entry: ListedEntry): Candidate {
  const sha256 = knownHash(entry.sha256)?.sha256 ?? null;
  return { source: "model_list", url: entry.url, fileName: entry.filename, sha256, size: null, page: entry.reference ?? null };
}

/** Whether Manager would save the entry where the reference's folder is (lists without save_path match any folder). */
function sameFolder(entry: ListedEntry, folder: string): boolean {
  if (entry.save_path === undefined) return true;
  const saved = managerFolder(entry);
  return saved.folderKey === null ? saved.folder === folder : saved.folderKey === canonicalFolder(folder);
}

const locations = (context: SourceContext) => [...context.settings.resolve.model_lists, ...context.defaultModelLists];

/** A model-list source whose lists are read once for the resolver's lifetime. */
export function createModelListSource(): ResolutionSourceModule {
  let loaded: Promise<LoadedLists> | undefined;
  const load = (context: SourceContext) =>
    (loaded ??= Promise.all(locations(context).map((location) => loadList(location, context))).then((lists) => ({
      entries: lists.flatMap((list) => list.entries),
      problems: lists.flatMap((list) => list.problems),
    })));

  return {
    source: "model_list",
    applies: (context) => locations(context).length > 0,
    async find(context): Promise<SourceFindings> {
      const lists = await load(context);
      const problems = [...lists.problems];
      const findings: Finding[] = [];
      const wantedStem = normalisedStem(context.wanted);
      for (const entry of lists.entries) {
        const kind = matchName(context.wanted, entry.filename);
        const byHash = context.hash?.sha256 !== undefined && context.hash?.sha256 !== null && knownHash(entry.sha256)?.sha256 === context.hash.sha256;
        if (!byHash && ((kind === "none" && normalisedStem(entry.filename) !== wantedStem) || !sameFolder(entry, context.ref.folder))) continue;
        const url = parseUrl(entry.url);
        const refusal = url ? linkRefusal(url, context.policy) : "not a valid URL";
        if (refusal) {
          problems.push(`model list ${entry.list} links "${entry.filename}" to ${entry.url}, not used: ${refusal}`);
          continue;
        }
        findings.push({ candidate: candidateOf(entry), exact: kind === "exact", trust: TRUST.known, where: `model list ${entry.list}` });
      }
      const attempts = locations(context).map((list) => {
        const count = findings.filter((finding) => finding.where === `model list ${list}`).length;
        return { source: "model_list" as const, query: list, result: `${count} ${count === 1 ? "entry" : "entries"} for "${context.wanted}"` };
      });
      return { findings, attempts, problems };
    },
  };
}
