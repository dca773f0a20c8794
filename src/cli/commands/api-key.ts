// `comfyfixer api-key create --user EMAIL [--name NAME]`: an API key for an account, printed once.
import { hostname } from "node:os";
import { createApiKey } from "../../server/auth/api-keys";
import { normaliseEmail } from "../../server/auth/accounts";
import { AppError } from "../../server/errors";
import { parseCommandArgs } from "../args";
import { UsageError, type CliCommand, type CliContext } from "../command";
import { withServerAccounts } from "../server-accounts";

const usage = [
  "Usage: comfyfixer api-key create --user EMAIL [--name NAME]",
  "",
  "Creates an API key for an account in the server's database (DATABASE_URL) and prints it once, alone on stdout.",
  "The key acts with that account's role; `comfyfixer run --server URL` sends it from COMFYFIXER_API_KEY.",
  "",
  "  --user EMAIL  the account the key belongs to",
  "  --name NAME   what the key is for, shown on the Account page (default: this machine's name)",
].join("\n");

async function run(argv: string[], { rawEnv }: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    user: { type: "string" },
    name: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    process.stdout.write(usage + "\n");
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== "create") throw new UsageError("Say `comfyfixer api-key create --user EMAIL`.");
  if (!values.user) throw new UsageError("Give the account with --user EMAIL.");
  const email = values.user;
  const name = values.name?.trim() || `cli on ${hostname()}`;
  return withServerAccounts(rawEnv, async ({ db, auth, audit }) => {
    const user = await db.user.findUnique({ where: { email: normaliseEmail(email) }, select: { id: true, email: true } });
    if (!user) throw new AppError("NOT_FOUND", `No account has the address ${email}. Create it first with \`comfyfixer user add\`.`);
    const key = await createApiKey(auth, user.id, name);
    await audit({ action: "api_key.created", target: key.name, details: { keyId: key.id, owner: user.email } });
    process.stdout.write(`${key.key}\n`);
    process.stderr.write(`API key "${key.name}" for ${user.email} (shown once; revoke it on the Account page).\n`);
    return 0;
  });
}

export const command: CliCommand = { usage, run };
