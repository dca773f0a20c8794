// Entry of the comfyfixer CLI: dispatches to one module per sub-command.
import { EnvError, parseEngineEnv } from "../core/config/env";
import { UsageError, type CliCommand } from "./command";

const commands: Record<string, () => Promise<CliCommand>> = {
  analyze: () => import("./commands/analyze").then((m) => m.command),
  "api-key": () => import("./commands/api-key").then((m) => m.command),
  inventory: () => import("./commands/inventory").then((m) => m.command),
  resolve: () => import("./commands/resolve").then((m) => m.command),
  run: () => import("./commands/run").then((m) => m.command),
  user: () => import("./commands/user").then((m) => m.command),
};

async function help(): Promise<string> {
  const loaded = await Promise.all(Object.values(commands).map((load) => load()));
  const width = Math.max(...loaded.map((command) => command.name.length));
  return [
    "Usage: comfyfixer <command> [options]",
    "",
    "Commands:",
    ...loaded.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    "",
    "Run `comfyfixer <command> --help` for a command's options.",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--help" || name === "-h") {
    process.stdout.write((await help()) + "\n");
    return 0;
  }
  if (!name) {
    process.stderr.write((await help()) + "\n");
    return 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`Unknown command "${name}".\n${await help()}\n`);
    return 2;
  }
  const command = await load();
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
