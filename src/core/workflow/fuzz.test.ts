import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../config/project-root";
import { analyzeWorkflowBytes, analyzeWorkflowText } from "./index";

function expectWellFormed(text: string) {
  const analysis = analyzeWorkflowText(text, "fuzz.json");
  expect(Array.isArray(analysis.models)).toBe(true);
  expect(analysis.error === null || typeof analysis.error === "string").toBe(true);
  for (const model of analysis.models) expect(typeof model.name).toBe("string");
}

const nodeLike = fc.record(
  {
    id: fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
    type: fc.oneof(fc.constantFrom("CheckpointLoaderSimple", "Power Lora Loader (rgthree)", "CR LoRA Stack", "LoRA Stacker", "workflow>g", "sg"), fc.string()),
    mode: fc.oneof(fc.integer({ min: -1, max: 5 }), fc.string()),
    widgets_values: fc.oneof(fc.array(fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()),
    properties: fc.oneof(fc.constant({}), fc.record({ models: fc.jsonValue() })),
  },
  { requiredKeys: [] },
);

describe("analyser never throws", () => {
  it("on random JSON values", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => expectWellFormed(JSON.stringify(value) ?? "null")),
      { numRuns: 300 },
    );
  });

  it("on random UI-shaped workflows with subgraphs and group nodes", () => {
    const workflow = fc.record({
      nodes: fc.array(nodeLike, { maxLength: 8 }),
      links: fc.oneof(fc.array(fc.jsonValue()), fc.jsonValue()),
      definitions: fc.record({ subgraphs: fc.array(fc.record({ id: fc.constantFrom("sg", "x"), nodes: fc.array(nodeLike, { maxLength: 4 }) })) }),
      extra: fc.record({ groupNodes: fc.record({ g: fc.record({ nodes: fc.array(nodeLike, { maxLength: 4 }) }) }) }),
      models: fc.jsonValue(),
    });
    fc.assert(
      fc.property(workflow, (value) => expectWellFormed(JSON.stringify(value))),
      { numRuns: 300 },
    );
  });

  it("on random API-shaped prompts", () => {
    const prompt = fc.dictionary(
      fc.string(),
      fc.record({
        class_type: fc.oneof(fc.string(), fc.constantFrom("LoraLoader", "Load LoRA From URL", "LoRA Stacker")),
        inputs: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()),
      }),
    );
    fc.assert(
      fc.property(prompt, (value) => expectWellFormed(JSON.stringify(value))),
      { numRuns: 300 },
    );
  });

  it("on random bytes, including image signatures", () => {
    const prefix = fc.constantFrom(
      new Uint8Array(),
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      new TextEncoder().encode("RIFF\0\0\0\0WEBPEXIF"),
    );
    fc.assert(
      fc.property(prefix, fc.uint8Array({ maxLength: 200 }), (head, tail) => {
        const bytes = new Uint8Array([...head, ...tail]);
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
