// PostgreSQL's text and jsonb cannot hold U+0000 (error 22021, "invalid byte sequence for encoding UTF8: 0x00"), yet a
// workflow's names can: what ComfyFixer stores shows it as U+FFFD instead, so one such name never fails a whole run.

const isPlainObject = (value: object) => {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
};

/** `value` with every NUL in its strings (keys included, arrays and plain objects walked) replaced by U+FFFD. */
export function storable<T>(value: T): T {
  if (typeof value === "string") return (value.includes("\0") ? value.replaceAll("\0", "\uFFFD") : value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => storable(item)) as T;
  if (value && typeof value === "object" && isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [storable(key), storable(item)])) as T;
  }
  return value;
}
