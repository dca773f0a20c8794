// Who is calling: the user of a session cookie, or of an API key sent as `Authorization: Bearer <key>`. The role is
// read from the account on every request, so a role change or a revoked key takes effect at once.
import type { Db } from "../db/client";
import type { Auth } from "./auth";
import { isRole, type Role } from "../../core/roles";

export type Actor = { userId: string; email: string; name: string; role: Role; via: "session" | "api-key"; apiKeyId: string | null };

export function bearerKeyOf(headers: Headers): string | null {
  const authorization = headers.get("authorization");
  const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  return match ? match[1]! : null;
}

export async function resolveActor(auth: Auth, db: Db, headers: Headers): Promise<Actor | null> {
  const key = bearerKeyOf(headers);
  if (key !== null) {
    const verified = await auth.api.verifyApiKey({ body: { key } });
    if (!verified.valid || !verified.key) return null;
    const user = await db.user.findUnique({ where: { id: verified.key.referenceId }, select: { id: true, email: true, name: true, role: true } });
    if (!user || !isRole(user.role)) return null;
    return { userId: user.id, email: user.email, name: user.name, role: user.role, via: "api-key", apiKeyId: verified.key.id };
  }
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const role = (session.user as { role?: unknown }).role;
  if (!isRole(role)) return null;
  return { userId: session.user.id, email: session.user.email, name: session.user.name, role, via: "session", apiKeyId: null };
}
