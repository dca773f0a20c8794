// Reads extra_model_paths.yaml the way ComfyUI's load_extra_path_config does.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, resolve } from "node:path";
import { NON_MODEL_KEYS } from "../registry/folders";

export type ExtraPathEntry = { folder: string; path: string; isDefault: boolean };
export type ExtraModelPaths = { entries: ExtraPathEntry[]; basePaths: string[]; warnings: string[] };

type Env = Readonly<Record<string, string | undefined>>;

// The YAML parser is loaded on the first file that needs it: most installs have none, and it is a twentieth of a
// whole `comfyfixer inventory` of 100,000 files.
let yamlParse: ((text: string) => unknown) | undefined;
const parseYaml = (text: string) => (yamlParse ??= (createRequire(import.meta.url)("yaml") as typeof import("yaml")).parse)(text);

/** os.path.expandvars + expanduser: `$VAR`, `${VAR}` and a leading `~`; unknown variables stay as written. */
export function expandPath(value: string, env: Env): string {
  const expanded = value.replace(/\$(\w+)|\$\{(\w+)\}/g, (whole, bare: string | undefined, braced: string | undefined) => {
    return env[bare ?? braced ?? ""] ?? whole;
  });
  return expanded === "~" || expanded.startsWith("~/") ? homedir() + expanded.slice(1) : expanded;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Parses the text of one extra_model_paths.yaml; `file` is where it lives (relative paths hang from its folder). */
export function parseExtraModelPaths(text: string, file: string, env: Env): ExtraModelPaths {
  const result: ExtraModelPaths = { entries: [], basePaths: [], warnings: [] };
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    result.warnings.push(`${file} is not valid YAML (${(error as Error).message.split("\n")[0]}); its paths were ignored.`);
    return result;
  }
  if (document == null) return result;
  if (!isRecord(document)) {
    result.warnings.push(`${file} should map section names to folders; its paths were ignored.`);
    return result;
  }
  const yamlDir = dirname(resolve(file));
  for (const [section, config] of Object.entries(document)) {
    if (config == null) continue;
    if (!isRecord(config)) {
      result.warnings.push(`${file}: section "${section}" is not a mapping of folder names to paths; skipped.`);
      continue;
    }
    const { base_path: rawBase, is_default: rawDefault, ...folders } = config;
    const basePath = typeof rawBase === "string" && rawBase.trim() ? resolve(yamlDir, expandPath(rawBase.trim(), env)) : null;
    if (basePath) result.basePaths.push(basePath);
    const isDefault = rawDefault === true || rawDefault === "true" || rawDefault === "True";
    for (const [folder, value] of Object.entries(folders)) {
      if (NON_MODEL_KEYS.has(folder) || value == null) continue;
      if (typeof value !== "string") {
        result.warnings.push(`${file}: "${section}.${folder}" should be a path or several lines of paths; skipped.`);
        continue;
      }
      for (const line of value.split("\n")) {
        const path = line.trim();
        if (!path) continue;
        result.entries.push({ folder, path: resolve(basePath ?? yamlDir, path), isDefault });
      }
    }
  }
  return result;
}

export async function readExtraModelPaths(file: string, env: Env): Promise<ExtraModelPaths> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    return { entries: [], basePaths: [], warnings: [`Cannot read ${file} (${code}); check the path given for extra model paths.`] };
  }
  return parseExtraModelPaths(text, file, env);
}
