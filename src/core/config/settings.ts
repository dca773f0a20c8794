// Settings defaults (config/default.toml) and how a partial update is applied to them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseToml } from "smol-toml";
import { z } from "zod";
import { projectRoot } from "./project-root";
import { SettingsSchema, type Settings, type SettingsPatch, type SettingsSection } from "./schema";

export * from "./schema";

let cachedDefaults: Settings | undefined;

/** The defaults from config/default.toml, validated once per process. */
export function defaultSettings(tomlPath?: string): Settings {
  if (!tomlPath && cachedDefaults) return structuredClone(cachedDefaults);
  const path = tomlPath ?? join(projectRoot(), "config", "default.toml");
  const parsed = SettingsSchema.safeParse(parseToml(readFileSync(/*turbopackIgnore: true*/ path, "utf8")));
  if (!parsed.success) {
    throw new Error(`${path} is not valid: ${z.prettifyError(parsed.error)}`);
  }
  if (!tomlPath) cachedDefaults = parsed.data;
  return structuredClone(parsed.data);
}

/** Applies a patch section by section; the result is validated as a whole. */
export function mergeSettings(base: Settings, patch: SettingsPatch): Settings {
  const merged = structuredClone(base) as Record<SettingsSection, Record<string, unknown>>;
  for (const [section, values] of Object.entries(patch)) {
    if (!values) continue;
    const key = section as SettingsSection;
    for (const [name, value] of Object.entries(values)) {
      if (value !== undefined) merged[key][name] = value;
    }
  }
  return SettingsSchema.parse(merged);
}
