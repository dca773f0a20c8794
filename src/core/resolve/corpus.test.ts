// On the shared workflow corpus, against a simulator catalogue named as the real sites name things: whatever the
// resolver finds is the right file, every workflow link and every file the known-models index knows resolves, and no
// model resolves to a wrong file. How many it finds by search is measured by bench/resolve, not pinned here.
import pLimit from "p-limit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelBaseName, type Resolution } from "../model";
import { fileStem } from "./match";
import { corpusCatalogue, readCorpusExpected } from "../../test/fixtures/corpus";
import { modelRef, resolverFor, startSim } from "../../test/fixtures/resolve";
import { type CorpusCatalogue, type ExpectedModels, type UpstreamSim } from "../../test/sim";

const expected = readCorpusExpected();

// The corpus is shared beside the project, not part of it; without it there is nothing to check.
describe.skipIf(!expected)("resolution of the shared corpus", () => {
  let sim: UpstreamSim;
  let catalogue: CorpusCatalogue;
  const corpus = expected as ExpectedModels;

  beforeAll(async () => {
    catalogue = corpusCatalogue(corpus);
    sim = await startSim(catalogue);
  });
  afterAll(() => sim?.close());

  it("resolves every linked or known model to its own file, and no model to a wrong file", async () => {
    const models = Object.entries(corpus).flatMap(([workflow, list]) => list.map((model) => ({ ...model, workflow })));
    const unique = [...new Map(models.map((model) => [`${model.folder}|${modelBaseName(model.name).toLowerCase()}`, model])).values()];
    // As in a run: links any workflow gives serve every workflow that names the same file.
    const links = models.flatMap((model) => (model.url ? [{ name: model.name, url: model.url, hash: null, folder: model.folder }] : []));
    const resolver = resolverFor(sim, { links });
    const limit = pLimit(4);
    const results = await Promise.all(
      unique.map((model) =>
        limit(async () => {
          const ref = modelRef(model.name, model.folder, { url: model.url ?? null, workflow: model.workflow, nodeType: model.node_type ?? "" });
          return { model, resolution: await resolver.resolve(ref) };
        }),
      ),
    );
    const wrong = (wantedName: string, resolution: Resolution) => {
      const wanted = modelBaseName(wantedName);
      const got = modelBaseName(resolution.candidates[0]?.fileName ?? "");
      const sameName = got === wanted || (!wanted.includes(".") && fileStem(got) === wanted);
      if (!sameName) return `resolved to "${got}"`;
      // A link (the workflow's, or the index's to a host other than the two services) is trusted for the file it names.
      const onSimulator = [sim.hfUrl, sim.civitaiUrl].some((base) => resolution.url?.startsWith(base));
      if (resolution.source === "workflow" || !onSimulator) return null;
      const origin = resolution.candidates[0]?.origin;
      const published = (
        origin?.kind === "huggingface"
          ? sim.fileInfo({ hfRepo: origin.repo, path: origin.path })
          : origin?.kind === "civitai" && origin.fileId !== null
            ? sim.fileInfo({ civitaiFileId: origin.fileId })
            : sim.fileInfo(got)
      ).sha256;
      return resolution.sha256 === published ? null : `SHA-256 ${resolution.sha256} is not the placed file's ${published}`;
    };
    // The catalogue has one file per name; a second folder naming it may want another file, and is not counted.
    const placement = (name: string, folder: string) =>
      catalogue.placements.find((placed) => placed.folder === folder && placed.fileName.toLowerCase() === modelBaseName(name).toLowerCase());
    const problems = results.flatMap(({ model, resolution }) => {
      const how = placement(model.name, model.folder)?.how;
      if (resolution.status !== "resolved") {
        return how === "workflow-link" || how === "known-location"
          ? [`${model.name} (${model.folder}, ${how}): ${resolution.status} — ${resolution.reason}`]
          : [];
      }
      const why = wrong(model.name, resolution);
      return why ? [`${model.name} (${model.folder}): ${why}`] : [];
    });
    expect(problems).toEqual([]);
    expect(results.filter(({ resolution }) => resolution.status === "resolved").length).toBeGreaterThan(10);
  });
});
