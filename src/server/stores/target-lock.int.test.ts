import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../../test/database";
import { advisoryKeyOf, createPostgresTargetLock } from "./target-lock";

describe("Postgres target lock", () => {
  const database = useTestDatabase();

  it("lets one holder at a time own a target; the second waits for the first to release", async () => {
    const lock = createPostgresTargetLock(database.url);
    const order: string[] = [];
    const releaseFirst = await lock.acquire("/models/checkpoints/a.safetensors", new AbortController().signal);
    order.push("first acquired");
    const second = lock.acquire("/models/checkpoints/a.safetensors", new AbortController().signal).then((release) => {
      order.push("second acquired");
      return release;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    order.push("first releasing");
    await releaseFirst();
    await (
      await second
    )();
    expect(order).toEqual(["first acquired", "first releasing", "second acquired"]);
  });

  it("does not make different targets wait for each other", async () => {
    const lock = createPostgresTargetLock(database.url);
    const signal = new AbortController().signal;
    const releases = await Promise.all([lock.acquire("/models/a", signal), lock.acquire("/models/b", signal)]);
    await Promise.all(releases.map((release) => release()));
  });

  it("stops waiting when the caller aborts, and the target stays lockable", async () => {
    const lock = createPostgresTargetLock(database.url);
    const release = await lock.acquire("/models/c", new AbortController().signal);
    const controller = new AbortController();
    const waiting = lock.acquire("/models/c", controller.signal);
    setTimeout(() => controller.abort(new Error("cancelled")), 100);
    await expect(waiting).rejects.toThrow("cancelled");
    await release();
    await (
      await lock.acquire("/models/c", new AbortController().signal)
    )();
  });

  it("derives a stable signed 64-bit key per path", () => {
    expect(advisoryKeyOf("/models/a")).toBe(advisoryKeyOf("/models/a"));
    expect(advisoryKeyOf("/models/a")).not.toBe(advisoryKeyOf("/models/b"));
    expect(BigInt(advisoryKeyOf("/models/a"))).toBeGreaterThanOrEqual(-(2n ** 63n));
  });
});

describe("downloader with the Postgres target lock", () => {
  const database = useTestDatabase();

  it("downloads the same target requested by two downloaders (two workers) only once", async () => {
    const { startHarness, neverAborted } = await import("../../core/download/test-fixtures");
    const harness = await startHarness();
    try {
      const job = harness.hfJob("big.safetensors");
      const lock = createPostgresTargetLock(database.url);
      const outcomes = await Promise.all(
        [harness.downloader({}, { lock }), harness.downloader({}, { lock: createPostgresTargetLock(database.url) })].map((downloader) =>
          downloader.download(job, neverAborted(), () => undefined),
        ),
      );
      expect(outcomes.map((outcome) => outcome.status)).toEqual(["installed", "installed"]);
      expect(outcomes.map((outcome) => outcome.attempts).sort()).toEqual([0, 1]);
      expect(harness.storageRequests("big.safetensors")).toHaveLength(7);
    } finally {
      await harness.close();
    }
  });
});
