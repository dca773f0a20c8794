// Where the embedded PostgreSQL keeps its cluster (and, as root, the copy of its binaries that the `postgres` user runs).
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

/** As root the checkout may sit in a folder only root can enter (/root/…), which PostgreSQL's own user cannot reach. */
export const ROOT_STATE_DIR = "/var/lib/comfyfixer";

export type EmbeddedDatabasePlace = { stateDir: string; dataDir: string };

export function embeddedDatabasePlace(options: { root: string; configured: string | undefined; isRoot: boolean; demo: boolean }): EmbeddedDatabasePlace {
  const cluster = options.demo ? join("demo", "postgres") : "postgres";
  const inCheckout = join(options.root, ".data");
  let stateDir: string;
  if (options.configured) stateDir = resolve(options.configured);
  else if (!options.isRoot) stateDir = inCheckout;
  // A cluster made in the checkout before keeps being used, so an upgrade never loses the history.
  else if (existsSync(join(inCheckout, cluster, "PG_VERSION"))) stateDir = inCheckout;
  else stateDir = ROOT_STATE_DIR;
  return { stateDir, dataDir: join(stateDir, cluster) };
}
