// The Users page's work: the accounts with their roles and how they sign in, role changes and removal. There is
// always at least one admin left.
import { z } from "zod";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { ROLES, type Role } from "../../core/roles";

export const UserViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  createdAt: z.date(),
  /** "password" and/or "sso". */
  signInMethods: z.array(z.string()),
  lastSignInAt: z.date().nullable(),
  apiKeys: z.number(),
});
export type UserView = z.infer<typeof UserViewSchema>;

export async function listUsers(db: Db): Promise<UserView[]> {
  const users = await db.user.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      createdAt: true,
      accounts: { select: { providerId: true } },
      sessions: { select: { createdAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
      _count: { select: { apiKeys: { where: { enabled: true } } } },
    },
  });
  return users.map((user) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role as Role,
    createdAt: user.createdAt,
    signInMethods: [...new Set(user.accounts.map((account) => (account.providerId === "credential" ? "password" : "sso")))],
    lastSignInAt: user.sessions[0]?.createdAt ?? null,
    apiKeys: user._count.apiKeys,
  }));
}

async function assertAnotherAdminRemains(tx: Pick<Db, "user">, userId: string): Promise<void> {
  const others = await tx.user.count({ where: { role: "admin", id: { not: userId } } });
  if (others === 0) throw new AppError("CONFLICT", "This is the only admin. Make someone else an admin first.");
}

/** Changes a role; the person's open sessions and API keys act with the new role from their next request. */
export async function setUserRole(db: Db, userId: string, role: Role): Promise<{ email: string; from: Role; to: Role }> {
  return db.$transaction(async (tx) => {
    // Row locks on the admins keep two admins from demoting each other at once.
    await tx.$queryRaw`SELECT id FROM "User" WHERE role = 'admin' OR id = ${userId} FOR UPDATE`;
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, role: true } });
    if (!user) throw new AppError("NOT_FOUND", `User ${userId} does not exist.`);
    if (user.role === "admin" && role !== "admin") await assertAnotherAdminRemains(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { role } });
    return { email: user.email, from: user.role as Role, to: role };
  });
}

/** Removes an account with its sessions and API keys; runs it started stay, without its name. */
export async function removeUser(db: Db, userId: string): Promise<{ email: string; role: Role }> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "User" WHERE role = 'admin' OR id = ${userId} FOR UPDATE`;
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, role: true } });
    if (!user) throw new AppError("NOT_FOUND", `User ${userId} does not exist.`);
    if (user.role === "admin") await assertAnotherAdminRemains(tx, userId);
    await tx.user.delete({ where: { id: userId } });
    return { email: user.email, role: user.role as Role };
  });
}
