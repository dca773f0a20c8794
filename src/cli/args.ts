// Flag parsing shared by the sub-commands: node's parseArgs, with its errors turned into usage errors (exit 2).
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./command";
import { errorMessage } from "../core/error-message";

export function parseCommandArgs<T extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options, strict: true });
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
}
