// The CLI's settings: config/default.toml, then the user's own TOML file (--config) with the same keys.
import { readFile } from "node:fs/promises";
import { parse as parseToml } from "smol-toml";
import { z } from "zod";
import { defaultSettings, mergeSettings, SettingsPatchSchema, type Settings } from "../core/config/settings";
import { UsageError } from "./command";
import { errorMessage } from "../core/error-message";

const sections = SettingsPatchSchema.shape;
/** A settings file: any section and any subset of its keys, but no key ComfyFixer does not know (a typo would be ignored). */
const SettingsFileSchema = z.strictObject({
  download: sections.download.unwrap().strict().optional(),
  resolve: sections.resolve.unwrap().strict().optional(),
  cache: sections.cache.unwrap().strict().optional(),
  paths: sections.paths.unwrap().strict().optional(),
  logging: sections.logging.unwrap().strict().optional(),
});

export async function loadCliSettings(configPath: string | undefined): Promise<Settings> {
  if (!configPath) return defaultSettings();
  let text: string;
  try {
    text = await readFile(configPath, "utf8");
  } catch (error) {
    throw new UsageError(`Cannot read the config file ${configPath}: ${errorMessage(error)}`);
  }
  let raw: unknown;
  try {
    raw = parseToml(text);
  } catch (error) {
    throw new UsageError(`${configPath} is not valid TOML: ${errorMessage(error)}`);
  }
  const patch = SettingsFileSchema.safeParse(raw);
  if (!patch.success) throw new UsageError(`${configPath} has settings ComfyFixer does not accept:\n${z.prettifyError(patch.error)}`);
  try {
    return mergeSettings(defaultSettings(), patch.data);
  } catch (error) {
    throw new UsageError(`${configPath}: ${error instanceof z.ZodError ? z.prettifyError(error) : String(error)}`);
  }
}
