// `npm start` as root with the checkout in a folder only root may enter (as /root/comfyfixer, or any `mktemp -d`):
// the embedded PostgreSQL, which then runs as the `postgres` user, starts; Ctrl-C stops everything cleanly, also in the
// middle of the start-up; the next start keeps the data. Root only: as any other user PostgreSQL runs as that user and there is nothing to reach.
//
// The checkout is a hard-link copy of this one in a mode-0700 folder, so the database binaries under node_modules
// really sit where the `postgres` user cannot enter. The launcher runs with --dev, which differs from `npm start` only
// in running the web app and the worker from their sources instead of a production build (which takes minutes).
// It prints its figures: the first start to /api/health 200, the second to the database ready.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../core/config/project-root";
import { startLauncher, type RunningLauncher } from "../test/launcher";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { freePort } from "./ports";

const isRoot = process.getuid?.() === 0;
const LEFT_OUT = new Set([".git", ".data", ".next", "test-results"]);

async function privateCheckout(): Promise<string> {
  const checkout = await mkdtemp(join(tmpdir(), "cf-private-checkout-"));
  for (const entry of await readdir(projectRoot())) {
    if (!LEFT_OUT.has(entry)) execFileSync("cp", ["-al", join(projectRoot(), entry), checkout]);
  }
  return checkout;
}

async function healthy(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await fetch(`${url}/api/health`).catch(() => null);
    if (answer?.ok) return;
    if (Date.now() > deadline) throw new Error(`${url}/api/health never answered 200 (last: ${answer?.status ?? "no answer"})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.skipIf(!isRoot)("npm start as root, from a checkout in a private folder", () => {
  let checkout: string;
  let stateDir: string;
  let launcher: RunningLauncher | undefined;
  const admin = { email: "admin@studio.test", password: "a-long-password-for-the-test" };

  beforeAll(async () => {
    checkout = await privateCheckout();
    // Where /var/lib/comfyfixer would be: a folder the `postgres` user may enter.
    stateDir = await mkdtemp(join(tmpdir(), "cf-state-"));
    await chmod(stateDir, 0o755);
  });
  afterAll(async () => {
    if (launcher && launcher.child.exitCode === null) {
      launcher.child.kill("SIGINT");
      await launcher.exited;
    }
    if (checkout) await rm(checkout, { recursive: true, force: true });
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  const start = async (env: Record<string, string>) => {
    const port = await freePort();
    launcher = startLauncher(checkout, { PORT: String(port), COMFYFIXER_STATE_DIR: stateDir, ...env }, ["--dev"]);
    return { url: `http://127.0.0.1:${port}`, launcher };
  };
  const stop = async (running: RunningLauncher) => {
    running.child.kill("SIGINT");
    const code = await running.exited;
    expect(code, running.lines.join("\n")).toBe(0);
    expect(running.lines).toContain("[comfyfixer] stopped");
    expect(running.lines.join("\n")).not.toMatch(/^\s+at |EACCES/m);
    // PostgreSQL removes its pid file only on a clean shutdown.
    expect(existsSync(join(stateDir, "postgres", "postmaster.pid"))).toBe(false);
  };

  it("starts, serves /api/health, stops on Ctrl-C, and the next start keeps the data", async () => {
    expect((await stat(checkout)).mode & 0o777).toBe(0o700);
    const startedAt = Date.now();
    const first = await start({ COMFYFIXER_ADMIN_EMAIL: admin.email, COMFYFIXER_ADMIN_PASSWORD: admin.password });
    await first.launcher.waitForLine(/\[worker\] .*worker .* ready/);
    await healthy(first.url);
    console.log(`first start as root, to /api/health 200: ${Date.now() - startedAt} ms`);
    const said = first.launcher.lines.join("\n");
    expect(said).toContain(`initialising a new database cluster in ${join(stateDir, "postgres")}`);
    expect(said).toContain(`created the first admin ${admin.email}`);
    expect((await stat(join(stateDir, "postgres"))).uid).not.toBe(0); // the cluster belongs to the postgres user
    await stop(first.launcher);

    // The second start finds the cluster and migrates it; Ctrl-C in the middle of the start-up stops it cleanly too.
    const restartedAt = Date.now();
    const second = await start({});
    await second.launcher.waitForLine(/\[comfyfixer\] database schema is up to date/);
    console.log(`second start as root, to the database ready: ${Date.now() - restartedAt} ms`);
    expect(second.launcher.lines.join("\n")).not.toContain("initialising a new database cluster");
    await stop(second.launcher);

    // The admin made at the first start is still in the cluster.
    const postgres = await startEmbeddedPostgres(join(stateDir, "postgres"), () => undefined, { stateDir });
    try {
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      const users = await client.query<{ email: string; role: string }>('SELECT email, role FROM "User"').finally(() => client.end());
      expect(users.rows).toEqual([{ email: admin.email, role: "admin" }]);
    } finally {
      await postgres.stop();
    }
  }, 300_000);
});
