// The searches a real user would type for a file name: Hugging Face's repo-id search (substrings of `owner/name`, never
// file names) and Civitai's model search (model names, creators, trigger words, never file names).
import { fileStem } from "../match";

/** Civitai searches per file at most. */
const MAX_CIVITAI_QUERIES = 4;

/** Names too generic to search for: any repo or model contains them, so a hit says nothing about this file. */
const GENERIC_STEMS = new Set([
  "model",
  "models",
  "diffusion_pytorch_model",
  "pytorch_model",
  "ae",
  "vae",
  "config",
  "unet",
  "clip",
  "lora",
  "weights",
  "checkpoint",
]);

/** Version, precision, quantisation and packaging tokens: they say which build of a model a file is, not which model. */
const NOISE_TOKEN =
  /^(v\d+([._]\d+)*[a-z]?|\d+([._]\d+)*|fp\d+|bf16|e4m3fn|e5m2|scaled|mixed|int\d|nf4|mxfp\d|nvfp\d|pruned|ema|emaonly|noema|full|q\d+(_\d)?|iq\d\w*|[a-z])$/i;
const isNoise = (token: string) => NOISE_TOKEN.test(token);

/** A file name's words: camelCase, `_`, `-`, `.` and spaces split. */
export function nameWords(name: string): string[] {
  return fileStem(name)
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Words that say what the model is: the name's words without version, precision and packaging tokens. */
export function meaningfulWords(name: string): string[] {
  return nameWords(name).filter((word) => !isNoise(word));
}

export function isGenericName(name: string): boolean {
  const stem = fileStem(name).toLowerCase();
  return stem.length < 4 || GENERIC_STEMS.has(stem) || meaningfulWords(name).join("").length < 3;
}

/**
 * How model families name their Hub repos, from the repos ComfyUI's templates and ComfyUI-Manager link to
 * (config/known-models.json): `flux1-dev` is in black-forest-labs/FLUX.1-dev, `sd_xl_base_1.0` in
 * stabilityai/stable-diffusion-xl-base-1.0, `wan2.1_t2v_14B` in Wan-AI/Wan2.1-T2V-14B.
 */
const HUB_FAMILY_NAMES: ReadonlyArray<[RegExp, string]> = [
  [/^flux[._-]?1[._-]?/i, "FLUX.1-"],
  [/^flux[._-]?2[._-]?/i, "FLUX.2-"],
  [/^sd[._-]?xl[._-]?/i, "stable-diffusion-xl-"],
  [/^sd[._-]?3[._]5[._-]?/i, "stable-diffusion-3.5-"],
  [/^sd[._-]?3[._-]/i, "stable-diffusion-3-"],
  [/^v1-5-pruned(-emaonly)?/i, "stable-diffusion-v1-5"],
  [/^sd[._-]?(v?1[._-]?5)[._-]?/i, "stable-diffusion-v1-5-"],
  [/^wan[._-]?2[._]([12])[._-]?/i, "Wan2.$1-"],
  [/^hunyuan[._-]?video[._-]?/i, "HunyuanVideo-"],
  [/^ltx[._-]?v(ideo)?[._-]?/i, "LTX-Video-"],
  [/^qwen[._-]?image[._-]?/i, "Qwen-Image-"],
  [/^hidream[._-]?i1[._-]?/i, "HiDream-I1-"],
  [/^z[._-]?image[._-]?/i, "Z-Image-"],
  [/^cosmos[._-]?predict2[._-]?/i, "Cosmos-Predict2-"],
];

/** Hub-style names for a file: its family as repos spell it, then the rest of the stem without build tokens. */
function hubStyleNames(name: string): string[] {
  const stem = fileStem(name);
  for (const [pattern, family] of HUB_FAMILY_NAMES) {
    const match = pattern.exec(stem);
    if (!match) continue;
    const head = family.replace(/\$(\d)/g, (_, group: string) => match[Number(group)] ?? "").replace(/-$/, "");
    const words = stem
      .slice(match[0].length)
      .split(/[^\p{L}\p{N}.]+/u)
      .filter((word) => word && !isNoise(word));
    return [...new Set([[head, ...words].join("-"), [head, ...words.slice(0, 1)].join("-")])];
  }
  return [];
}

/** The first parts of a name: the model family that repackaged repos are named after (wan_2.1_vae → wan_2.1). */
function familyPrefix(stem: string): string | null {
  const parts = stem.split(/([_-])/);
  if (parts.length < 5) return null; // fewer than three parts: the stem itself is the family
  const prefix = parts.slice(0, 3).join("");
  return prefix.length >= 5 ? prefix : null;
}

/**
 * Hugging Face repo-id searches, most specific first: the family as repos name it (`FLUX.1-dev`), the stem, the stem
 * without precision words, the family prefix. Nothing for generic names (`ae`, `model`): a substring search for them
 * finds any repo.
 */
export function huggingFaceQueries(wanted: string): string[] {
  const hubStyle = hubStyleNames(wanted);
  if (isGenericName(wanted)) return hubStyle;
  const stem = fileStem(wanted).replace(/[^A-Za-z0-9._-]+/g, "-");
  const simplified = meaningfulWords(wanted).join("-");
  return usable([...hubStyle, stem, simplified, familyPrefix(stem)]);
}

/** Distinct queries, none too short or generic to mean anything. */
function usable(queries: Array<string | null | undefined>): string[] {
  return [...new Set(queries.filter((query): query is string => !!query && query.length >= 3 && !GENERIC_STEMS.has(query.toLowerCase())))].filter(
    (query) => query.includes(" ") || query.includes("-") || query.includes("_") || query.length >= 4,
  );
}

/**
 * Civitai searches, most specific first: every meaningful word (`juggernaut XL Rundiffusionphoto2`); the same with
 * letters and digits apart (`flux1` → `flux 1`, as titles write "Flux.1"); the model part of Civitai's
 * `{model}_{version}` download name (`juggernaut XL`); the longest word. Civitai matches words of model names, creators
 * and trigger words (civitai/civitai@ebed661630 src/server/search-index/models.search-index.ts:55).
 */
export function civitaiQueries(wanted: string): string[] {
  if (isGenericName(wanted)) return [];
  const stem = fileStem(wanted);
  const all = meaningfulWords(wanted);
  const modelPart = stem.includes("_") ? meaningfulWords(stem.slice(0, stem.indexOf("_"))) : [];
  const longest = [...all].sort((a, b) => b.length - a.length)[0];
  const digitsApart = all.join(" ").replace(/(\p{L})(\p{N})|(\p{N})(\p{L})/gu, "$1$3 $2$4");
  return usable([all.join(" "), digitsApart, modelPart.join(" "), longest]).slice(0, MAX_CIVITAI_QUERIES);
}
