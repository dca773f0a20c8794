// Builds the `comfyfixer` command into dist/cli/main.mjs (on install, by `npm run build`, and before the tests that run
// it): a compiled CLI starts at once, where compiling the TypeScript on every start costs most of a second.
import { build } from "esbuild";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

export async function buildCli() {
  await build({
    absWorkingDir: root,
    entryPoints: ["src/cli/main.ts"],
    outdir: "dist/cli",
    outExtension: { ".js": ".mjs" },
    bundle: true,
    // Each sub-command is its own chunk, loaded only when it runs.
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

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await buildCli();
