// Vitest global set-up: builds the comfyfixer command from the sources under test, so the tests that run it as a user
// does (bin/comfyfixer.mjs → dist/) never run a stale build.
import { buildCli } from "../../scripts/build-cli.mjs";

export default async function setup() {
  await buildCli();
}
