// Whether the web app needs a (re)build: none yet, or sources changed since (after a `git pull`).
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

/** What the production build is made from. */
const BUILD_INPUTS = ["src", "next.config.mjs", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];

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
  const build = await stat(join(root, ".next", "BUILD_ID")).catch(() => null);
  if (!build) return "missing";
  const changes = await Promise.all(BUILD_INPUTS.map((input) => newestChange(join(root, input))));
  return Math.max(...changes) > build.mtimeMs ? "stale" : null;
}
