// Accounts at start: the server's secret key exists, tokens saved before encryption get sealed, and — while no
// account exists — the first admin is made from the environment or a one-time set-up link is prepared.
import { createAccount } from "../server/auth/accounts";
import { createAuth } from "../server/auth/auth";
import { ensureFirstAdmin } from "../server/auth/first-admin";
import { DEMO_ADMIN_EMAIL } from "../server/auth/plugin";
import { createDb } from "../server/db/client";
import type { ServerEnv } from "../server/env";
import { derivedKey } from "../server/secrets/master-key";
import { sealPlainSecrets } from "../server/secrets/stored-secrets";

/** Lines to print once the dashboard answers (the set-up link is useless before that). */
export type AccountsNotice = string[];

export async function prepareAccounts(env: ServerEnv, dashboardUrl: string, log: (line: string) => void): Promise<AccountsNotice> {
  derivedKey(env.secretKey, "api-tokens");
  if (env.secretKey.kind === "file") log(`secret key: ${env.secretKey.path} (copy it, or set COMFYFIXER_SECRET_KEY, for workers on other machines)`);
  const db = createDb(env.databaseUrl);
  try {
    const sealed = await sealPlainSecrets(db, env);
    if (sealed > 0) log(`encrypted ${sealed} API token(s) saved before tokens were encrypted`);
    const auth = createAuth({ db, env, oidc: null, protocol: "http" });
    if (env.demo && !(await db.user.findUnique({ where: { email: DEMO_ADMIN_EMAIL } }))) {
      await createAccount(await auth.$context, { email: DEMO_ADMIN_EMAIL, name: "Demo admin", role: "admin" });
    }
    if (env.demo) return [`demo: the dashboard signs you in as the demo admin (${DEMO_ADMIN_EMAIL}) by itself, from this machine only`];
    const first = await ensureFirstAdmin(auth, { db, env });
    if (first.kind === "created") log(`created the first admin ${first.email} from COMFYFIXER_ADMIN_EMAIL`);
    if (first.kind !== "setup-link") return [];
    const base = env.publicUrl?.origin ?? dashboardUrl;
    return ["No account exists yet. Open this link to create the first admin (it works once; a restart prints a new one):", `${base}${first.path}`];
  } finally {
    await db.$disconnect();
  }
}
