// The server's environment (web app, worker, launcher and the account commands), validated once when the process
// starts and read from here after.
import { isIP } from "node:net";
import { join } from "node:path";
import { z } from "zod";
import { parseEngineEnv, type EngineEnv, type RawEnv } from "../core/config/env";
import { projectRoot } from "../core/config/project-root";
import { ROLES, type Role } from "../core/roles";
import type { SecretKeySource } from "./secrets/master-key";

const optional = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const commaList = optional.transform((value) =>
  (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean),
);

/** A proxy address or range: an IP, or an IP with a prefix length (10.0.0.0/8, fd00::/8). */
const isAddressOrRange = (value: string) => {
  const [address, prefix, extra] = value.split("/");
  if (extra !== undefined || !address || !isIP(address)) return false;
  return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (isIP(address) === 4 ? 32 : 128));
};

const AccessEnvSchema = z
  .object({
    COMFYFIXER_PUBLIC_URL: optional.pipe(
      z
        .url("must be the URL people open, such as https://comfyfixer.studio.lan")
        .regex(/^https?:\/\/[^/]+\/?$/i, "must be an http(s) URL with no path, such as https://comfyfixer.studio.lan")
        .optional(),
    ),
    COMFYFIXER_ALLOWED_HOSTNAMES: commaList.pipe(
      z.array(z.string().regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/i, "must be host names such as comfy.studio.lan, comma-separated (no ports)")),
    ),
    COMFYFIXER_TRUSTED_PROXIES: commaList.pipe(z.array(z.string().refine(isAddressOrRange, "must be IP addresses or ranges (10.0.0.0/8), comma-separated"))),
    COMFYFIXER_SECRET_KEY: optional.pipe(z.string().min(32, "must be at least 32 characters (for example the output of `openssl rand -base64 32`)").optional()),
    COMFYFIXER_ADMIN_EMAIL: optional.pipe(z.email("must be an email address").optional()),
    COMFYFIXER_ADMIN_PASSWORD: optional.pipe(z.string().min(10, "must be at least 10 characters").optional()),
    COMFYFIXER_OIDC_ISSUER: optional.pipe(z.url("must be the identity provider's issuer URL").optional()),
    COMFYFIXER_OIDC_CLIENT_ID: optional,
    COMFYFIXER_OIDC_CLIENT_SECRET: optional,
    COMFYFIXER_OIDC_NAME: optional,
    COMFYFIXER_OIDC_NEW_USER_ROLE: optional.pipe(z.enum([...ROLES, "none"], { message: 'must be admin, operator, viewer or "none"' }).optional()),
  })
  .superRefine((values, context) => {
    if (Boolean(values.COMFYFIXER_ADMIN_EMAIL) !== Boolean(values.COMFYFIXER_ADMIN_PASSWORD)) {
      context.addIssue({ code: "custom", path: ["COMFYFIXER_ADMIN_EMAIL"], message: "and COMFYFIXER_ADMIN_PASSWORD must be set together" });
    }
    const oidc = [values.COMFYFIXER_OIDC_ISSUER, values.COMFYFIXER_OIDC_CLIENT_ID, values.COMFYFIXER_OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      context.addIssue({
        code: "custom",
        path: ["COMFYFIXER_OIDC_ISSUER"],
        message: "COMFYFIXER_OIDC_CLIENT_ID and COMFYFIXER_OIDC_CLIENT_SECRET must be set together",
      });
    }
  });

const ServerEnvSchema = z.object({
  DATABASE_URL: optional.pipe(
    z
      .string({ message: "is not set: start the app with `npm start`, which starts an embedded PostgreSQL when no DATABASE_URL is given" })
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
  ),
  COMFYFIXER_DEMO: optional.pipe(z.enum(["0", "1"], { message: 'must be "1" or "0"' }).optional()).transform((value) => value === "1"),
  COMFYFIXER_WORKER_ID: optional,
  COMFYFIXER_STALE_RUN_SECONDS: optional
    .refine((value) => value === undefined || Number(value) > 0, "must be a number of seconds above 0")
    .transform((value) => (value === undefined ? 20 : Number(value))),
});

export type OidcEnv = { issuer: string; clientId: string; clientSecret: string; name: string | undefined; newUserRole: Role | "none" | undefined };

/** Who may reach the dashboard and how it is reached; see src/server/http. */
export type AccessEnv = {
  /** COMFYFIXER_PUBLIC_URL: the address people open (its host name is allowed; links printed by the launcher use it). */
  publicUrl: URL | undefined;
  /** Host names (besides IP literals, localhost and the public URL's) the dashboard answers to. */
  allowedHostnames: string[];
  /** Reverse proxies whose X-Forwarded-For / -Host / -Proto are believed; nobody's when empty. */
  trustedProxies: string[];
  secretKey: SecretKeySource;
  /** COMFYFIXER_ADMIN_EMAIL + COMFYFIXER_ADMIN_PASSWORD: the first admin, created at start while no account exists. */
  firstAdmin: { email: string; password: string } | undefined;
  /** OpenID Connect sign-in from the environment (settings saved by an admin take its place). */
  oidc: OidcEnv | undefined;
};

export type ServerEnv = AccessEnv & {
  databaseUrl: string;
  demo: boolean;
  workerId: string | undefined;
  /** How long a worker's heartbeat may be silent before its run is taken up by another worker. */
  staleRunSeconds: number;
  engine: EngineEnv;
};

const problems = (error: z.ZodError) => error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ");

/** The access variables alone, so the launcher can check them before it starts anything. */
export function parseAccessEnv(env: RawEnv): AccessEnv {
  const parsed = AccessEnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(`The environment is not valid: ${problems(parsed.error)}.`);
  const values = parsed.data;
  return {
    publicUrl: values.COMFYFIXER_PUBLIC_URL ? new URL(values.COMFYFIXER_PUBLIC_URL) : undefined,
    allowedHostnames: values.COMFYFIXER_ALLOWED_HOSTNAMES.map((name) => name.toLowerCase()),
    trustedProxies: values.COMFYFIXER_TRUSTED_PROXIES,
    secretKey: values.COMFYFIXER_SECRET_KEY
      ? { kind: "env", value: values.COMFYFIXER_SECRET_KEY }
      : { kind: "file", path: join(projectRoot(), ".data", "secret.key") },
    firstAdmin:
      values.COMFYFIXER_ADMIN_EMAIL && values.COMFYFIXER_ADMIN_PASSWORD
        ? { email: values.COMFYFIXER_ADMIN_EMAIL.toLowerCase(), password: values.COMFYFIXER_ADMIN_PASSWORD }
        : undefined,
    oidc:
      values.COMFYFIXER_OIDC_ISSUER && values.COMFYFIXER_OIDC_CLIENT_ID && values.COMFYFIXER_OIDC_CLIENT_SECRET
        ? {
            issuer: values.COMFYFIXER_OIDC_ISSUER,
            clientId: values.COMFYFIXER_OIDC_CLIENT_ID,
            clientSecret: values.COMFYFIXER_OIDC_CLIENT_SECRET,
            name: values.COMFYFIXER_OIDC_NAME,
            newUserRole: values.COMFYFIXER_OIDC_NEW_USER_ROLE,
          }
        : undefined,
  };
}

export function parseServerEnv(env: RawEnv): ServerEnv {
  const parsed = ServerEnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(`The environment is not valid: ${problems(parsed.error)}.`);
  return {
    ...parseAccessEnv(env),
    databaseUrl: parsed.data.DATABASE_URL,
    demo: parsed.data.COMFYFIXER_DEMO,
    workerId: parsed.data.COMFYFIXER_WORKER_ID,
    staleRunSeconds: parsed.data.COMFYFIXER_STALE_RUN_SECONDS,
    engine: parseEngineEnv(env),
  };
}

const globalForEnv = globalThis as unknown as { comfyfixerServerEnv?: ServerEnv };

/** This process's environment, parsed on first use (the web app's instrumentation and the worker's main do it at start). */
export function serverEnv(): ServerEnv {
  return (globalForEnv.comfyfixerServerEnv ??= parseServerEnv(process.env));
}
