// Builds what runs outside Next.js into dist/ (on install, by `npm run build`, by `npm start` when the sources changed,
// and before the tests that run them): the `comfyfixer` command and the worker. Compiled, they start at once and carry
// no TypeScript compiler in memory; `npm run dev` and `npm run cli` keep running the sources.
import { build } from "esbuild";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The entry points, as dist/<key>.mjs. */
export const DIST_ENTRIES = { "cli/main": "src/cli/main.ts", "worker/main": "src/worker/main.ts" };

export async function buildDist() {
  // Chunk names change with their contents: start empty so no stale chunk stays behind.
  await rm(join(root, "dist"), { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: DIST_ENTRIES,
    outdir: "dist",
    outExtension: { ".js": ".mjs" },
    bundle: true,
    // Each sub-command (and whatever only one entry needs) is its own chunk, loaded only when it runs.
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Dependencies stay in node_modules, loaded by Node as they are; only the project's own code is bundled.
    packages: "external",
    sourcemap: "linked",
    legalComments: "none",
    logLevel: "warning",
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await buildDist();
