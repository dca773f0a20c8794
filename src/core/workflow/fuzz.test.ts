import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../config/project-root";
import { apiPromptValue, imageLikeBytes, uiWorkflowValue } from "../../test/fixtures/workflow-arbitraries";
import { analyzeWorkflowBytes, analyzeWorkflowText } from "./index";

function expectWellFormed(text: string) {
  const analysis = analyzeWorkflowText(text, "fuzz.json");
  expect(Array.isArray(analysis.models)).toBe(true);
  expect(analysis.error === null || typeof analysis.error === "string").toBe(true);
  for (const model of analysis.models) expect(typeof model.name).toBe("string");
}

describe("analyser never throws", () => {
  it("on random JSON values", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => expectWellFormed(JSON.stringify(value) ?? "null")),
      { numRuns: 300 },
    );
  });

  it("on random UI-shaped workflows with subgraphs and group nodes", () => {
    fc.assert(
      fc.property(uiWorkflowValue, (value) => expectWellFormed(JSON.stringify(value))),
      { numRuns: 300 },
    );
  });

  it("on random API-shaped prompts", () => {
    fc.assert(
      fc.property(apiPromptValue, (value) => expectWellFormed(JSON.stringify(value))),
      { numRuns: 300 },
    );
  });

  it("on random bytes, including image signatures", () => {
    fc.assert(
      fc.property(imageLikeBytes, (bytes) => {
        expect(() => analyzeWorkflowBytes(bytes, "x.bin")).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  // Real workflows with random edits: truncation and character swaps.
  const corpusDir = resolve(projectRoot(), "../shared/corpus/workflows");
  it.skipIf(!existsSync(corpusDir))("on mutated corpus workflows (skipped without the shared corpus)", () => {
    const texts = readdirSync(corpusDir)
      .slice(0, 12)
      .map((file) => readFileSync(join(corpusDir, file), "utf8"));
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.nat(), fc.nat(), fc.constantFrom("", "{", "]", "null", '"', "0"), (text, at, cut, insert) => {
        const position = at % text.length;
        expectWellFormed(text.slice(0, position) + insert + text.slice(position + (cut % 20)));
      }),
      { numRuns: 200 },
    );
  });
});
