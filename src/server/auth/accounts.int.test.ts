// How accounts come to be and change: the first admin (set-up link or environment), invites with a role, role
// changes and removal, with the rules that keep an admin in charge. The links are used over real HTTP.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestAccount, sessionCookieOf, type TestAccount } from "../../test/accounts";
import { TEST_SECRET_KEY, useTestDatabase } from "../../test/database";
import { rawRequest, startRouteServer, type RouteServer } from "../../test/route-server";
import { db } from "../db/client";
import { serverEnv, type ServerEnv } from "../env";
import { createContextInner } from "../trpc/init";
import { createCaller } from "../trpc/root";
import { createAuth } from "./auth";
import { ensureFirstAdmin } from "./first-admin";

describe("accounts", () => {
  const database = useTestDatabase();
  let env: ServerEnv;
  let server: RouteServer;

  const accept = (token: string, body: Record<string, unknown>) =>
    rawRequest(`${server.url}/api/auth/invite/accept`, {
      method: "POST",
      headers: { host: `127.0.0.1:${server.port}`, origin: server.url, "content-type": "application/json" },
      body: JSON.stringify({ token, ...body }),
    });
  const details = (token: string) =>
    rawRequest(`${server.url}/api/auth/invite/details?token=${encodeURIComponent(token)}`, { headers: { host: `127.0.0.1:${server.port}` } });
  const tokenOf = (link: string) => new URL(link, "http://x").searchParams.get("token")!;
  const callerAs = (account: TestAccount) => createCaller(createContextInner({ db: database.db, env, actor: account.actor, origin: server.url }));
  const roleError = (promise: Promise<unknown>) =>
    promise.then(
      () => "OK",
      (error: unknown) => (error as TRPCError).code,
    );

  beforeAll(async () => {
    Object.assign(process.env, { DATABASE_URL: database.url, COMFYFIXER_SECRET_KEY: TEST_SECRET_KEY });
    env = serverEnv();
    server = await startRouteServer(env);
  });
  afterAll(async () => {
    await server?.close();
    await db().$disconnect();
  });

  describe("the first admin", () => {
    it("comes from a set-up link that works once, and only while no account exists", async () => {
      const auth = createAuth({ db: database.db, env, oidc: null, protocol: "http" });
      const stale = await ensureFirstAdmin(auth, { db: database.db, env });
      const first = await ensureFirstAdmin(auth, { db: database.db, env });
      if (stale.kind !== "setup-link" || first.kind !== "setup-link") throw new Error("expected set-up links");
      // A restart prints a new link; the old one stops working.
      expect((await details(tokenOf(stale.path))).status).toBe(404);
      expect(JSON.parse((await details(tokenOf(first.path))).body)).toEqual({ kind: "setup", email: null, role: "admin" });

      const short = await accept(tokenOf(first.path), { email: "boss@studio.test", name: "Boss", password: "short" });
      expect(short.status).toBe(400);
      expect(short.body).toContain("at least 10 characters");
      const created = await accept(tokenOf(first.path), { email: "Boss@Studio.test", name: "Boss", password: "a-long-enough-password" });
      expect(created.status).toBe(200);
      const cookie = sessionCookieOf(new Headers(([created.headers["set-cookie"]].flat() as string[]).map((line) => ["set-cookie", line] as [string, string])));
      const me = await rawRequest(`${server.url}/api/trpc/account.me`, { headers: { host: `127.0.0.1:${server.port}`, cookie } });
      expect(JSON.parse(me.body).result.data.json).toMatchObject({ email: "boss@studio.test", role: "admin" });

      expect((await accept(tokenOf(first.path), { email: "second@studio.test", password: "a-long-enough-password" })).status).toBe(404);
      expect(await ensureFirstAdmin(auth, { db: database.db, env })).toEqual({ kind: "exists" });
      expect(await database.db.invite.count({ where: { kind: "setup", usedAt: null } })).toBe(0);
      expect(await database.db.user.findUnique({ where: { email: "boss@studio.test" } })).toMatchObject({ role: "admin", emailVerified: true });
      expect(await database.db.auditEntry.findFirst({ where: { action: "user.created", target: "boss@studio.test" } })).toMatchObject({
        actorEmail: "boss@studio.test",
        details: { role: "admin", method: "set-up link" },
      });
    });

    it("comes from COMFYFIXER_ADMIN_EMAIL + COMFYFIXER_ADMIN_PASSWORD when set, and only while no account exists", async () => {
      await database.db.user.deleteMany({});
      const withAdmin = database.env({ COMFYFIXER_ADMIN_EMAIL: "Ops@Studio.test", COMFYFIXER_ADMIN_PASSWORD: "env-admin-password" });
      const auth = createAuth({ db: database.db, env: withAdmin, oidc: null, protocol: "http" });
      expect(await ensureFirstAdmin(auth, { db: database.db, env: withAdmin })).toEqual({ kind: "created", email: "ops@studio.test" });
      expect(await ensureFirstAdmin(auth, { db: database.db, env: withAdmin })).toEqual({ kind: "exists" });
      expect(await database.db.user.count()).toBe(1);
      const signIn = await auth.api.signInEmail({ body: { email: "ops@studio.test", password: "env-admin-password" } });
      expect(signIn.user.email).toBe("ops@studio.test");
    });
  });

  describe("invites", () => {
    let admin: TestAccount;
    beforeAll(async () => {
      admin = await createTestAccount(database, "admin", { env });
    });

    it("make one account with the invite's address and role, once", async () => {
      const invite = await callerAs(admin).users.invite({ email: "Op@Studio.test", role: "operator" });
      expect(invite.link.startsWith(`${server.url}/invite?token=`)).toBe(true);
      const token = tokenOf(invite.link);
      expect(JSON.parse((await details(token)).body)).toEqual({ kind: "invite", email: "op@studio.test", role: "operator" });
      expect((await callerAs(admin).users.invites()).map((pending) => pending.email)).toContain("op@studio.test");

      // A password too short leaves the link usable.
      expect((await accept(token, { password: "short" })).status).toBe(400);
      // The address is the invite's, whatever the form sends.
      const created = await accept(token, { email: "someone-else@evil.test", name: "Op", password: "operator-password" });
      expect(created.status).toBe(200);
      expect(await database.db.user.findUnique({ where: { email: "someone-else@evil.test" } })).toBeNull();
      expect(await database.db.user.findUnique({ where: { email: "op@studio.test" } })).toMatchObject({ role: "operator", emailVerified: true, name: "Op" });
      expect((await accept(token, { password: "operator-password" })).status).toBe(404);
      expect(await callerAs(admin).users.invites()).toEqual([]);
      const audit = await database.db.auditEntry.findFirst({ where: { action: "user.invited", target: "op@studio.test" } });
      expect(audit).toMatchObject({ actorEmail: admin.email, details: { role: "operator" } });
    });

    it("stop working when revoked or expired, and are not made for an address that has an account", async () => {
      const revoked = await callerAs(admin).users.invite({ email: "late@studio.test", role: "viewer" });
      await callerAs(admin).users.revokeInvite({ id: revoked.id });
      expect((await accept(tokenOf(revoked.link), { password: "viewer-password" })).status).toBe(404);

      const expired = await callerAs(admin).users.invite({ email: "slow@studio.test", role: "viewer" });
      await database.db.invite.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expect((await accept(tokenOf(expired.link), { password: "viewer-password" })).status).toBe(404);

      expect(await roleError(callerAs(admin).users.invite({ email: admin.email, role: "viewer" }))).toBe("CONFLICT");
    });

    it("are only for admins", async () => {
      const operator = await createTestAccount(database, "operator", { env });
      expect(await roleError(callerAs(operator).users.invite({ email: "x@studio.test", role: "admin" }))).toBe("FORBIDDEN");
    });
  });

  describe("roles and removal", () => {
    it("always leave one admin, and take effect on the next request", async () => {
      await database.db.user.deleteMany({});
      const admin = await createTestAccount(database, "admin", { env });
      expect(await roleError(callerAs(admin).users.setRole({ userId: admin.userId, role: "viewer" }))).toBe("CONFLICT");
      expect(await roleError(callerAs(admin).users.remove({ userId: admin.userId }))).toBe("CONFLICT");

      const other = await createTestAccount(database, "viewer", { env });
      await callerAs(admin).users.setRole({ userId: other.userId, role: "admin" });
      // The other person's existing session carries the new role at once.
      const auth = createAuth({ db: database.db, env, oidc: null, protocol: "http" });
      const session = await auth.api.getSession({ headers: new Headers({ cookie: other.cookie }) });
      expect((session?.user as { role?: string }).role).toBe("admin");
      await callerAs(admin).users.setRole({ userId: admin.userId, role: "operator" });
      expect(await database.db.auditEntry.findFirst({ where: { action: "user.role_changed", target: admin.email } })).toMatchObject({
        details: { from: "admin", to: "operator" },
      });
    });

    it("removes an account with its sessions and keys; its runs stay, and say nobody started them", async () => {
      const admin = await createTestAccount(database, "admin", { env });
      const leaving = await createTestAccount(database, "operator", { env });
      const run = await database.db.run.create({ data: { modelsRoot: "/models", createdById: leaving.userId } });
      expect((await callerAs(admin).runs.get({ id: run.id })).startedBy).toBe(leaving.email);
      await callerAs(admin).users.remove({ userId: leaving.userId });
      expect(await database.db.session.count({ where: { userId: leaving.userId } })).toBe(0);
      expect((await callerAs(admin).runs.get({ id: run.id })).startedBy).toBeNull();
      expect(await database.db.auditEntry.findFirst({ where: { action: "user.removed", target: leaving.email } })).toMatchObject({ actorEmail: admin.email });
    });
  });
});
