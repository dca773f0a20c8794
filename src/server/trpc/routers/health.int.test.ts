import { describe, expect, it } from "vitest";
import { useTestAccount } from "../../../test/accounts";
import { useTestDatabase } from "../../../test/database";
import { createContextInner } from "../init";
import { createCaller } from "../root";

describe("health router", () => {
  const database = useTestDatabase();
  const viewer = useTestAccount(database, "viewer");

  it("reports the database up and no worker until one heartbeats, then a stale one as dead", async () => {
    const env = database.env({ COMFYFIXER_STALE_RUN_SECONDS: "20" });
    const caller = createCaller(createContextInner({ db: database.db, env, actor: viewer.actor }));
    expect(await caller.health.check()).toMatchObject({ ok: false, database: { ok: true }, worker: { ok: false, alive: 0 } });

    await database.db.workerHeartbeat.create({ data: { workerId: "w1", hostname: "h", pid: 1 } });
    expect(await caller.health.check()).toMatchObject({ ok: true, worker: { ok: true, alive: 1 } });

    await database.db.workerHeartbeat.update({
      where: { workerId: "w1" },
      data: { lastSeenAt: new Date(Date.now() - env.staleRunSeconds * 1000 - 1_000) },
    });
    expect(await caller.health.check()).toMatchObject({ ok: false, worker: { ok: false, alive: 0 } });
  });
});
