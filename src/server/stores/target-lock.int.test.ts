import pg from "pg";
import { describe, expect, it } from "vitest";
import type { InstallTarget } from "../../core/install/target";
import { useTestDatabase } from "../../test/database";
import { neverAborted, quietly, startHarness } from "../../test/fixtures/download";
import { advisoryKeyOf, createPostgresTargetLock } from "./target-lock";

/** The same file as two machines see it: one folder/name, mounted at different paths. */
const target = (name: string, mount = "/models"): InstallTarget => ({
  folder: "checkpoints",
  name,
  key: `checkpoints/${name}`,
  absolutePath: `${mount}/checkpoints/${name}`,
});

/** Waits until PostgreSQL shows `count` advisory-lock requests waiting (not granted). */
async function waitForWaiters(url: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let tries = 0; tries < 200; tries++) {
      const { rows } = await client.query<{ waiting: number }>(`SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
      if (rows[0]!.waiting >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`no ${count} waiting advisory lock request(s) appeared`);
  } finally {
    await client.end();
  }
}

describe("Postgres target lock", () => {
  const database = useTestDatabase();

  it("lets one holder at a time own a target, keyed by folder/name whatever the mount point; the second waits", async () => {
    const lock = createPostgresTargetLock(database.url);
    const order: string[] = [];
    const releaseFirst = await lock.acquire(target("a.safetensors", "/mnt/machine-a"), neverAborted());
    order.push("first acquired");
    const second = lock.acquire(target("a.safetensors", "/srv/machine-b"), neverAborted()).then((release) => {
      order.push("second acquired");
      return release;
    });
    await waitForWaiters(database.url, 1);
    order.push("first releasing");
    await releaseFirst();
    await (
      await second
    )();
    expect(order).toEqual(["first acquired", "first releasing", "second acquired"]);
  });

  it("does not make different targets wait for each other", async () => {
    const lock = createPostgresTargetLock(database.url);
    const releases = await Promise.all([lock.acquire(target("a"), neverAborted()), lock.acquire(target("b"), neverAborted())]);
    expect(releases).toHaveLength(2);
    await Promise.all(releases.map((release) => release()));
  });

  it("stops waiting when the caller aborts, and the target stays lockable", async () => {
    const lock = createPostgresTargetLock(database.url);
    const release = await lock.acquire(target("c"), neverAborted());
    const controller = new AbortController();
    const waiting = lock.acquire(target("c"), controller.signal);
    await waitForWaiters(database.url, 1);
    controller.abort(new Error("cancelled"));
    await expect(waiting).rejects.toThrow("cancelled");
    await release();
    await (
      await lock.acquire(target("c"), neverAborted())
    )();
  });

  it("derives a stable signed 64-bit key per target", () => {
    expect(advisoryKeyOf("checkpoints/a")).toBe(advisoryKeyOf("checkpoints/a"));
    expect(advisoryKeyOf("checkpoints/a")).not.toBe(advisoryKeyOf("checkpoints/b"));
    expect(BigInt(advisoryKeyOf("checkpoints/a"))).toBeGreaterThanOrEqual(-(2n ** 63n));
  });
});

describe("downloader with the Postgres target lock", () => {
  const database = useTestDatabase();

  it("downloads the same target requested by two downloaders (two workers) only once", async () => {
    const harness = await startHarness();
    try {
      const job = harness.hfJob("big.safetensors");
      const outcomes = await Promise.all(
        [
          harness.downloader({}, { lock: createPostgresTargetLock(database.url) }),
          harness.downloader({}, { lock: createPostgresTargetLock(database.url) }),
        ].map((downloader) => downloader.download(job, neverAborted(), quietly)),
      );
      expect(outcomes.map((outcome) => outcome.status)).toEqual(["installed", "installed"]);
      expect(outcomes.map((outcome) => outcome.attempts).sort()).toEqual([0, 1]);
      expect(harness.storageRequests("big.safetensors")).toHaveLength(7);
    } finally {
      await harness.close();
    }
  });
});
