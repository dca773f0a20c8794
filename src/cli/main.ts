// Entry of the comfyfixer CLI: a table of sub-commands, each loaded only when it runs, so `--help` starts at once.
import type { CliCommand } from "./command";

type CommandEntry = { summary: string; load: () => Promise<CliCommand> };

const COMMANDS: Record<string, CommandEntry> = {
  analyze: {
    summary: "List the model files workflows need and whether they are in the models folder",
    load: () => import("./commands/analyze").then((m) => m.command),
  },
  "api-key": {
    summary: "Create an API key for an account (api-key create --user EMAIL)",
    load: () => import("./commands/api-key").then((m) => m.command),
  },
  inventory: {
    summary: "List the models folders of a ComfyUI install, their sizes and duplicates",
    load: () => import("./commands/inventory").then((m) => m.command),
  },
  resolve: {
    summary: "Find where each missing model can be downloaded (workflow links, model lists, Hugging Face, Civitai)",
    load: () => import("./commands/resolve").then((m) => m.command),
  },
  run: {
    summary: "Install every model the workflows need: find, download and verify (here, or through a dashboard)",
    load: () => import("./commands/run").then((m) => m.command),
  },
  doctor: {
    summary: "Check that Hugging Face and Civitai answer, that their tokens are accepted, and that downloads may reach their storage",
    load: () => import("./commands/doctor").then((m) => m.command),
  },
  user: {
    summary: "Add an account to the server's database (user add EMAIL --role ROLE)",
    load: () => import("./commands/user").then((m) => m.command),
  },
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    "Usage: comfyfixer <command> [options]",
    "",
    "Commands:",
    ...Object.entries(COMMANDS).map(([name, entry]) => `  ${name.padEnd(width)}  ${entry.summary}`),
    "",
    "Run `comfyfixer <command> --help` for a command's options.",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--help" || name === "-h") {
    process.stdout.write(help() + "\n");
    return 0;
  }
  if (!name) {
    process.stderr.write(help() + "\n");
    return 2;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    process.stderr.write(`Unknown command "${name}".\n${help()}\n`);
    return 2;
  }
  const [command, { parseEngineEnv, EnvError }, { UsageError }] = await Promise.all([entry.load(), import("../core/config/env"), import("./command")]);
  try {
    return await command.run(rest, { env: parseEngineEnv(process.env), rawEnv: process.env, apiKey: process.env.COMFYFIXER_API_KEY?.trim() || undefined });
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    throw error;
  }
}
