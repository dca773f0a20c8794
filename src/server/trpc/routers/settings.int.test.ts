import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { defaultSettings } from "../../../core/config/settings";
import { useTestDatabase } from "../../../test/database";
import { useTestAccount } from "../../../test/accounts";
import { createContextInner } from "../init";
import { createCaller } from "../root";

describe("settings router", () => {
  const database = useTestDatabase();
  const admin = useTestAccount(database, "admin");
  const caller = () => createCaller(createContextInner({ db: database.db, env: database.env(), actor: admin.actor }));

  it("returns the defaults from config/default.toml before anything is saved", async () => {
    const view = await caller().settings.get();
    expect(view.settings).toEqual(defaultSettings());
    expect(view.tokens.hf_token).toEqual({ set: false, hint: null });
  });

  it("saves a partial update and keeps the other values", async () => {
    await caller().settings.update({ download: { concurrency: 6 }, cache: { ttl_hours: 2 } });
    const view = await caller().settings.get();
    expect(view.settings.download.concurrency).toBe(6);
    expect(view.settings.cache.ttl_hours).toBe(2);
    expect(view.settings.download.resume_downloads).toBe(defaultSettings().download.resume_downloads);
  });

  it("rejects values out of range and saves nothing", async () => {
    const error = await caller()
      .settings.update({ download: { concurrency: 11 } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect((await caller().settings.get()).settings.download.concurrency).toBe(6);
  });

  it("stores tokens write-only: only a hint ever comes back", async () => {
    const secret = "hf_abcdefghijklmnopqrstuvwxyz1234";
    const view = await caller().settings.update({ tokens: { hf_token: secret } });
    expect(JSON.stringify(view)).not.toContain(secret);
    expect(view.tokens.hf_token).toEqual({ set: true, hint: "1234" });
    const cleared = await caller().settings.update({ tokens: { hf_token: null } });
    expect(cleared.tokens.hf_token.set).toBe(false);
  });
});
