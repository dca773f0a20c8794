// OpenID Connect sign-in settings: saved by an admin (the client secret sealed like the API tokens), else taken from
// COMFYFIXER_OIDC_*. Changing them rebuilds the auth instance (auth/instance.ts), which fetches the provider's discovery.
import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client";
import type { Db } from "../db/client";
import type { AccessEnv } from "../env";
import { AppError } from "../errors";
import { readSecrets, writeSecret } from "../secrets/stored-secrets";
import { ROLES } from "../../core/roles";
import { AUTH_BASE_PATH } from "./policy";

export const OIDC_PROVIDER_ID = "oidc";
/** Where the identity provider sends people back; register `<dashboard URL>` + this path there. */
export const OIDC_CALLBACK_PATH = `${AUTH_BASE_PATH}/callback/${OIDC_PROVIDER_ID}`;

const SETTING_KEY = "sign_in_oidc";

export const discoveryUrlOf = (issuer: string) => `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
const SECRET_KEY = "oidc_client_secret";

export const NewUserRoleSchema = z.enum([...ROLES, "none"]);

export const OidcSettingsSchema = z.object({
  issuer: z.url("must be the identity provider's issuer URL").regex(/^https?:\/\//i, "must be an http(s) URL"),
  clientId: z.string().trim().min(1).max(200),
  /** The button's label: "Sign in with <name>". */
  name: z.string().trim().min(1).max(60),
  /** The role of someone who signs in this way for the first time; "none" refuses people without an account. */
  newUserRole: NewUserRoleSchema,
});
export type OidcSettings = z.infer<typeof OidcSettingsSchema>;

export type OidcConfig = OidcSettings & { clientSecret: string; source: "settings" | "environment" };

type Env = Pick<AccessEnv, "oidc" | "secretKey">;

async function savedSettings(db: Db): Promise<OidcSettings | null> {
  const row = await db.setting.findUnique({ where: { key: SETTING_KEY } });
  const parsed = OidcSettingsSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}

export async function loadOidcConfig(db: Db, env: Env): Promise<OidcConfig | null> {
  const saved = await savedSettings(db);
  if (saved) {
    const { oidc_client_secret: clientSecret } = await readSecrets(db, env, [SECRET_KEY]);
    return clientSecret ? { ...saved, clientSecret, source: "settings" } : null;
  }
  if (!env.oidc) return null;
  return {
    issuer: env.oidc.issuer,
    clientId: env.oidc.clientId,
    clientSecret: env.oidc.clientSecret,
    name: env.oidc.name ?? "single sign-on",
    newUserRole: env.oidc.newUserRole ?? "viewer",
    source: "environment",
  };
}

export const OidcSettingsViewSchema = z.object({
  enabled: z.boolean(),
  source: z.enum(["settings", "environment"]).nullable(),
  settings: OidcSettingsSchema.nullable(),
  clientSecretSet: z.boolean(),
  callbackPath: z.string(),
});
export type OidcSettingsView = z.infer<typeof OidcSettingsViewSchema>;

/** What the admin page shows: everything but the client secret. */
export async function oidcSettingsView(db: Db, env: Env): Promise<OidcSettingsView> {
  const config = await loadOidcConfig(db, env);
  const saved = await savedSettings(db);
  const { oidc_client_secret: secret } = await readSecrets(db, env, [SECRET_KEY]);
  const settings = config ? { issuer: config.issuer, clientId: config.clientId, name: config.name, newUserRole: config.newUserRole } : saved;
  return {
    enabled: config !== null,
    source: config?.source ?? null,
    settings,
    clientSecretSet: Boolean(config?.clientSecret ?? secret),
    callbackPath: OIDC_CALLBACK_PATH,
  };
}

export const OidcSettingsPatchSchema = z.union([
  z.object({ enabled: z.literal(false) }),
  OidcSettingsSchema.extend({
    enabled: z.literal(true),
    /** Leave out to keep the saved secret. */
    clientSecret: z.string().trim().min(1).max(500).optional(),
  }),
]);
export type OidcSettingsPatch = z.infer<typeof OidcSettingsPatchSchema>;

/** Saves (or turns off) single sign-on; returns what changed for the audit log (never the secret). */
export async function saveOidcSettings(db: Db, env: Env, patch: OidcSettingsPatch): Promise<Record<string, unknown>> {
  if (!patch.enabled) {
    await db.setting.deleteMany({ where: { key: SETTING_KEY } });
    await writeSecret(db, env, SECRET_KEY, null);
    return { enabled: false };
  }
  const { enabled: _enabled, clientSecret, ...settings } = patch;
  const { oidc_client_secret: savedSecret } = await readSecrets(db, env, [SECRET_KEY]);
  if (!clientSecret && !savedSecret) throw new AppError("BAD_REQUEST", "Enter the client secret the identity provider gave for ComfyFixer.");
  await db.setting.upsert({
    where: { key: SETTING_KEY },
    create: { key: SETTING_KEY, value: settings as Prisma.InputJsonObject },
    update: { value: settings as Prisma.InputJsonObject },
  });
  if (clientSecret) await writeSecret(db, env, SECRET_KEY, clientSecret);
  return { enabled: true, ...settings, clientSecret: clientSecret ? "set" : "kept" };
}
