// Hostile workflow files for the fuzz suite, as one fast-check arbitrary: generated UI workflows and API prompts,
// real workflows cut short, spliced, given wrong types or huge strings, nested deep, subgraphs that contain each
// other, and PNG/WebP files with the workflow inside broken chunks.
import fc from "fast-check";
import { apiPromptValue, imageLikeBytes, uiWorkflowValue } from "../../src/test/fixtures/workflow-arbitraries";
import { png, pngChunk, tEXt, webp, zTXt, iTXt, PNG_SIGNATURE } from "../../src/test/fixtures/workflow-images";

export type FuzzInput = { kind: string; extension: "json" | "png" | "webp"; bytes: Uint8Array };

const encode = (text: string) => new TextEncoder().encode(text);
const json = (kind: string, text: string): FuzzInput => ({ kind, extension: "json", bytes: encode(text) });

/** Every value of a parsed JSON tree with the path to it, so a mutation can pick one. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (out.length > 5000) return out;
  if (Array.isArray(value)) value.forEach((item, index) => paths(item, [...prefix, index], out));
  else if (value && typeof value === "object") for (const [key, item] of Object.entries(value)) paths(item, [...prefix, key], out);
  return out;
}

function replaceAt(root: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  // Copies only the containers on the way down; the rest is shared with the seed, which stays as it was.
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  const container = root as Record<string | number, unknown>;
  const copy = (Array.isArray(root) ? [...root] : { ...container }) as Record<string | number, unknown>;
  copy[key] = replaceAt(container[key], rest, replacement);
  return copy;
}

/** `depth` arrays or objects inside each other around a loader, written as text (JSON.stringify would recurse). */
function deeplyNested(depth: number, asObjects: boolean): string {
  const loader = '{"id":1,"type":"CheckpointLoaderSimple","widgets_values":["deep.safetensors"]}';
  const inner = asObjects ? `${'{"nodes":'.repeat(depth)}[${loader}]${"}".repeat(depth)}` : `${"[".repeat(depth)}${loader}${"]".repeat(depth)}`;
  return `{"nodes":[{"id":2,"type":"LoraLoader","widgets_values":${inner}}],"links":[]}`;
}

/** Subgraphs whose nodes are instances of each other (and of themselves), and group nodes that do the same. */
function cyclicSubgraphs(ids: string[], edges: Array<[number, number]>): string {
  const node = (id: number, type: string) => ({ id, type, widgets_values: [`${type}-model.safetensors`] });
  const subgraphs = ids.map((id, index) => ({
    id,
    nodes: [node(1, "CheckpointLoaderSimple"), ...edges.filter(([from]) => from === index).map(([, to], edge) => node(edge + 2, ids[to]!))],
    links: [],
  }));
  const groupNodes = Object.fromEntries(ids.map((id, index) => [id, { nodes: [{ type: `workflow>${ids[(index + 1) % ids.length]}` }] }]));
  return JSON.stringify({
    nodes: [node(1, ids[0]!), node(2, `workflow>${ids[0]}`)],
    links: [],
    definitions: { subgraphs },
    extra: { groupNodes },
  });
}

/** A PNG carrying `text` as ComfyUI's workflow chunk, broken in one of the ways real files break. */
function brokenPng(text: string, how: number, at: number): Uint8Array {
  const whole = Buffer.from(png(tEXt("prompt", "{}"), tEXt("workflow", text)));
  switch (how % 7) {
    case 0:
      return whole.subarray(0, at % whole.length);
    case 1: {
      const flipped = Buffer.from(whole);
      const position = 8 + (at % (whole.length - 8));
      flipped[position] = flipped[position]! ^ 0xff;
      return flipped;
    }
    case 2: {
      // A chunk claiming 4 GB.
      const huge = Buffer.alloc(8);
      huge.writeUInt32BE(0xffffffff, 0);
      huge.write("tEXt", 4, "latin1");
      return Buffer.concat([PNG_SIGNATURE, huge, Buffer.from("workflow\0{")]);
    }
    case 3:
      return Buffer.from(png(pngChunk("zTXt", Buffer.concat([Buffer.from("workflow\0\0", "latin1"), Buffer.from(text.slice(0, 64), "latin1")]))));
    case 4:
      return Buffer.from(png(pngChunk("iTXt", Buffer.concat([Buffer.from("workflow\0\x01\0en\0\0", "latin1"), Buffer.from("not deflate", "latin1")]))));
    case 5:
      return Buffer.from(png(zTXt("workflow", text.slice(0, at % (text.length + 1))), iTXt("workflow", text, true)));
    default:
      return Buffer.concat([whole.subarray(0, whole.length - 12), Buffer.from("garbage after the last chunk")]);
  }
}

/** A WebP carrying the workflow in EXIF, with its sizes or offsets broken. */
function brokenWebp(text: string, how: number, at: number): Uint8Array {
  const whole = Buffer.from(webp([`prompt:{}`, `workflow:${text}`]));
  const broken = Buffer.from(whole);
  switch (how % 4) {
    case 0:
      return whole.subarray(0, at % whole.length);
    case 1:
      broken.writeUInt32LE(0xfffffff0, 4); // RIFF size past the end
      return broken;
    case 2: {
      const exif = broken.indexOf("EXIF");
      if (exif > 0) broken.writeUInt32LE(0x7fffffff, exif + 4); // EXIF chunk size past the end
      return broken;
    }
    default: {
      const ifd = broken.indexOf("EXIF") + 8 + 8;
      if (ifd > 16) broken.writeUInt16LE(0xffff, ifd); // 65535 IFD entries
      return broken;
    }
  }
}

/** The arbitrary every fuzz input is drawn from; `seeds` are real workflow texts (the corpus's and the project's). */
export function fuzzInputs(seeds: string[]): fc.Arbitrary<FuzzInput> {
  const seed = fc.constantFrom(...seeds);
  // Parsed once, with the paths into each: a mutation clones only what it changes.
  const parsed = seeds.map((text) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return {};
    }
  });
  const seedJson = fc.constantFrom(...parsed.map((value) => ({ value, paths: paths(value) })));
  return fc.oneof(
    { weight: 3, arbitrary: uiWorkflowValue.map((value) => json("generated UI workflow", JSON.stringify(value))) },
    { weight: 2, arbitrary: apiPromptValue.map((value) => json("generated API prompt", JSON.stringify(value))) },
    { weight: 1, arbitrary: fc.jsonValue().map((value) => json("random JSON", JSON.stringify(value) ?? "null")) },
    { weight: 3, arbitrary: fc.tuple(seed, fc.nat()).map(([text, at]) => json("truncated JSON", text.slice(0, at % (text.length + 1)))) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(seed, fc.nat(), fc.nat(40), fc.constantFrom("", "{", "]", "null", '"', "0", ",", "\\u0000", "\uFFFF", "\uD800"))
        .map(([text, at, cut, insert]) => json("spliced JSON", text.slice(0, at % (text.length + 1)) + insert + text.slice((at % (text.length + 1)) + cut))),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(seedJson, fc.nat(), fc.jsonValue({ maxDepth: 3 }))
        .map(([seeded, pick, replacement]) =>
          json("wrong types", JSON.stringify(replaceAt(seeded.value, seeded.paths[pick % seeded.paths.length]!, replacement))),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(seedJson, fc.nat(), fc.integer({ min: 10_000, max: 1_000_000 }), fc.constantFrom("a", "/", "é", "\\", ".", " ", ":"))
        .map(([seeded, pick, length, char]) =>
          json("huge strings", JSON.stringify(replaceAt(seeded.value, seeded.paths[pick % seeded.paths.length]!, `${char.repeat(length)}.safetensors`))),
        ),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.integer({ min: 100, max: 20_000 }), fc.boolean()).map(([depth, objects]) => json("deep nesting", deeplyNested(depth, objects))),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.uniqueArray(fc.constantFrom("sg", "a", "b", "c", "d", "x"), { minLength: 1, maxLength: 5 }),
          fc.array(fc.tuple(fc.nat(4), fc.nat(4)), { maxLength: 12 }),
        )
        .map(([ids, edges]) =>
          json(
            "cycles in subgraphs",
            cyclicSubgraphs(
              ids,
              edges.map(([from, to]) => [from % ids.length, to % ids.length] as [number, number]),
            ),
          ),
        ),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(seed, fc.nat(), fc.nat())
        .map(([text, how, at]) => ({ kind: "broken PNG", extension: "png" as const, bytes: brokenPng(text, how, at) })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(seed, fc.nat(), fc.nat())
        .map(([text, how, at]) => ({ kind: "broken WebP", extension: "webp" as const, bytes: brokenWebp(text, how, at) })),
    },
    { weight: 1, arbitrary: imageLikeBytes.map((bytes) => ({ kind: "random bytes", extension: "png" as const, bytes })) },
  );
}
