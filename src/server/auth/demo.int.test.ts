// The demo signs its visitors in as the demo admin by itself — from this machine only, and only in the demo.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SECRET_KEY, useTestDatabase } from "../../test/database";
import { rawRequest, startRouteServer, type RouteServer } from "../../test/route-server";
import { db } from "../db/client";
import { serverEnv } from "../env";
import { createAccount } from "./accounts";
import { authFor } from "./instance";
import { DEMO_ADMIN_EMAIL } from "./plugin";

describe("the demo's automatic sign-in", () => {
  const database = useTestDatabase();
  let local: RouteServer;
  let proxied: RouteServer;
  const signIn = (server: RouteServer, headers: Record<string, string> = {}) =>
    rawRequest(`${server.url}/api/auth/demo/sign-in`, {
      method: "POST",
      headers: { host: `127.0.0.1:${server.port}`, origin: server.url, "content-type": "application/json", ...headers },
      body: "{}",
    });

  beforeAll(async () => {
    Object.assign(process.env, { DATABASE_URL: database.url, COMFYFIXER_SECRET_KEY: TEST_SECRET_KEY, COMFYFIXER_DEMO: "1" });
    local = await startRouteServer(serverEnv());
    // Behind a proxy that forwards a visitor from elsewhere.
    proxied = await startRouteServer({ ...serverEnv(), trustedProxies: ["127.0.0.0/8"] });
    await createAccount(await (await authFor({ db: database.db, env: serverEnv() })).$context, { email: DEMO_ADMIN_EMAIL, name: "Demo admin", role: "admin" });
  });
  afterAll(async () => {
    await local?.close();
    await proxied?.close();
    await db().$disconnect();
  });

  it("signs a visitor on this machine in as the demo admin, and tells the sign-in page it is a demo", async () => {
    const options = await rawRequest(`${local.url}/api/auth/options`, { headers: { host: `127.0.0.1:${local.port}` } });
    expect(JSON.parse(options.body)).toMatchObject({ demo: true });
    const response = await signIn(local);
    expect(response.status).toBe(200);
    const cookie = [response.headers["set-cookie"]]
      .flat()
      .find((line) => line?.startsWith("comfyfixer.session_token="))!
      .split(";")[0]!;
    const me = await rawRequest(`${local.url}/api/trpc/account.me`, { headers: { host: `127.0.0.1:${local.port}`, cookie } });
    expect(JSON.parse(me.body).result.data.json).toMatchObject({ email: DEMO_ADMIN_EMAIL, role: "admin" });
  });

  it("does not sign in a visitor from another machine", async () => {
    const response = await signIn(proxied, { "x-forwarded-for": "198.51.100.20" });
    expect(response.status).toBe(404);
    expect(response.headers["set-cookie"]).toBeUndefined();
  });
});
