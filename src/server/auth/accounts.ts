// Creating an account with a role and (optionally) a password, the one way every path does it: the set-up link,
// invites, COMFYFIXER_ADMIN_*, `comfyfixer user add`. The address is vouched for (emailVerified), so the same person
// signing in later through the studio's identity provider is linked to this account rather than refused.
import type { AuthContext, User } from "better-auth";
import { z } from "zod";
import { AppError } from "../errors";
import { MIN_PASSWORD_LENGTH } from "./policy";
import type { Role } from "../../core/roles";

export type NewAccount = { email: string; name?: string; role: Role; password?: string };

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new AppError("BAD_REQUEST", `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (password.length > 128) throw new AppError("BAD_REQUEST", "The password must have at most 128 characters.");
}

export function normaliseEmail(email: string): string {
  const normalised = email.trim().toLowerCase();
  if (!z.email().safeParse(normalised).success) throw new AppError("BAD_REQUEST", `"${email}" is not an email address.`);
  return normalised;
}

/** What account creation needs of better-auth's context (an endpoint's `ctx.context`, or `await auth.$context`). */
export type AccountContext = { internalAdapter: AuthContext["internalAdapter"]; password: Pick<AuthContext["password"], "hash"> };

export async function createAccount(context: AccountContext, account: NewAccount): Promise<User & { role: Role }> {
  const email = normaliseEmail(account.email);
  if (account.password !== undefined) checkPassword(account.password);
  if (await context.internalAdapter.findUserByEmail(email)) throw new AppError("CONFLICT", `${email} already has an account.`);
  // Hash first: a hashing failure must not leave an account without its password.
  const hash = account.password === undefined ? null : await context.password.hash(account.password);
  const user = await context.internalAdapter.createUser<{ role: Role }>(
    { email, name: account.name?.trim() || email.split("@")[0]!, emailVerified: true, role: account.role },
    { method: "admin" },
  );
  if (hash) await context.internalAdapter.linkAccount({ userId: user.id, providerId: "credential", accountId: user.id, password: hash });
  return user;
}
