// `comfyfixer user add` and `comfyfixer api-key create`, run as the real command on the server's database.
import { describe, expect, it } from "vitest";
import { resolveActor } from "../../server/auth/actor";
import { authFor } from "../../server/auth/instance";
import { comfyfixer } from "../../test/cli";
import { TEST_SECRET_KEY, useTestDatabase } from "../../test/database";

describe("the account commands", () => {
  const database = useTestDatabase();
  const run = (args: string[], env: Record<string, string | undefined> = {}) =>
    comfyfixer(args, { DATABASE_URL: database.url, COMFYFIXER_SECRET_KEY: TEST_SECRET_KEY, ...env });

  it("adds an account with a generated password, printed once, that signs in", async () => {
    const added = await run(["user", "add", "Render@Studio.test", "--role", "operator"]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain("Created render@studio.test as operator.");
    const password = /^Password: (\S+)$/m.exec(added.stdout)?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(20);
    const auth = await authFor({ db: database.db, env: database.env() });
    const signIn = await auth.api.signInEmail({ body: { email: "render@studio.test", password: password! } });
    expect((signIn.user as { role?: string }).role).toBe("operator");
    expect(await database.db.auditEntry.findFirst({ where: { action: "user.created", target: "render@studio.test" } })).toMatchObject({
      via: "cli",
      address: expect.stringMatching(/^command on /),
    });
  });

  it("takes a given password, and refuses a short one, an unknown role and an existing address", async () => {
    expect((await run(["user", "add", "viewer@studio.test", "--role", "viewer", "--password", "viewer-password-1"])).stdout).not.toContain("Password:");
    const short = await run(["user", "add", "x@studio.test", "--role", "viewer", "--password", "short"]);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain("at least 10 characters");
    const role = await run(["user", "add", "x@studio.test", "--role", "root"]);
    expect(role.code).toBe(2);
    expect(role.stderr).toContain("--role must be one of admin, operator, viewer");
    const again = await run(["user", "add", "viewer@studio.test", "--role", "admin"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already has an account");
    expect((await database.db.user.findUniqueOrThrow({ where: { email: "viewer@studio.test" } })).role).toBe("viewer");
  });

  it("creates an API key for an account, printed once alone on stdout, that acts with its role", async () => {
    const created = await run(["api-key", "create", "--user", "render@studio.test", "--name", "render box"]);
    expect(created.code, created.stderr).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^cf_\S+$/);
    expect(created.stderr).toContain('API key "render box" for render@studio.test');
    const auth = await authFor({ db: database.db, env: database.env() });
    expect(await resolveActor(auth, database.db, new Headers({ authorization: `Bearer ${key}` }))).toMatchObject({
      email: "render@studio.test",
      role: "operator",
    });
    expect(JSON.stringify(await database.db.apiKey.findMany())).not.toContain(key);

    const nobody = await run(["api-key", "create", "--user", "nobody@studio.test"]);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain("No account has the address nobody@studio.test");
  });

  it("says it needs the server's DATABASE_URL", async () => {
    const result = await run(["user", "add", "a@studio.test", "--role", "viewer"], { DATABASE_URL: undefined });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("DATABASE_URL is not set");
  });
});
