// The account commands work straight on the server's database (DATABASE_URL), with the server's own auth rules;
// what they do goes to the audit log as done from this machine.
import { hostname } from "node:os";
import type { RawEnv } from "../core/config/env";
import { errorMessage } from "../core/error-message";
import { recordAudit, type AuditEntryInput } from "../server/audit/audit-log";
import { createAuth, type Auth } from "../server/auth/auth";
import { createDb, type Db } from "../server/db/client";
import { parseServerEnv, type ServerEnv } from "../server/env";
import { AppError } from "../server/errors";

export type ServerAccounts = {
  db: Db;
  env: ServerEnv;
  auth: Auth;
  audit(entry: Pick<AuditEntryInput, "action" | "target" | "details">): Promise<void>;
};

/** Runs `work` against the server's database; a refusal (AppError) is printed and gives exit code 1. */
export async function withServerAccounts(rawEnv: RawEnv, work: (accounts: ServerAccounts) => Promise<number>): Promise<number> {
  if (!rawEnv.DATABASE_URL?.trim()) {
    process.stderr.write("DATABASE_URL is not set: this command works on the server's database, so give it the server's DATABASE_URL.\n");
    return 2;
  }
  const env = parseServerEnv(rawEnv);
  const db = createDb(env.databaseUrl);
  try {
    const auth = createAuth({ db, env, oidc: null, protocol: "http" });
    const address = `command on ${hostname()}`;
    return await work({ db, env, auth, audit: (entry) => recordAudit(db, { actor: null, via: "cli", address, ...entry }) });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    process.stderr.write(`${errorMessage(error)}\n`);
    return 1;
  } finally {
    await db.$disconnect();
  }
}
