// Source 2: team model lists in ComfyUI-Manager's model-list.json shape, from files or URLs.
import { errorMessage } from "../../error-message";
import { onConfiguredEndpoint } from "../../net";
import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { Candidate } from "../../model";
import { linkRefusal, parseUrl } from "../link-policy";
import { matchName, normalisedStem } from "../match";
import { decideFindings, type ResolutionSourceModule, type SourceContext, type SourceOutcome } from "../outcome";

const ModelListEntrySchema = z.object({
  name: z.string().optional(),
  type: z.string().optional(),
  base: z.string().optional(),
  save_path: z.string().optional(),
  reference: z.string().optional(),
  filename: z.string().min(1),
  url: z.string().min(1),
  sha256: z.string().optional().nullable(),
});
const ModelListSchema = z.object({ models: z.array(z.unknown()) });

export type ModelListEntry = z.infer<typeof ModelListEntrySchema> & { list: string };
type LoadedLists = { entries: ModelListEntry[]; problems: string[] };

async function readList(location: string, context: SourceContext): Promise<unknown> {
  const url = /^https?:\/\//i.test(location) ? parseUrl(location) : null;
  if (!url) return JSON.parse(await readFile(location, "utf8"));
  const answer = await context.client.getJson(url, context.signal);
  if (answer.status !== 200) throw new Error(`${url.host} answered ${answer.status}`);
  return typeof answer.body === "string" ? JSON.parse(answer.body) : answer.body;
}

async function loadList(location: string, context: SourceContext): Promise<LoadedLists> {
  try {
    const parsed = ModelListSchema.safeParse(await readList(location, context));
    if (!parsed.success) return { entries: [], problems: [`model list ${location} has no "models" array`] };
    // One bad entry should not hide the rest of the list.
    const entries = parsed.data.models.flatMap((raw) => {
      const entry = ModelListEntrySchema.safeParse(raw);
      return entry.success ? [{ ...entry.data, url: onConfiguredEndpoint(entry.data.url, context.endpoints), list: location }] : [];
    });
    return { entries, problems: [] };
  } catch (error) {
    return { entries: [], problems: [`model list ${location} could not be read: ${errorMessage(error)}`] };
  }
}

function candidateOf(entry: ModelListEntry): Candidate {
  const sha256 = entry.sha256 && /^[0-9a-f]{64}$/i.test(entry.sha256) ? entry.sha256.toLowerCase() : null;
  return { source: "model_list", url: entry.url, fileName: entry.filename, sha256, size: null, page: entry.reference ?? null };
}

/** A model-list source whose lists are read once for the resolver's lifetime. */
export function createModelListSource(): ResolutionSourceModule {
  let loaded: Promise<LoadedLists> | undefined;
  const load = (context: SourceContext) =>
    (loaded ??= Promise.all(context.settings.resolve.model_lists.map((location) => loadList(location, context))).then((lists) => ({
      entries: lists.flatMap((list) => list.entries),
      problems: lists.flatMap((list) => list.problems),
    })));

  return {
    source: "model_list",
    async find(context): Promise<SourceOutcome> {
      if (context.settings.resolve.model_lists.length === 0) return {};
      const lists = await load(context);
      const problems = [...lists.problems];
      const exact: Candidate[] = [];
      const similar: Candidate[] = [];
      const wantedStem = normalisedStem(context.wanted);
      for (const entry of lists.entries) {
        const kind = matchName(context.wanted, entry.filename);
        const byHash = context.hash?.sha256 && entry.sha256?.toLowerCase() === context.hash.sha256;
        if (kind === "none" && !byHash && normalisedStem(entry.filename) !== wantedStem) continue;
        const url = parseUrl(entry.url);
        const refusal = url ? linkRefusal(url, context.policy) : "not a valid URL";
        if (refusal) {
          problems.push(`model list ${entry.list} links "${entry.filename}" to ${entry.url}, not used: ${refusal}`);
          continue;
        }
        (kind === "exact" ? exact : similar).push(candidateOf(entry));
      }
      const where = (candidate: Candidate) => {
        const entry = lists.entries.find((listed) => listed.url === candidate.url);
        return `model list ${entry?.list ?? "?"}`;
      };
      return { resolution: decideFindings({ exact, similar }, context, where), similar, problems };
    },
  };
}
