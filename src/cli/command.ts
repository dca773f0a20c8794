// The shape every `comfyfixer` sub-command module exports.
export type CliCommand = {
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code. Bad usage should throw UsageError (exit 2). */
  run(argv: string[]): Promise<number>;
};

export class UsageError extends Error {}
