// Real accounts for integration tests: made and signed in through the real auth instance, so a test's caller carries
// a real session cookie or API key and the role checks run as they do for a browser or the CLI.
import { randomBytes } from "node:crypto";
import { beforeAll } from "vitest";
import { createAccount } from "../server/auth/accounts";
import { resolveActor, type Actor } from "../server/auth/actor";
import { createApiKey } from "../server/auth/api-keys";
import { authFor } from "../server/auth/instance";
import { SESSION_COOKIE } from "../server/auth/policy";
import type { Role } from "../core/roles";
import type { ServerEnv } from "../server/env";
import type { TestDatabase } from "./database";

export type TestAccount = { email: string; password: string; role: Role; userId: string; cookie: string; actor: Actor };

/** The session cookie (name=value) a Set-Cookie header carries. */
export function sessionCookieOf(headers: Headers): string {
  const cookie = headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`) || line.startsWith(`__Secure-${SESSION_COOKIE}=`));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(headers.getSetCookie())}`);
  return cookie.split(";")[0]!;
}

export async function createTestAccount(
  database: Pick<TestDatabase, "db" | "env">,
  role: Role,
  options: { email?: string; env?: ServerEnv } = {},
): Promise<TestAccount> {
  const auth = await authFor({ db: database.db, env: options.env ?? database.env() });
  const email = options.email ?? `${role}-${randomBytes(4).toString("hex")}@studio.test`;
  const password = `pw-${randomBytes(8).toString("hex")}`;
  const user = await createAccount(await auth.$context, { email, role, password });
  const signIn = await auth.api.signInEmail({ body: { email, password }, returnHeaders: true });
  const cookie = sessionCookieOf(signIn.headers);
  const actor = await resolveActor(auth, database.db, new Headers({ cookie }));
  if (!actor) throw new Error(`the session of ${email} did not resolve`);
  return { email, password, role, userId: user.id, cookie, actor };
}

export async function createTestApiKey(database: Pick<TestDatabase, "db" | "env">, account: Pick<TestAccount, "userId">, name = "test key"): Promise<string> {
  const auth = await authFor({ db: database.db, env: database.env() });
  return (await createApiKey(auth, account.userId, name)).key;
}

/** An account of `role` made before the file's tests (filled in by beforeAll). */
export function useTestAccount(database: TestDatabase, role: Role): TestAccount {
  const account = {} as TestAccount;
  beforeAll(async () => {
    Object.assign(account, await createTestAccount(database, role));
  });
  return account;
}
