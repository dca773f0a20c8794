// Whether the production build (the web app, and dist/ with the worker and the command) needs making again: none yet,
// or the sources changed since (after a `git pull`).
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

/** What the production build is made from. */
const BUILD_INPUTS = ["src", "scripts", "next.config.mjs", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];
/** One file each part of the build writes last. */
const BUILD_OUTPUTS = [join(".next", "BUILD_ID"), join("dist", "worker", "main.mjs")];

async function newestChange(path: string): Promise<number> {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path, { withFileTypes: true });
  const times = await Promise.all(
    entries.filter((entry) => !entry.name.startsWith(".") && entry.name !== "generated").map((entry) => newestChange(join(path, entry.name))),
  );
  return Math.max(info.mtimeMs, ...times);
}

export async function buildIsMissingOrStale(root: string): Promise<"missing" | "stale" | null> {
  const outputs = await Promise.all(BUILD_OUTPUTS.map((output) => stat(join(root, output)).catch(() => null)));
  if (outputs.some((output) => output === null)) return "missing";
  const builtAt = Math.min(...outputs.map((output) => output!.mtimeMs));
  const changes = await Promise.all(BUILD_INPUTS.map((input) => newestChange(join(root, input))));
  return Math.max(...changes) > builtAt ? "stale" : null;
}
