// The first admin, made at start while no account exists: from COMFYFIXER_ADMIN_EMAIL + COMFYFIXER_ADMIN_PASSWORD,
// or else through a one-time set-up link the launcher prints.
import { recordAudit } from "../audit/audit-log";
import { createAccount } from "./accounts";
import type { Auth } from "./auth";
import type { AuthDeps } from "./instance";
import { invitePath, issueSetupToken } from "./invites";

export type FirstAdmin = { kind: "exists" } | { kind: "created"; email: string } | { kind: "setup-link"; path: string };

export async function ensureFirstAdmin(auth: Auth, { db, env }: AuthDeps): Promise<FirstAdmin> {
  if ((await db.user.count()) > 0) {
    await db.invite.deleteMany({ where: { kind: "setup", usedAt: null } });
    return { kind: "exists" };
  }
  if (env.firstAdmin) {
    const user = await createAccount(await auth.$context, { email: env.firstAdmin.email, name: "Admin", role: "admin", password: env.firstAdmin.password });
    await recordAudit(db, {
      actor: null,
      via: "system",
      address: null,
      action: "user.created",
      target: user.email,
      details: { role: "admin", method: "COMFYFIXER_ADMIN_EMAIL" },
    });
    return { kind: "created", email: user.email };
  }
  return { kind: "setup-link", path: invitePath("setup", await issueSetupToken(db)) };
}
