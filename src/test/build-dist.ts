// Vitest global set-up: builds the command and the worker from the sources under test, so the tests that run them as
// they ship (bin/comfyfixer.mjs, dist/worker) never run a stale build.
import { buildDist } from "../../scripts/build-dist.mjs";

export default async function setup() {
  await buildDist();
}
