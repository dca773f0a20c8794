// The upstream simulator the browser tests run against: the demo catalogue (with its ambiguous
// file) plus, when the shared corpus is there, every model its workflows expect, named as the real sites name them.
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { corpusCatalogue, corpusExpectedPath } from "../src/test/fixtures/corpus";
import type { SimCatalogue } from "../tools/upstream-sim/catalogue";
import type { ExpectedModels } from "../tools/upstream-sim/corpus-catalogue";
import { demoCatalogue } from "../tools/upstream-sim/demo-catalogue";

/** The shared corpus of real workflows; absent outside the team's workspace, and the corpus specs skip then. */
export const corpusDir = () => dirname(corpusExpectedPath());

/** Small files served slowly, so a run lasts long enough to watch, cancel and disconnect from. */
export const E2E_FILE_BYTES = 3 * 1024 * 1024;
export const E2E_BYTES_PER_SECOND = 1024 * 1024;

function mergeCatalogues(first: SimCatalogue, second: SimCatalogue): SimCatalogue {
  const versionIds = new Set(first.civitai.models.flatMap((model) => model.modelVersions.map((version) => version.id)));
  const modelIds = new Set(first.civitai.models.map((model) => model.id));
  // A corpus link may name a real version id that the demo catalogue also uses; the first catalogue wins.
  const extraModels = second.civitai.models.filter((model) => !modelIds.has(model.id) && model.modelVersions.every((version) => !versionIds.has(version.id)));
  const repos = new Map(first.huggingface.repos.map((repo) => [repo.id, repo]));
  for (const repo of second.huggingface.repos) {
    const existing = repos.get(repo.id);
    if (!existing) repos.set(repo.id, repo);
    else {
      const paths = new Set(existing.files.map((file) => file.path));
      repos.set(repo.id, { ...existing, files: [...existing.files, ...repo.files.filter((file) => !paths.has(file.path))] });
    }
  }
  return { civitai: { models: [...first.civitai.models, ...extraModels] }, huggingface: { repos: [...repos.values()] } };
}

export function e2eCatalogue(): SimCatalogue {
  const demo = demoCatalogue({ sizeScale: E2E_FILE_BYTES / (16 * 1024 * 1024) });
  const expectedFile = resolve(corpusDir(), "expected.json");
  if (!existsSync(expectedFile)) return demo;
  const expected = JSON.parse(readFileSync(expectedFile, "utf8")) as ExpectedModels;
  return mergeCatalogues(demo, corpusCatalogue(expected, { sizeBytes: E2E_FILE_BYTES }));
}
