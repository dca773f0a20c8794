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
import { AppError } from "../errors";

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

export async function getTokens(db: Db): Promise<Partial<Record<TokenKey, string>>> {
  const rows = await db.secret.findMany({ where: { key: { in: [...TOKEN_KEYS] } } });
  return Object.fromEntries(rows.map((row) => [row.key, row.value]));
}

export async function getMaskedTokens(db: Db): Promise<Record<TokenKey, MaskedToken>> {
  const tokens = await getTokens(db);
  const mask = (value: string | undefined): MaskedToken =>
    value ? { set: true, hint: value.length > 8 ? value.slice(-4) : null } : { set: false, hint: null };
  return { civitai_api_token: mask(tokens.civitai_api_token), hf_token: mask(tokens.hf_token) };
}

/** null or "" removes a token; undefined leaves it as it is. */
export async function updateTokens(db: Db, patch: TokenPatch): Promise<void> {
  for (const key of TOKEN_KEYS) {
    const value = patch[key];
    if (value === undefined) continue;
    if (value === null || value === "") await db.secret.deleteMany({ where: { key } });
    else await db.secret.upsert({ where: { key }, create: { key, value }, update: { value } });
  }
}
