// `npm start`: embedded PostgreSQL when DATABASE_URL is unset, migrations, the web app and a worker.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { projectRoot } from "../core/config/project-root";
import { errorMessage } from "../core/error-message";
import { migrate } from "../server/db/migrate";
import { parseServerEnv } from "../server/env";
import { DOWNLOAD_PROCESS_NODE_FLAGS } from "../worker/node-flags";
import { prepareAccounts, type AccountsNotice } from "./accounts";
import { supervise, prefixer, type ChildSpec } from "./children";
import { buildDist } from "../../scripts/build-dist.mjs";
import { buildIsMissingOrStale } from "./build-check";
import { startDemo, type RunningDemo } from "./demo";
import { startEmbeddedPostgres, type RunningPostgres } from "./embedded-postgres";
import { parseLauncherEnv, type LauncherEnv } from "./env";
import { isPortFree } from "./ports";
import { embeddedDatabasePlace } from "./state-dir";
import { startupFailure } from "./startup-failure";

const log = prefixer("comfyfixer", 4);

function runToEnd(label: string, command: string, args: string[], env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const write = prefixer(label, 2);
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"], signal });
    child.on("error", (error) => (signal.aborted ? undefined : reject(error)));
    for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk: Buffer) => chunk.toString().split("\n").filter(Boolean).forEach(write));
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${label} failed with exit code ${code}`))));
  });
}

async function waitUntilServing(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  return false;
}

/** Host and port of a connection string, never its password. */
function databaseAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "5432"}`;
  } catch {
    return "not a valid URL";
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { dev: { type: "boolean", default: false }, demo: { type: "boolean", default: false } } });
  const root = projectRoot();
  process.chdir(root);
  // Ctrl-C at any moment stops what has started so far (during the first build too), never leaving PostgreSQL behind.
  const interrupted = new AbortController();
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => interrupted.abort(signal));
  let settings: LauncherEnv;
  try {
    settings = parseLauncherEnv(process.env);
  } catch (error) {
    log(errorMessage(error));
    return 2;
  }
  const { port, host } = settings;
  if (!(await isPortFree(port, host))) {
    log(`Port ${port} on ${host} is already in use. Stop whatever uses it, or start with PORT=<another port> npm start.`);
    return 1;
  }

  let postgres: RunningPostgres | null = null;
  let databaseUrl = settings.databaseUrl;
  if (!databaseUrl) {
    // The demo keeps its own database, so it never mixes with a team's real history.
    const place = embeddedDatabasePlace({ root, configured: settings.stateDir, isRoot: process.getuid?.() === 0, demo: values.demo });
    log(`DATABASE_URL is not set: starting an embedded PostgreSQL (data in ${place.dataDir})`);
    try {
      postgres = await startEmbeddedPostgres(place.dataDir, prefixer("postgres", 3), { stateDir: place.stateDir });
    } catch (error) {
      log(errorMessage(error));
      return 1;
    }
    databaseUrl = postgres.url;
  }

  const stopPostgres = async () => {
    if (postgres) await postgres.stop().catch((error: unknown) => log(`PostgreSQL did not stop cleanly: ${String(error)}`));
  };
  let demo: RunningDemo | null = null;
  const stopEarly = async () => {
    log(`${String(interrupted.signal.reason)}: stopping before the start-up finished`);
    await demo?.stop();
    await stopPostgres();
    log("stopped");
    return 0;
  };
  if (interrupted.signal.aborted) return stopEarly();

  try {
    const result = await migrate(databaseUrl);
    log(result.applied.length ? `applied migrations: ${result.applied.join(", ")}` : "database schema is up to date");
  } catch (error) {
    log(
      startupFailure(error, {
        doing: postgres ? "preparing the embedded database" : `connecting to the PostgreSQL at DATABASE_URL (${databaseAddress(databaseUrl)})`,
        remedy: postgres ? undefined : "unset DATABASE_URL to use the embedded PostgreSQL",
      }).message,
    );
    await stopPostgres();
    return 1;
  }
  if (interrupted.signal.aborted) return stopEarly();

  if (values.demo) {
    try {
      demo = await startDemo(root, databaseUrl, log);
    } catch (error) {
      log(`The demo could not start: ${errorMessage(error)}`);
      await stopPostgres();
      return 1;
    }
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...demo?.env,
    DATABASE_URL: databaseUrl,
    NODE_ENV: values.dev ? "development" : "production",
    // Next.js would report usage to its own servers; the product talks to no one but the user's upstreams.
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "[::1]" : host.includes(":") ? `[${host}]` : host}:${port}`;
  let accountsNotice: AccountsNotice;
  try {
    accountsNotice = await prepareAccounts(parseServerEnv(env), url, log);
  } catch (error) {
    log(startupFailure(error, { doing: "preparing the accounts", folder: join(root, ".data") }).message);
    await demo?.stop();
    await stopPostgres();
    return 1;
  }
  if (interrupted.signal.aborted) return stopEarly();
  const nextBin = join(root, "node_modules", "next", "dist", "bin", "next");
  const buildState = values.dev ? null : await buildIsMissingOrStale(root);
  if (buildState) {
    log(
      buildState === "missing"
        ? "no production build found: building the web app and the worker (once)"
        : "the sources changed since the last build: building the web app and the worker again",
    );
    try {
      await buildDist();
      await runToEnd("build", process.execPath, [nextBin, "build"], env, interrupted.signal);
    } catch (error) {
      if (interrupted.signal.aborted) return stopEarly();
      log(`${errorMessage(error)}. Run \`npm run build\` to see the whole error.`);
      await stopPostgres();
      return 1;
    }
  }
  if (interrupted.signal.aborted) return stopEarly();

  const children: ChildSpec[] = [
    {
      label: "web",
      command: process.execPath,
      args: ["--import", "tsx", join(root, "src", "server", "http", "web-main.ts"), "--port", String(port), "--host", host, ...(values.dev ? ["--dev"] : [])],
      env,
      restart: false,
    },
    {
      label: "worker",
      command: process.execPath,
      // The compiled worker in production; its sources (through tsx) with --dev, where they change as you work.
      args: values.dev
        ? [...DOWNLOAD_PROCESS_NODE_FLAGS, "--import", "tsx", join(root, "src", "worker", "main.ts")]
        : [...DOWNLOAD_PROCESS_NODE_FLAGS, join(root, "dist", "worker", "main.mjs")],
      env,
      restart: true,
    },
  ];
  const supervisor = supervise(children, log);
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log(`${signal}: stopping the web app, the worker and the database`);
    await supervisor.stop();
  };
  interrupted.signal.addEventListener("abort", () => void shutdown(String(interrupted.signal.reason)), { once: true });

  void waitUntilServing(`${url}/api/health`, 120_000).then((ready) => {
    if (!ready || shuttingDown) return;
    log(`ComfyFixer is running at ${env.COMFYFIXER_PUBLIC_URL || url}`);
    accountsNotice.forEach((line) => log(line));
  });

  const code = await supervisor.exited;
  if (!shuttingDown) await supervisor.stop();
  await demo?.stop();
  await stopPostgres();
  log("stopped");
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(startupFailure(error, { doing: "starting" }).message);
    process.exit(1);
  },
);
