// On the shared workflow corpus: with a simulator catalogue built from the expected models, every model resolves to its own file.
import { existsSync, readFileSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import pLimit from "p-limit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../config/project-root";
import { modelBaseName, type Resolution } from "../model";
import { fileStem } from "./match";
import { modelRef, resolverFor, startSim } from "../../test/fixtures/resolve";
import { type UpstreamSim, catalogueFromExpected, type ExpectedModels } from "../../test/sim";

const corpusDir = resolvePath(projectRoot(), "../shared/corpus");
const expectedPath = resolvePath(corpusDir, "expected.json");

// The corpus is shared beside the project, not part of it; without it there is nothing to check.
describe.skipIf(!existsSync(expectedPath))("resolution of the shared corpus", () => {
  let sim: UpstreamSim;
  let expected: ExpectedModels;

  beforeAll(async () => {
    expected = JSON.parse(readFileSync(expectedPath, "utf8")) as ExpectedModels;
    sim = await startSim(catalogueFromExpected(expected));
  });
  afterAll(() => sim?.close());

  it("resolves every expected model to a file of its own name, and none to a wrong file", async () => {
    const models = Object.entries(expected).flatMap(([workflow, list]) => list.map((model) => ({ ...model, workflow })));
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
      if (resolution.source === "workflow") return null;
      const published = sim.fileInfo(got).sha256;
      return resolution.sha256 === published ? null : `SHA-256 ${resolution.sha256} is not the catalogue's ${published}`;
    };
    const problems = results.flatMap(({ model, resolution }) => {
      if (resolution.status !== "resolved") return [`${model.name} (${model.folder}): ${resolution.status} — ${resolution.reason}`];
      const why = wrong(model.name, resolution);
      return why ? [`${model.name} (${model.folder}): ${why}`] : [];
    });
    expect(problems).toEqual([]);
    expect(results.length).toBeGreaterThan(10);
  });
});
