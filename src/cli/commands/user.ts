// `comfyfixer user add EMAIL --role ROLE [--password P]`: an account made on the server's database.
import { randomBytes } from "node:crypto";
import { createAccount } from "../../server/auth/accounts";
import { MIN_PASSWORD_LENGTH } from "../../server/auth/policy";
import { isRole, ROLES } from "../../core/roles";
import { parseCommandArgs } from "../args";
import { UsageError, type CliCommand, type CliContext } from "../command";
import { withServerAccounts } from "../server-accounts";

const usage = [
  "Usage: comfyfixer user add EMAIL --role ROLE [--password PASSWORD] [--name NAME]",
  "",
  "Creates an account in the server's database (DATABASE_URL).",
  "",
  `  --role ROLE          ${ROLES.join(", ")}`,
  `  --password PASSWORD  at least ${MIN_PASSWORD_LENGTH} characters; without it one is generated and printed once`,
  "  --name NAME          the name the dashboard shows (default: the part of the address before @)",
].join("\n");

async function run(argv: string[], { rawEnv }: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    role: { type: "string" },
    password: { type: "string" },
    name: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    process.stdout.write(usage + "\n");
    return 0;
  }
  const [action, email, ...extra] = positionals;
  if (action !== "add" || !email || extra.length > 0) throw new UsageError("Say `comfyfixer user add EMAIL --role ROLE`.");
  if (!isRole(values.role)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}${values.role ? `, not "${values.role}"` : ""}.`);
  const role = values.role;
  const generated = values.password === undefined ? randomBytes(18).toString("base64url") : null;
  return withServerAccounts(rawEnv, async ({ auth, audit }) => {
    const user = await createAccount(await auth.$context, { email, name: values.name, role, password: values.password ?? generated! });
    await audit({ action: "user.created", target: user.email, details: { role, method: "comfyfixer user add" } });
    process.stdout.write(`Created ${user.email} as ${role}.\n`);
    if (generated) process.stdout.write(`Password: ${generated}\n(shown once; it can be changed on the dashboard's Account page)\n`);
    return 0;
  });
}

export const command: CliCommand = { usage, run };
