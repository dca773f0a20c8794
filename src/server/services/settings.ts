// Settings: defaults from config/default.toml, overridden section by section from the database.
import { z } from "zod";
import {
  defaultSettings,
  mergeSettings,
  SettingsSchema,
  SettingsPatchSchema,
  type Settings,
  type SettingsPatch,
  type SettingsSection,
} from "../../core/config/settings";
import type { Db } from "../db/client";
import type { AccessEnv } from "../env";
import { AppError } from "../errors";
import { readSecrets, writeSecret } from "../secrets/stored-secrets";
import { assertAbsoluteRoots } from "./models-root";

export const TOKEN_KEYS = ["civitai_api_token", "hf_token"] as const;
export type TokenKey = (typeof TOKEN_KEYS)[number];

/** A token as the browser may see it: whether it is set, and its last four characters. */
export type MaskedToken = { set: boolean; hint: string | null };

export const TokenPatchSchema = z.object({
  civitai_api_token: z.string().trim().max(500).nullable().optional(),
  hf_token: z.string().trim().max(500).nullable().optional(),
});
export type TokenPatch = z.infer<typeof TokenPatchSchema>;

export async function getSettings(db: Db): Promise<Settings> {
  const rows = await db.setting.findMany();
  const saved: Record<string, unknown> = {};
  for (const row of rows) saved[row.key] = row.value;
  const patch = SettingsPatchSchema.safeParse(saved);
  // A row written by an older version that no longer validates falls back to defaults for its section.
  return mergeSettings(defaultSettings(), patch.success ? patch.data : {});
}

export async function updateSettings(db: Db, patch: SettingsPatch): Promise<Settings> {
  const current = await getSettings(db);
  let next: Settings;
  try {
    next = mergeSettings(current, patch);
  } catch (error) {
    throw new AppError("BAD_REQUEST", `These settings are not valid: ${error instanceof z.ZodError ? z.prettifyError(error) : String(error)}`);
  }
  assertAbsoluteRoots(next);
  const sections = Object.keys(patch) as SettingsSection[];
  await db.$transaction(
    sections.map((section) =>
      db.setting.upsert({
        where: { key: section },
        create: { key: section, value: next[section] },
        update: { value: next[section] },
      }),
    ),
  );
  return SettingsSchema.parse(next);
}

type KeyEnv = Pick<AccessEnv, "secretKey">;

/** The saved tokens in clear, for the worker's requests upstream; never for a browser. */
export async function getTokens(db: Db, env: KeyEnv): Promise<Partial<Record<TokenKey, string>>> {
  return readSecrets(db, env, TOKEN_KEYS);
}

export async function getMaskedTokens(db: Db, env: KeyEnv): Promise<Record<TokenKey, MaskedToken>> {
  const tokens = await getTokens(db, env);
  const mask = (value: string | undefined): MaskedToken =>
    value ? { set: true, hint: value.length > 8 ? value.slice(-4) : null } : { set: false, hint: null };
  return { civitai_api_token: mask(tokens.civitai_api_token), hf_token: mask(tokens.hf_token) };
}

export type TokenChange = "set" | "cleared";

/** null or "" removes a token; undefined leaves it as it is. Returns what changed (for the audit log, never the value). */
export async function updateTokens(db: Db, env: KeyEnv, patch: TokenPatch): Promise<Partial<Record<TokenKey, TokenChange>>> {
  const changes: Partial<Record<TokenKey, TokenChange>> = {};
  for (const key of TOKEN_KEYS) {
    const value = patch[key];
    if (value === undefined) continue;
    await writeSecret(db, env, key, value || null);
    changes[key] = value ? "set" : "cleared";
  }
  return changes;
}
