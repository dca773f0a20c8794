// Every tRPC procedure names the permission it needs, and the server holds to it for every role, whether the caller
// comes with a session cookie or an API key: FORBIDDEN for a role without it, UNAUTHORIZED for nobody.
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { can, ROLES, type Permission, type Role } from "../../core/roles";
import { createTestAccount, createTestApiKey } from "../../test/accounts";
import { useTestDatabase } from "../../test/database";
import { createRequestContext, type Context } from "./init";
import { appRouter, createCaller } from "./root";

/** What each procedure needs. A new procedure fails this test until it is listed here with its permission. */
const REQUIRED: Record<string, Permission> = {
  "account.me": "account.own",
  "account.apiKeys": "account.own",
  "account.createApiKey": "account.own",
  "account.revokeApiKey": "account.own",
  "audit.list": "audit.read",
  "health.check": "read",
  "inventory.get": "read",
  "runs.analyze": "read",
  "runs.workflowFiles": "read",
  "runs.list": "read",
  "runs.get": "read",
  "runs.events": "read",
  "runs.create": "runs.operate",
  "runs.cancel": "runs.operate",
  "runs.retry": "runs.operate",
  "runs.pickCandidate": "runs.operate",
  "settings.get": "read",
  "settings.update": "settings.manage",
  "settings.checkConnections": "runs.operate",
  "users.list": "users.manage",
  "users.invites": "users.manage",
  "users.invite": "users.manage",
  "users.revokeInvite": "users.manage",
  "users.setRole": "users.manage",
  "users.remove": "users.manage",
  "users.signInSettings": "settings.manage",
  "users.updateSignInSettings": "settings.manage",
};

const noQueue = { enqueueRun: async () => undefined };
/** settings.checkConnections reaches the upstreams: here they are a loopback port nobody listens on. */
const closedLoopback = "http://127.0.0.1:9";

async function codeOf(context: Context, path: string): Promise<string> {
  const [group, name] = path.split(".") as [string, string];
  const procedure = (createCaller(context) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[group]![name]!;
  // No input: a caller who may call it gets past the role check and stops at the input (or succeeds).
  return procedure(undefined).then(
    () => "OK",
    (error: unknown) => (error instanceof TRPCError ? error.code : String(error)),
  );
}

describe("roles on every procedure", () => {
  const database = useTestDatabase();
  const contextFor = (headers: Record<string, string>) =>
    createRequestContext(
      { headers: new Headers(headers), url: "http://127.0.0.1:3000/api/trpc" },
      {
        db: database.db,
        env: database.env({ CIVITAI_BASE_URL: closedLoopback, HF_ENDPOINT: closedLoopback }),
        queue: noQueue,
      },
    );

  it("lists every procedure of the router with the permission it needs", () => {
    expect(Object.keys(appRouter._def.procedures).sort()).toEqual(Object.keys(REQUIRED).sort());
  });

  it("refuses everything to a caller with no session and no key", async () => {
    const anonymous = await contextFor({});
    for (const path of Object.keys(REQUIRED)) expect(await codeOf(anonymous, path), path).toBe("UNAUTHORIZED");
  });

  it.each(ROLES)("gives the %s role exactly its permissions, by session and by API key", async (role: Role) => {
    const account = await createTestAccount(database, role);
    const key = await createTestApiKey(database, account);
    for (const [via, headers] of [
      ["session", { cookie: account.cookie }],
      ["api key", { authorization: `Bearer ${key}` }],
    ] as const) {
      const context = await contextFor(headers);
      expect(context.actor, via).toMatchObject({ role, via: via === "session" ? "session" : "api-key" });
      for (const [path, permission] of Object.entries(REQUIRED)) {
        const code = await codeOf(context, path);
        if (can(role, permission)) expect(["OK", "BAD_REQUEST", "NOT_FOUND"], `${role} by ${via}: ${path} → ${code}`).toContain(code);
        else expect(code, `${role} by ${via}: ${path}`).toBe("FORBIDDEN");
      }
    }
  });
});
