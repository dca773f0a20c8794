// Model names written inside prompt text: `embedding:name` and A1111-style `<lora:name:weight>`.
import { withoutTrailing } from "../text";

// Stops at separators, weights and brackets: "(embedding:bad-hands-5:1.2)" names "bad-hands-5".
const EMBEDDING_PATTERN = /(?<![\w-])embedding:\s?([^\s,()[\]{}<>|"':;]+)/gi;
const LORA_PATTERN = /<lora:([^:<>]+)(?::[^<>]*)?>/gi;

function collect(text: string, pattern: RegExp): string[] {
  if (!text.includes(":")) return [];
  const names: string[] = [];
  for (const match of text.matchAll(pattern)) {
    const name = withoutTrailing(match[1]?.trim() ?? "", ".");
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

/** Embedding names in prompt text, as written (extension kept when there is one). */
export function embeddingNames(text: string): string[] {
  return collect(text, EMBEDDING_PATTERN);
}

/** LoRA names in `<lora:name:weight>` syntax, as written. */
export function inlineLoraNames(text: string): string[] {
  return collect(text, LORA_PATTERN);
}
