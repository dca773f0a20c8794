// The shape every `comfyfixer` sub-command module exports, and what each is given.
import type { EngineEnv, RawEnv } from "../core/config/env";

export type CliContext = {
  /** The environment, parsed once when the command starts. */
  env: EngineEnv;
  /** The raw environment, for commands that work on the server's database (they parse it as the server does). */
  rawEnv: RawEnv;
  /** COMFYFIXER_API_KEY: the key `run --server` sends when no --api-key is given. */
  apiKey: string | undefined;
};

export type CliCommand = {
  usage: string;
  /** Returns the process exit code. Bad usage should throw UsageError (exit 2). */
  run(argv: string[], context: CliContext): Promise<number>;
};

export class UsageError extends Error {}
