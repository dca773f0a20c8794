// `comfyfixer run`: install every model the workflows need, here (in-process) or through a dashboard (--server).
import { readFile } from "node:fs/promises";
import { resolve as resolvePath } from "node:path";
import { LOG_LEVELS, type LogLevel } from "../../core/config/schema";
import { collectWorkflowFiles } from "../../core/workflow";
import { parseCommandArgs } from "../args";
import type { EngineEnv } from "../../core/config/env";
import { UsageError, type CliCommand, type CliContext } from "../command";
import { createProgressDisplay } from "../progress";
import { loadCliSettings } from "../settings";
import { MODELS_LOCATION_FLAGS, modelsLocationFrom } from "../inputs";
import { runLocally } from "../run/local";
import { formatRunReport, runExitCode, type RunReport } from "../run/report";

const usage = [
  "Usage: comfyfixer run PATH... --models-dir DIR [options]",
  "",
  "  PATH                      a workflow (.json, .png, .webp) or a folder of them",
  "  --models-dir DIR          ComfyUI models folder to install into (default: $COMFYUI_MODELS_DIR);",
  "                            with --server, the folder as the server sees it",
  "  --extra-model-paths FILE  an extra_model_paths.yaml to honour (repeatable)",
  "  --comfyui-url URL         ask a running ComfyUI where its models folders are",
  "  --config FILE             a TOML file with settings to use (same keys as config/default.toml)",
  "  --concurrency N           parallel downloads, 1-10 (default 3)",
  "  --dry-run                 find and resolve, download nothing",
  "  --include-inactive        also install models of bypassed/muted nodes",
  "  --server URL              let a ComfyFixer dashboard's workers do the run, and follow it; --models-dir is",
  "                            then one of the server's models roots (default: the server's first)",
  "  --api-key KEY             the API key --server sends (default: $COMFYFIXER_API_KEY); the run acts with",
  "                            that account's role (operator or admin)",
  "  --json                    print one JSON summary",
  "  --log-level LEVEL         debug, info, warn or error (default info)",
  "  --verbose                 same as --log-level debug",
  "",
  "Exit code: 0 when every needed model is present at the end, 3 when some are not, 2 for bad usage,",
  "1 when the server refuses (no API key, a revoked one, or a role that may not start runs).",
].join("\n");

function parse(argv: string[], env: EngineEnv) {
  const { values, positionals } = parseCommandArgs(argv, {
    ...MODELS_LOCATION_FLAGS,
    config: { type: "string" },
    concurrency: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    "include-inactive": { type: "boolean", default: false },
    server: { type: "string" },
    "api-key": { type: "string" },
    json: { type: "boolean", default: false },
    "log-level": { type: "string" },
    verbose: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  });
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 10)) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 10, not "${values.concurrency}".`);
  }
  const logLevel = values.verbose ? "debug" : (values["log-level"] ?? "info");
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(", ")}, not "${logLevel}".`);
  }
  if (!values.help && positionals.length === 0) throw new UsageError("Give at least one workflow file or folder.");
  const location = modelsLocationFrom(values, env);
  if (!values.help && !location.modelsDir && !values.server)
    throw new UsageError("Give the ComfyUI models folder with --models-dir DIR (or set COMFYUI_MODELS_DIR).");
  return { ...values, positionals, concurrency, logLevel: logLevel as LogLevel, location, modelsDir: location.modelsDir ?? "" };
}

async function run(argv: string[], { env, apiKey }: CliContext): Promise<number> {
  const args = parse(argv, env);
  if (args.help) {
    process.stdout.write(usage + "\n");
    return 0;
  }
  const { files, errors } = await collectWorkflowFiles(args.positionals);
  for (const entry of errors) process.stderr.write(`${entry.path}: ${entry.error}\n`);
  if (files.length === 0) {
    process.stderr.write("No workflow files found in the given paths.\n");
    return 2;
  }
  const display = createProgressDisplay(process.stderr, { quiet: args.json && args.logLevel !== "debug" });
  const controller = new AbortController();
  const onInterrupt = () => {
    display.log("Stopping: partial downloads are kept and resume next time.");
    controller.abort(new Error("interrupted"));
  };
  process.once("SIGINT", onInterrupt);

  let report: RunReport;
  try {
    if (args.server) {
      const key = args["api-key"]?.trim() || apiKey;
      if (!key) {
        process.stderr.write("The server needs an API key: pass --api-key KEY or set COMFYFIXER_API_KEY (make one on the dashboard's Account page).\n");
        return 1;
      }
      // The dashboard's client (tRPC, SSE) is loaded only for --server, so a local run starts without it.
      const { runOnServer, serverRefusal } = await import("../run/remote");
      const remote = await runOnServer({
        server: args.server,
        apiKey: key,
        workflows: await Promise.all(files.map(async (path) => ({ path, bytes: await readFile(path) }))),
        modelsRoot: args.modelsDir ? resolvePath(args.modelsDir) : undefined,
        dryRun: args["dry-run"],
        concurrency: args.concurrency,
        includeInactive: args["include-inactive"],
        display,
        signal: controller.signal,
      }).catch((error: unknown) => serverRefusal(error));
      if (typeof remote === "string") {
        process.stderr.write(`${remote}\n`);
        return 1;
      }
      report = remote;
    } else {
      const settings = await loadCliSettings(args.config);
      settings.logging.level = args.logLevel;
      if (args.concurrency) settings.download.concurrency = args.concurrency;
      if (args.location.comfyuiUrl) settings.paths.comfyui_url = args.location.comfyuiUrl;
      report = await runLocally({
        workflows: files.map((path) => ({ path })),
        modelsRoot: resolvePath(args.modelsDir),
        extraModelPaths: args.location.extraModelPaths,
        settings,
        env,
        dryRun: args["dry-run"],
        includeInactive: args["include-inactive"],
        display,
        signal: controller.signal,
      });
    }
  } finally {
    display.stop();
    process.off("SIGINT", onInterrupt);
  }
  process.stdout.write(args.json ? JSON.stringify(report, null, 2) + "\n" : formatRunReport(report) + "\n");
  return runExitCode(report);
}

export const command: CliCommand = {
  usage,
  run,
};
