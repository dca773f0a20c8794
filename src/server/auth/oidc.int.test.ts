// Single sign-on through the studio's identity provider: a real OpenID Provider (oidc-provider) on loopback, the
// settings saved by an admin over HTTP, and the whole code flow (PKCE, state, nonce, ID token) through the web server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestAccount, type TestAccount } from "../../test/accounts";
import { TEST_SECRET_KEY, useTestDatabase } from "../../test/database";
import { CookieJar, signInAtProvider, startIdentityProvider, type TestIdentityProvider } from "../../test/identity-provider";
import { rawRequest, startRouteServer, type RouteServer } from "../../test/route-server";
import { db } from "../db/client";
import { serverEnv } from "../env";
import { OIDC_CALLBACK_PATH } from "./oidc-settings";

describe("single sign-on (OpenID Connect)", () => {
  const database = useTestDatabase();
  let server: RouteServer;
  let idp: TestIdentityProvider;
  let admin: TestAccount;
  let host: string;

  const trpc = async (path: string, cookie: string, input?: unknown, method: "GET" | "POST" = "GET") => {
    const body = JSON.stringify({ json: input ?? null });
    const response = await rawRequest(`${server.url}/api/trpc/${path}${method === "GET" && input !== undefined ? `?input=${encodeURIComponent(body)}` : ""}`, {
      method,
      headers: { host, cookie, origin: server.url, "content-type": "application/json" },
      body: method === "POST" ? body : undefined,
    });
    const payload = JSON.parse(response.body) as { result?: { data: { json: unknown } }; error?: { json: { message: string } } };
    if (!payload.result) throw new Error(`${path}: ${response.status} ${payload.error?.json.message}`);
    return payload.result.data.json as Record<string, unknown>;
  };
  const saveSso = (settings: Record<string, unknown>) => trpc("users.updateSignInSettings", admin.cookie, settings, "POST");

  /** A browser that clicks "Sign in with …" and logs in at the provider as `login`; returns where it ends and its cookie. */
  async function signInWithSso(login: string): Promise<{ location: string; cookie: string | null }> {
    const jar = new CookieJar();
    const start = await fetch(`${server.url}/api/auth/sign-in/social`, {
      method: "POST",
      headers: { origin: server.url, "content-type": "application/json" },
      body: JSON.stringify({ provider: "oidc", callbackURL: "/runs", errorCallbackURL: "/sign-in" }),
    });
    expect(start.status).toBe(200);
    jar.take(server.url, start.headers.getSetCookie());
    const { url } = (await start.json()) as { url: string };
    expect(new URL(url).searchParams.get("code_challenge_method")).toBe("S256");
    const callback = await signInAtProvider(url, login, `${server.url}${OIDC_CALLBACK_PATH}`);
    const back = await fetch(callback, { redirect: "manual", headers: { cookie: jar.header(server.url) } });
    jar.take(server.url, back.headers.getSetCookie());
    const session = back.headers.getSetCookie().find((line) => line.startsWith("comfyfixer.session_token="));
    return { location: back.headers.get("location") ?? "", cookie: session ? session.split(";")[0]! : null };
  }

  beforeAll(async () => {
    Object.assign(process.env, { DATABASE_URL: database.url, COMFYFIXER_SECRET_KEY: TEST_SECRET_KEY });
    server = await startRouteServer(serverEnv());
    host = `127.0.0.1:${server.port}`;
    idp = await startIdentityProvider({
      redirectUris: [`${server.url}${OIDC_CALLBACK_PATH}`],
      users: [
        { sub: "alice-sub", email: "alice@studio.test", name: "Alice" },
        { sub: "carol-sub", email: "carol@studio.test", name: "Carol" },
        { sub: "dave-sub", email: "dave@studio.test", name: "Dave" },
      ],
    });
    admin = await createTestAccount(database, "admin", { env: serverEnv() });
  });
  afterAll(async () => {
    await server?.close();
    await idp?.close();
    await db().$disconnect();
  });

  it("is offered on the sign-in page once an admin saves it, and never gives the client secret back", async () => {
    const before = await rawRequest(`${server.url}/api/auth/options`, { headers: { host } });
    expect(JSON.parse(before.body)).toMatchObject({ oidc: null });
    const view = await saveSso({
      enabled: true,
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      name: "Studio ID",
      newUserRole: "operator",
    });
    expect(view).toMatchObject({ enabled: true, source: "settings", clientSecretSet: true, settings: { issuer: idp.issuer, newUserRole: "operator" } });
    expect(JSON.stringify(view)).not.toContain(idp.clientSecret);
    const sealed = await database.db.secret.findUniqueOrThrow({ where: { key: "oidc_client_secret" } });
    expect(sealed.value).not.toContain(idp.clientSecret);
    const after = await rawRequest(`${server.url}/api/auth/options`, { headers: { host } });
    expect(JSON.parse(after.body)).toMatchObject({ oidc: { name: "Studio ID" } });
    expect((await database.db.auditEntry.findFirst({ where: { action: "sign_in_settings.updated" } }))?.details).toMatchObject({ clientSecret: "set" });
  });

  it("signs a new person in with the role the admin chose for new SSO users", async () => {
    const { location, cookie } = await signInWithSso("alice-sub");
    expect(location).toBe("/runs");
    expect(cookie).not.toBeNull();
    expect(await trpc("account.me", cookie!)).toMatchObject({ email: "alice@studio.test", role: "operator", hasPassword: false });
    const account = await database.db.account.findFirst({ where: { providerId: "oidc", user: { email: "alice@studio.test" } } });
    expect(account?.accountId).toBe("alice-sub");
    const audit = await database.db.auditEntry.findMany({ where: { actorEmail: "alice@studio.test" }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => [entry.action, entry.details])).toEqual([
      ["user.created", { role: "operator", provider: "Studio ID" }],
      ["auth.signed_in", { method: "sso" }],
    ]);
  });

  it("signs an invited person into their own account, keeping the role of the invite", async () => {
    const invite = (await trpc("users.invite", admin.cookie, { email: "carol@studio.test", role: "viewer" }, "POST")) as { link: string };
    const token = new URL(invite.link).searchParams.get("token")!;
    const accepted = await rawRequest(`${server.url}/api/auth/invite/accept`, {
      method: "POST",
      headers: { host, origin: server.url, "content-type": "application/json" },
      body: JSON.stringify({ token, name: "Carol", password: "carols-password" }),
    });
    expect(accepted.status).toBe(200);
    const { cookie } = await signInWithSso("carol-sub");
    expect(await trpc("account.me", cookie!)).toMatchObject({ email: "carol@studio.test", role: "viewer", hasPassword: true });
    expect(await database.db.user.count({ where: { email: "carol@studio.test" } })).toBe(1);
  });

  it("refuses people without an account when the admin allows no new SSO users", async () => {
    await saveSso({ enabled: true, issuer: idp.issuer, clientId: idp.clientId, name: "Studio ID", newUserRole: "none" });
    const { location, cookie } = await signInWithSso("dave-sub");
    expect(cookie).toBeNull();
    expect(new URL(location, server.url).pathname).toBe("/sign-in");
    expect(new URL(location, server.url).searchParams.get("error")).toBe("signup_disabled");
    expect(await database.db.user.findUnique({ where: { email: "dave@studio.test" } })).toBeNull();
    expect((await database.db.auditEntry.findFirst({ where: { action: "auth.sign_in_failed" }, orderBy: { id: "desc" } }))?.details).toEqual({
      reason: "signup_disabled",
    });
  });

  it("stays off while the provider does not answer, without holding up other requests, and comes back when it does", async () => {
    const port = Number(new URL(idp.issuer).port);
    await idp.close();
    await saveSso({ enabled: true, issuer: idp.issuer, clientId: idp.clientId, name: "Studio ID", newUserRole: "viewer" });
    const options = await rawRequest(`${server.url}/api/auth/options`, { headers: { host } });
    expect(JSON.parse(options.body)).toMatchObject({ oidc: null });
    expect(await trpc("account.me", admin.cookie)).toMatchObject({ email: admin.email });

    idp = await startIdentityProvider({
      port,
      redirectUris: [`${server.url}${OIDC_CALLBACK_PATH}`],
      users: [{ sub: "alice-sub", email: "alice@studio.test", name: "Alice" }],
    });
    // Saving again (or the next request after 30 s) tries the provider again.
    await saveSso({ enabled: true, issuer: idp.issuer, clientId: idp.clientId, name: "Studio ID", newUserRole: "viewer" });
    const back = await rawRequest(`${server.url}/api/auth/options`, { headers: { host } });
    expect(JSON.parse(back.body), back.body).toMatchObject({ oidc: { name: "Studio ID" } });
    expect((await signInWithSso("alice-sub")).cookie).not.toBeNull();
  });

  it("is gone from the sign-in page when turned off", async () => {
    await saveSso({ enabled: false });
    const options = await rawRequest(`${server.url}/api/auth/options`, { headers: { host } });
    expect(JSON.parse(options.body)).toMatchObject({ oidc: null });
    expect(await database.db.secret.findUnique({ where: { key: "oidc_client_secret" } })).toBeNull();
  });
});
