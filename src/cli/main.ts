// Entry of the comfyfixer CLI: dispatches to one module per sub-command.
import { UsageError, type CliCommand } from "./command";

const commands: Record<string, () => Promise<CliCommand>> = {
  // analyze, inventory, resolve, run are registered here as they land:
  // name: () => import("./commands/name").then((m) => m.command),
  analyze: () => import("./commands/analyze").then((m) => m.command),
  inventory: () => import("./commands/inventory").then((m) => m.command),
  run: () => import("./commands/run").then((m) => m.command),
  resolve: () => import("./commands/resolve").then((m) => m.command),
};

function help(): string {
  return [
    "Usage: comfyfixer <command> [options]",
    "",
    "Commands:",
    ...Object.keys(commands).map((name) => `  ${name}`),
    "",
    "Run `comfyfixer <command> --help` for a command's options.",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    process.stdout.write(help() + "\n");
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`Unknown command "${name}".\n${help()}\n`);
    return 2;
  }
  const command = await load();
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    throw error;
  }
}
