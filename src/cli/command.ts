// The shape every `comfyfixer` sub-command module exports, and what each is given.
import type { EngineEnv } from "../core/config/env";

export type CliContext = {
  /** The environment, parsed once when the command starts. */
  env: EngineEnv;
};

export type CliCommand = {
  usage: string;
  /** Returns the process exit code. Bad usage should throw UsageError (exit 2). */
  run(argv: string[], context: CliContext): Promise<number>;
};

export class UsageError extends Error {}
