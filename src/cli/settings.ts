// The CLI's settings: config/default.toml, then the user's own TOML file (--config) with the same keys.
import { readFile } from "node:fs/promises";
import { parse as parseToml } from "smol-toml";
import { z } from "zod";
import { defaultSettings, mergeSettings, SettingsPatchSchema, type Settings } from "../core/config/settings";
import { UsageError } from "./command";
import { errorMessage } from "../core/error-message";

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
  const patch = SettingsPatchSchema.strict().safeParse(raw);
  if (!patch.success) throw new UsageError(`${configPath} has settings ComfyFixer does not accept:\n${z.prettifyError(patch.error)}`);
  try {
    return mergeSettings(defaultSettings(), patch.data);
  } catch (error) {
    throw new UsageError(`${configPath}: ${error instanceof z.ZodError ? z.prettifyError(error) : String(error)}`);
  }
}
