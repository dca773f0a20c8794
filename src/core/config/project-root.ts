// Finds the project's root folder (where config/ and prisma/ live), whether this code runs
// from source (tsx, vitest) or bundled under .next/ by Next.js.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

function isProjectRoot(dir: string): boolean {
  const manifest = join(dir, "package.json");
  if (!existsSync(manifest)) return false;
  try {
    return (JSON.parse(readFileSync(/*turbopackIgnore: true*/ manifest, "utf8")) as { name?: string }).name === "comfyfixer";
  } catch {
    return false;
  }
}

export function projectRoot(): string {
  if (cached) return cached;
  const starts = [process.cwd()];
  if (import.meta.url.startsWith("file:")) starts.unshift(dirname(fileURLToPath(import.meta.url)));
  for (const start of starts) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (isProjectRoot(dir)) return (cached = dir);
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error(`Cannot find the ComfyFixer project folder from ${starts.join(" or ")}; start it from the project folder.`);
}
