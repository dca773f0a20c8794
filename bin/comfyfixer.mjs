#!/usr/bin/env -S node --max-semi-space-size=1
// The comfyfixer command: the compiled CLI (dist/, built on install and by `npm run build`). The small young generation
// lets V8 reclaim downloads' network buffers sooner, as the worker does (src/worker/node-flags.ts).
import { existsSync } from "node:fs";

const compiled = new URL("../dist/cli/main.mjs", import.meta.url);
if (!existsSync(compiled)) {
  process.stderr.write("comfyfixer is not built yet: run `npm run build` (or `npm install`, which builds it) in the ComfyFixer folder.\n");
  process.exit(2);
}
const { main } = await import(compiled.href);
process.exitCode = await main(process.argv.slice(2));
