// Where the embedded PostgreSQL keeps its cluster: in the checkout, or as root where the `postgres` user can reach it.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canEnter } from "./embedded-postgres";
import { embeddedDatabasePlace, ROOT_STATE_DIR } from "./state-dir";

describe("embeddedDatabasePlace", () => {
  let checkout: string;
  beforeAll(async () => {
    checkout = await mkdtemp(join(tmpdir(), "cf-state-dir-"));
  });
  afterAll(() => rm(checkout, { recursive: true, force: true }));

  it("is .data in the checkout for a user, /var/lib/comfyfixer for root, COMFYFIXER_STATE_DIR when set", () => {
    expect(embeddedDatabasePlace({ root: checkout, configured: undefined, isRoot: false, demo: false })).toEqual({
      stateDir: join(checkout, ".data"),
      dataDir: join(checkout, ".data", "postgres"),
    });
    expect(embeddedDatabasePlace({ root: checkout, configured: undefined, isRoot: true, demo: true })).toEqual({
      stateDir: ROOT_STATE_DIR,
      dataDir: join(ROOT_STATE_DIR, "demo", "postgres"),
    });
    expect(embeddedDatabasePlace({ root: checkout, configured: "/srv/cf", isRoot: true, demo: false }).dataDir).toBe("/srv/cf/postgres");
  });

  it("keeps using a cluster root made in the checkout before", async () => {
    await mkdir(join(checkout, ".data", "postgres"), { recursive: true });
    await writeFile(join(checkout, ".data", "postgres", "PG_VERSION"), "18\n");
    expect(embeddedDatabasePlace({ root: checkout, configured: undefined, isRoot: true, demo: false }).dataDir).toBe(join(checkout, ".data", "postgres"));
    expect(embeddedDatabasePlace({ root: checkout, configured: undefined, isRoot: true, demo: true }).stateDir).toBe(ROOT_STATE_DIR);
  });
});

describe("canEnter", () => {
  const postgres = { uid: 101, gid: 104 };
  it.each([
    [{ uid: 0, gid: 0, mode: 0o700 }, false],
    [{ uid: 0, gid: 0, mode: 0o711 }, true],
    [{ uid: 0, gid: 104, mode: 0o750 }, true],
    [{ uid: 0, gid: 104, mode: 0o705 }, false], // in the group, so the group's bits decide
    [{ uid: 101, gid: 0, mode: 0o700 }, true],
    [{ uid: 101, gid: 0, mode: 0o077 }, false], // the owner's bits decide for the owner
  ])("%o → %s", (folder, expected) => expect(canEnter(folder, postgres)).toBe(expected));
});
