// Invite links (an admin's, with a role) and the first admin's set-up link: one row each, the token stored as its
// SHA-256, used once. The set-up link is valid until used; an invite for a week.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { INVITE_DAYS } from "./policy";
import type { Role } from "../../core/roles";

export type InviteKind = "setup" | "invite";
export type PendingInvite = { id: string; kind: InviteKind; email: string | null; role: Role };

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");
const newToken = () => randomBytes(32).toString("base64url");

export const invitePath = (kind: InviteKind, token: string) => `/${kind === "setup" ? "setup" : "invite"}?token=${encodeURIComponent(token)}`;

/** A new set-up link; older unused ones stop working (only the newest printed link is valid). */
export async function issueSetupToken(db: Db): Promise<string> {
  const token = newToken();
  await db.$transaction([
    db.invite.deleteMany({ where: { kind: "setup", usedAt: null } }),
    db.invite.create({ data: { kind: "setup", role: "admin", tokenHash: hashOf(token), expiresAt: null } }),
  ]);
  return token;
}

export async function createInvite(db: Db, input: { email: string; role: Role; createdById: string }): Promise<{ id: string; token: string; expiresAt: Date }> {
  const email = input.email.trim().toLowerCase();
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new AppError("CONFLICT", `${email} already has an account. Change its role on the Users page instead.`);
  }
  const token = newToken();
  const expiresAt = new Date(Date.now() + INVITE_DAYS * 24 * 3600_000);
  const invite = await db.invite.create({
    data: { kind: "invite", email, role: input.role, createdById: input.createdById, tokenHash: hashOf(token), expiresAt },
    select: { id: true },
  });
  return { id: invite.id, token, expiresAt };
}

const usable = () => ({ usedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] });

/** What a link offers, without using it (for the page that accepts it). */
export async function peekInvite(db: Db, token: string): Promise<PendingInvite | null> {
  const invite = await db.invite.findFirst({ where: { tokenHash: hashOf(token), ...usable() }, select: { id: true, kind: true, email: true, role: true } });
  return invite as PendingInvite | null;
}

/** Uses the link: exactly one caller gets it. `release` puts it back when the account could not be made. */
export async function claimInvite(db: Db, token: string): Promise<(PendingInvite & { release(): Promise<void> }) | null> {
  const [claimed] = await db.$queryRaw<PendingInvite[]>`
    UPDATE "Invite" SET "usedAt" = now()
    WHERE "tokenHash" = ${hashOf(token)} AND "usedAt" IS NULL AND ("expiresAt" IS NULL OR "expiresAt" > now())
    RETURNING id::text, kind, email, role`;
  if (!claimed) return null;
  return { ...claimed, release: () => db.invite.update({ where: { id: claimed.id }, data: { usedAt: null } }).then(() => undefined) };
}

export async function listPendingInvites(db: Db) {
  return db.invite.findMany({
    where: { kind: "invite", ...usable() },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
  });
}

export async function revokeInvite(db: Db, id: string): Promise<{ email: string | null }> {
  const invite = await db.invite.findFirst({ where: { id, kind: "invite", usedAt: null }, select: { email: true } });
  if (!invite) throw new AppError("NOT_FOUND", `Invite ${id} does not exist or was already used.`);
  await db.invite.delete({ where: { id } });
  return invite;
}
