import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSettings } from "../../../core/config/settings";
import { useTestDatabase } from "../../../test/database";
import { useTestAccount } from "../../../test/accounts";
import { createContextInner } from "../init";
import { createCaller } from "../root";
import { resolverCatalogue, startSim } from "../../../test/fixtures/resolve";
import { simEnv } from "../../../test/sim-env";
import type { UpstreamSim } from "../../../test/sim";

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

describe("settings.checkConnections", () => {
  const database = useTestDatabase();
  const admin = useTestAccount(database, "admin");
  let sim: UpstreamSim;
  const HF_TOKEN = "hf_saved_token_abcdefghijklmnop";
  beforeAll(async () => {
    sim = await startSim(resolverCatalogue(), { hfToken: HF_TOKEN, hfAccount: { name: "team-bot" } });
  });
  afterAll(() => sim?.close());

  it("checks the endpoints with the saved tokens and names the account, never the token", async () => {
    const caller = createCaller(createContextInner({ db: database.db, env: database.env(simEnv(sim)), actor: admin.actor }));
    await caller.settings.update({ tokens: { hf_token: HF_TOKEN, civitai_api_token: "not-a-key" } });
    const report = await caller.settings.checkConnections();
    expect(JSON.stringify(report)).not.toContain(HF_TOKEN);
    expect(report.services[0]).toMatchObject({ service: "huggingface", endpoint: sim.hfUrl, reachable: true, token: { accepted: true, account: "team-bot" } });
    expect(report.services[1]).toMatchObject({ service: "civitai", reachable: true, token: { accepted: false } });
    expect(report.ok).toBe(false);
  });
});
