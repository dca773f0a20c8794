// String helpers for untrusted text that stay linear on any input: a regex such as /\/+$/ retries at every position
// of a long run that does not reach the end, which takes minutes on a 400 KB run of slashes.

/** `text` without the run of `chars` (single characters) at its end. */
export function withoutTrailing(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1]!)) end--;
  return end === text.length ? text : text.slice(0, end);
}
