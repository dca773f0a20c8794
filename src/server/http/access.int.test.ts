// The rules that keep everyone else out, over real HTTP: the web server in front of the real route handlers, the real
// auth instance and a real database. Headers that matter (Host, Origin, Sec-Fetch-Site, X-Forwarded-*) are sent as
// a browser or an attacker would.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestAccount, type TestAccount } from "../../test/accounts";
import { TEST_SECRET_KEY, useTestDatabase } from "../../test/database";
import { rawRequest, startRouteServer, type RawResponse, type RouteServer } from "../../test/route-server";
import { db } from "../db/client";
import { serverEnv, type ServerEnv } from "../env";

const json = (response: RawResponse) => JSON.parse(response.body) as Record<string, unknown>;
const trpcError = (response: RawResponse) => (json(response).error as { json: { data: { code: string } } }).json.data.code;
const setCookies = (response: RawResponse) => [response.headers["set-cookie"] ?? []].flat();

describe("who gets in, over HTTP", () => {
  const database = useTestDatabase();
  let env: ServerEnv;
  let server: RouteServer;
  let admin: TestAccount;
  let host: string;

  const trpc = (path: string, options: { input?: unknown; method?: "GET" | "POST"; headers?: Record<string, string>; localAddress?: string } = {}) => {
    const method = options.method ?? "GET";
    const body = JSON.stringify({ json: options.input ?? null });
    const query = method === "GET" && options.input !== undefined ? `?input=${encodeURIComponent(body)}` : "";
    return rawRequest(`${server.url}/api/trpc/${path}${query}`, {
      method,
      headers: { host, ...(method === "POST" ? { "content-type": "application/json" } : {}), ...options.headers },
      body: method === "POST" ? body : undefined,
      localAddress: options.localAddress,
    });
  };
  const signIn = (email: string, password: string, headers: Record<string, string> = {}, localAddress?: string) =>
    rawRequest(`${server.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { host, origin: `http://${host}`, "content-type": "application/json", ...headers },
      body: JSON.stringify({ email, password }),
      localAddress,
    });
  const sameOrigin = () => ({ origin: `http://${host}` });

  beforeAll(async () => {
    // The route modules read the process's environment, as they do in the web process.
    Object.assign(process.env, { DATABASE_URL: database.url, COMFYFIXER_SECRET_KEY: TEST_SECRET_KEY, COMFYFIXER_ALLOWED_HOSTNAMES: "comfy.studio.lan" });
    delete process.env.COMFYFIXER_TRUSTED_PROXIES;
    env = serverEnv();
    server = await startRouteServer(env);
    host = `127.0.0.1:${server.port}`;
    admin = await createTestAccount(database, "admin", { env });
  });
  afterAll(async () => {
    await server?.close();
    await db().$disconnect();
  });

  describe("the Host rule (DNS rebinding)", () => {
    it("refuses a name nobody configured on every path, even with a valid session", async () => {
      for (const foreign of [`evil.example:${server.port}`, `comfy.studio.lan.evil.example:${server.port}`, "2130706433"]) {
        for (const path of ["/", "/api/health", "/api/trpc/runs.list", "/api/auth/get-session"]) {
          const response = await rawRequest(`${server.url}${path}`, { headers: { host: foreign, cookie: admin.cookie } });
          expect(response.status, `${foreign} ${path}`).toBe(403);
          expect(response.body).toContain("does not answer to");
        }
      }
    });

    it("answers to IP literals, localhost and the configured host names", async () => {
      for (const allowed of [host, `localhost:${server.port}`, `[::1]:${server.port}`, `comfy.studio.lan:${server.port}`, "10.1.2.3"]) {
        const response = await rawRequest(`${server.url}/api/health`, { headers: { host: allowed } });
        expect(response.status, allowed).not.toBe(403);
      }
    });
  });

  describe("nobody without a session or an API key", () => {
    it("refuses every tRPC call and the event stream with 401", async () => {
      expect(trpcError(await trpc("runs.list", { input: {} }))).toBe("UNAUTHORIZED");
      expect((await trpc("runs.list", { input: {} })).status).toBe(401);
      const mutation = await trpc("runs.cancel", { method: "POST", input: { id: crypto.randomUUID() }, headers: sameOrigin() });
      expect(mutation.status).toBe(401);
      const events = await rawRequest(`${server.url}/api/runs/${crypto.randomUUID()}/events`, { headers: { host } });
      expect(events.status).toBe(401);
      // A made-up cookie or key is no better.
      expect((await trpc("runs.list", { input: {}, headers: { cookie: "comfyfixer.session_token=forged.value" } })).status).toBe(401);
      expect((await trpc("runs.list", { input: {}, headers: { authorization: "Bearer cf_not-a-real-key" } })).status).toBe(401);
    });

    it("says only ok or not ok on /api/health, and the details to a signed-in caller", async () => {
      const anonymous = await rawRequest(`${server.url}/api/health`, { headers: { host } });
      expect(Object.keys(json(anonymous))).toEqual(["ok"]);
      const signedIn = await rawRequest(`${server.url}/api/health`, { headers: { host, cookie: admin.cookie } });
      expect(json(signedIn)).toMatchObject({ ok: false, database: { ok: true }, worker: { alive: 0 } });
    });

    it("sends a browser without a session to the sign-in page, and back afterwards", async () => {
      const page = await rawRequest(`${server.url}/runs/abc?tab=models`, { headers: { host } });
      expect(page.status).toBe(302);
      expect(page.headers.location).toBe(`/sign-in?next=${encodeURIComponent("/runs/abc?tab=models")}`);
      expect((await rawRequest(`${server.url}/sign-in`, { headers: { host } })).status).toBe(200);
      expect((await rawRequest(`${server.url}/runs/abc`, { headers: { host, cookie: admin.cookie } })).status).toBe(200);
    });
  });

  describe("the same-origin rule for changes (CSRF)", () => {
    const update = (concurrency: number, headers: Record<string, string>) =>
      trpc("settings.update", { method: "POST", input: { download: { concurrency } }, headers: { cookie: admin.cookie, ...headers } });
    const concurrency = async () =>
      (
        json(await trpc("settings.get", { headers: { cookie: admin.cookie } })).result as {
          data: { json: { settings: { download: { concurrency: number } } } };
        }
      ).data.json.settings.download.concurrency;

    it("refuses a cross-site request with the admin's cookie whatever its content type, and changes nothing", async () => {
      const before = await concurrency();
      for (const contentType of ["multipart/form-data; boundary=x", "text/plain", "application/x-www-form-urlencoded", "application/json"]) {
        const response = await update(before === 7 ? 8 : 7, { origin: "http://evil.example", "content-type": contentType });
        expect(response.status, contentType).toBe(403);
      }
      expect((await update(9, { "sec-fetch-site": "cross-site" })).status).toBe(403);
      expect((await update(9, { "sec-fetch-site": "same-site" })).status).toBe(403);
      expect((await update(9, { origin: "null" })).status).toBe(403);
      // No Origin and no Sec-Fetch-Site, but a cookie: a browser never sends that, so it is refused too.
      expect((await update(9, {})).status).toBe(403);
      // Same host, other scheme: another origin.
      expect((await update(9, { origin: `https://${host}` })).status).toBe(403);
      expect(await concurrency()).toBe(before);
    });

    it("takes the change from the dashboard's own origin", async () => {
      expect((await update(5, sameOrigin())).status).toBe(200);
      expect(await concurrency()).toBe(5);
      expect((await update(6, { "sec-fetch-site": "same-origin" })).status).toBe(200);
      expect(await concurrency()).toBe(6);
    });

    it("refuses a sign-in posted from another site", async () => {
      const response = await signIn(admin.email, admin.password, { origin: "http://evil.example" });
      expect(response.status).toBe(403);
      expect(setCookies(response)).toEqual([]);
    });
  });

  describe("sessions", () => {
    it("sets an HttpOnly, SameSite=Lax session cookie (not Secure over http) that sign-out ends", async () => {
      const response = await signIn(admin.email, admin.password);
      expect(response.status).toBe(200);
      const cookie = setCookies(response).find((line) => line.startsWith("comfyfixer.session_token="))!;
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      expect(cookie).toMatch(/Max-Age=604800/);
      expect(cookie).not.toMatch(/Secure/i);
      const session = cookie.split(";")[0]!;
      expect((await trpc("account.me", { headers: { cookie: session } })).status).toBe(200);

      const signOut = await rawRequest(`${server.url}/api/auth/sign-out`, {
        method: "POST",
        headers: { host, cookie: session, "content-type": "application/json", ...sameOrigin() },
        body: "{}",
      });
      expect(signOut.status).toBe(200);
      expect((await trpc("account.me", { headers: { cookie: session } })).status).toBe(401);
    });

    it("changes a password only with the current one, signs out the other sessions, and records it", async () => {
      const account = await createTestAccount(database, "operator", { env });
      const other = await signIn(account.email, account.password);
      const otherSession = setCookies(other)
        .find((line) => line.startsWith("comfyfixer.session_token="))!
        .split(";")[0]!;
      const change = (currentPassword: string) =>
        rawRequest(`${server.url}/api/auth/change-password`, {
          method: "POST",
          headers: { host, cookie: account.cookie, "content-type": "application/json", ...sameOrigin() },
          body: JSON.stringify({ currentPassword, newPassword: "a-brand-new-password", revokeOtherSessions: true }),
        });
      const wrong = await change("not-my-password");
      expect(wrong.status).toBe(400);
      expect(json(wrong)).toMatchObject({ code: "INVALID_PASSWORD" });
      expect((await change(account.password)).status).toBe(200);
      expect((await trpc("account.me", { headers: { cookie: otherSession } })).status).toBe(401);
      expect((await signIn(account.email, account.password, {}, "127.0.0.6")).status).toBe(401);
      expect((await signIn(account.email, "a-brand-new-password", {}, "127.0.0.6")).status).toBe(200);
      expect(await database.db.auditEntry.count({ where: { action: "account.password_changed", actorId: account.userId } })).toBe(1);
    });

    it("refuses a session past its expiry", async () => {
      const account = await createTestAccount(database, "viewer", { env });
      expect((await trpc("account.me", { headers: { cookie: account.cookie } })).status).toBe(200);
      await database.db.session.updateMany({ where: { userId: account.userId }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expect((await trpc("account.me", { headers: { cookie: account.cookie } })).status).toBe(401);
    });
  });

  describe("sign-in attempts", () => {
    it("are limited per client address, which a forged X-Forwarded-For does not change", async () => {
      const target = await createTestAccount(database, "operator", { env });
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 11; attempt++) {
        statuses.push((await signIn(target.email, "wrong-password", { "x-forwarded-for": `203.0.113.${attempt}` }, "127.0.0.3")).status);
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses[10]).toBe(429);
      // Even the right password waits now, from this address…
      expect((await signIn(target.email, target.password, {}, "127.0.0.3")).status).toBe(429);
      // …while another client is not locked out.
      expect((await signIn(target.email, target.password, {}, "127.0.0.4")).status).toBe(200);

      const failures = await database.db.auditEntry.findMany({ where: { action: "auth.sign_in_failed", target: target.email } });
      expect(failures).toHaveLength(10);
      expect(new Set(failures.map((entry) => entry.address))).toEqual(new Set(["127.0.0.3"]));
      const signedIn = await database.db.auditEntry.findFirst({ where: { action: "auth.signed_in", actorId: target.userId, address: "127.0.0.4" } });
      expect(signedIn?.details).toEqual({ method: "password" });
    });
  });

  describe("behind a trusted reverse proxy", () => {
    let proxied: RouteServer;
    beforeAll(async () => {
      proxied = await startRouteServer({ ...env, trustedProxies: ["127.0.0.0/8"] });
    });
    afterAll(async () => {
      await proxied?.close();
    });

    it("takes the client address and https from the proxy's headers, and makes the cookie Secure", async () => {
      const response = await rawRequest(`${proxied.url}/api/auth/sign-in/email`, {
        method: "POST",
        headers: {
          host: "comfy.studio.lan",
          origin: "https://comfy.studio.lan",
          "content-type": "application/json",
          "x-forwarded-for": "198.51.100.77, 127.0.0.5",
          "x-forwarded-proto": "https",
        },
        body: JSON.stringify({ email: admin.email, password: admin.password }),
      });
      expect(response.status).toBe(200);
      const cookie = setCookies(response).find((line) => line.startsWith("__Secure-comfyfixer.session_token="));
      expect(cookie).toMatch(/;\s*Secure/i);
      const session = await database.db.session.findFirst({ where: { userId: admin.userId }, orderBy: { createdAt: "desc" } });
      expect(session?.ipAddress).toBe("198.51.100.77");
    });
  });

  describe("API keys", () => {
    it("act with their account's role, follow a role change at once, and stop at once when revoked", async () => {
      const viewer = await createTestAccount(database, "viewer", { env });
      const created = await trpc("account.createApiKey", {
        method: "POST",
        input: { name: "render box" },
        headers: { cookie: viewer.cookie, ...sameOrigin() },
      });
      expect(created.status).toBe(200);
      const { key, id } = (json(created).result as { data: { json: { key: string; id: string } } }).data.json;
      expect(key).toMatch(/^cf_/);
      expect(JSON.stringify(await database.db.apiKey.findMany())).not.toContain(key);
      const bearer = { authorization: `Bearer ${key}` };

      expect((await trpc("runs.list", { input: {}, headers: bearer })).status).toBe(200);
      // The CLI sends no Origin: a key is enough for a change, and the viewer's role still decides.
      const start = () => trpc("runs.create", { method: "POST", input: { workflows: [{ fileName: "a.json", content: "{}" }] }, headers: bearer });
      expect(trpcError(await start())).toBe("FORBIDDEN");
      const events = () => rawRequest(`${server.url}/api/runs/${crypto.randomUUID()}/events`, { headers: { host, ...bearer } });
      expect((await events()).status).toBe(404);

      await database.db.user.update({ where: { id: viewer.userId }, data: { role: "operator" } });
      // Now the role allows it; what stops it is the missing models root, not the role.
      expect(trpcError(await start())).toBe("BAD_REQUEST");

      const revoked = await trpc("account.revokeApiKey", { method: "POST", input: { id }, headers: { cookie: viewer.cookie, ...sameOrigin() } });
      expect(revoked.status).toBe(200);
      expect((await trpc("runs.list", { input: {}, headers: bearer })).status).toBe(401);
      expect((await events()).status).toBe(401);
      const audit = await database.db.auditEntry.findMany({ where: { action: { in: ["api_key.created", "api_key.revoked"] }, actorId: viewer.userId } });
      expect(audit.map((entry) => entry.action).sort()).toEqual(["api_key.created", "api_key.revoked"]);
      expect(JSON.stringify(audit.map((entry) => entry.details))).not.toContain(key);
    });
  });

  it("serves none of better-auth's endpoints that would bypass the audited API", async () => {
    for (const [method, path] of [
      ["POST", "/api/auth/sign-up/email"],
      ["POST", "/api/auth/api-key/create"],
      ["POST", "/api/auth/update-user"],
      ["POST", "/api/auth/delete-user"],
      ["GET", "/api/auth/list-sessions"],
      // Served, but only in the demo.
      ["POST", "/api/auth/demo/sign-in"],
    ] as const) {
      const response = await rawRequest(`${server.url}${path}`, {
        method,
        headers: { host, cookie: admin.cookie, "content-type": "application/json", ...sameOrigin() },
        body: method === "POST" ? JSON.stringify({ email: "new@studio.test", password: "long-enough-password", name: "x", role: "admin" }) : undefined,
      });
      expect(response.status, path).toBe(404);
    }
    expect(await database.db.user.findUnique({ where: { email: "new@studio.test" } })).toBeNull();
  });
});
