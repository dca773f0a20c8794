// Flag parsing shared by the sub-commands: node's parseArgs, with its errors turned into usage errors (exit 2).
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./command";

export function parseCommandArgs<T extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The models root from --models-dir or COMFYUI_MODELS_DIR. */
export function modelsDirFrom(flag: string | undefined): string | undefined {
  return flag?.trim() || process.env.COMFYUI_MODELS_DIR?.trim() || undefined;
}
