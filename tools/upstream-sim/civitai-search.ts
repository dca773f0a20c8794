// Civitai's model search (`query`), approximated from its Meilisearch index settings
// (civitai/civitai@ebed661630 src/server/search-index/models.search-index.ts): searchable attributes are the model's
// name, its creator's user name, model-level hashes and trigger words — never file names. Ranking:
// attribute, thumbs-up count, then the number of query words matched; a query keeps matching with its last words
// dropped (Meilisearch's default "last" strategy). Typo tolerance is not modelled.
import type { SimCivitaiModel } from "./catalogue";
import { fileType } from "./civitai-files";
import { MAIN_WEIGHT_FILE_TYPES, type CatalogueIndex } from "./state";

type Attribute = { words: string[]; exact?: boolean };

export function searchWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Model-level hashes of main-weight files, lower-case, never AutoV1 (models.search-index.ts:377; model.selector.ts). */
function modelHashes(model: SimCivitaiModel, index: CatalogueIndex): string[] {
  return model.modelVersions.flatMap((version) =>
    version.files
      .filter((file) => MAIN_WEIGHT_FILE_TYPES.has(fileType(file)))
      .flatMap((file) =>
        Object.entries(index.civitaiFileHashes(file))
          .filter(([kind]) => kind !== "AutoV1")
          .map(([, value]) => value.toLowerCase()),
      ),
  );
}

/** The searchable attributes in ranking order: name, user.username, hashes, triggerWords. */
function attributes(model: SimCivitaiModel, index: CatalogueIndex): Attribute[] {
  return [
    { words: searchWords(model.name) },
    { words: searchWords(model.creator ?? "") },
    { words: modelHashes(model, index), exact: true },
    { words: model.modelVersions.flatMap((version) => (version.trainedWords ?? []).flatMap(searchWords)) },
  ];
}

type Hit = { model: SimCivitaiModel; attribute: number; matchedWords: number };

/**
 * When the first k query words each match a word of some attribute, the best attribute any of them matched in; else -1.
 * Only the query's last word may match as a prefix (Meilisearch's prefix search), and hashes only whole.
 */
function bestAttribute(attrs: Attribute[], query: string[], k: number): number {
  const wanted = query.slice(0, k);
  const lastIsPrefix = k === query.length;
  const matches = (word: string, position: number, attr: Attribute) =>
    attr.words.some((candidate) => candidate === word || (!attr.exact && lastIsPrefix && position === wanted.length - 1 && candidate.startsWith(word)));
  const everyWordSomewhere = wanted.every((word, position) => attrs.some((attr) => matches(word, position, attr)));
  if (!everyWordSomewhere) return -1;
  return attrs.findIndex((attr) => wanted.some((word, position) => matches(word, position, attr)));
}

/** Every model the query finds, in Civitai's order. An empty query lists everything (by thumbs-up). */
export function searchModels(models: SimCivitaiModel[], query: string, index: CatalogueIndex): SimCivitaiModel[] {
  const words = searchWords(query);
  const hits: Hit[] = [];
  for (const model of models) {
    if (words.length === 0) {
      hits.push({ model, attribute: 0, matchedWords: 0 });
      continue;
    }
    const attrs = attributes(model, index);
    for (let k = words.length; k >= 1; k--) {
      const attribute = bestAttribute(attrs, words, k);
      if (attribute >= 0) {
        hits.push({ model, attribute, matchedWords: k });
        break;
      }
    }
  }
  return hits
    .sort(
      (a, b) => a.attribute - b.attribute || (b.model.thumbsUp ?? 0) - (a.model.thumbsUp ?? 0) || b.matchedWords - a.matchedWords || a.model.id - b.model.id,
    )
    .map((hit) => hit.model);
}
