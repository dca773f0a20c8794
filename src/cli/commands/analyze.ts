// `comfyfixer analyze`: lists the models each workflow needs and, given a models folder, which are there.
import { buildAnalysisReport, type AnalysisReport } from "../../core/workflow";
import { parseCommandArgs } from "../args";
import { UsageError, type CliCommand, type CliContext } from "../command";
import { defaultSettings } from "../../core/config/settings";
import { analyseOptionsFor, analysePaths, MODELS_LOCATION_FLAGS, modelsLocationFrom, presenceChecker } from "../inputs";

const usage = [
  "Usage: comfyfixer analyze PATH... [--models-dir DIR] [--extra-model-paths FILE]... [--comfyui-url URL] [--json]",
  "",
  "  PATH                      a workflow (.json, or a .png/.webp saved by ComfyUI) or a folder of them",
  "  --models-dir DIR          ComfyUI models folder to check (default: $COMFYUI_MODELS_DIR)",
  "  --extra-model-paths FILE  an extra_model_paths.yaml to honour (repeatable)",
  "  --comfyui-url URL         ask a running ComfyUI where its models folders are and which folder each installed node reads",
  "  --json                    print the report as JSON",
].join("\n");

const STATUS_MARK: Record<string, string> = { present: "✓", missing: "✗", misplaced: "!", unplaced: "?" };

const parse = (argv: string[]) =>
  parseCommandArgs(argv, {
    ...MODELS_LOCATION_FLAGS,
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  });

function humanReport(report: AnalysisReport, checked: boolean): string {
  const lines: string[] = [];
  for (const workflow of report.workflows) {
    lines.push(`${workflow.path}${workflow.format ? ` (${workflow.format})` : ""}`);
    if (workflow.error) lines.push(`  error: ${workflow.error}`);
    else if (workflow.models.length === 0) lines.push("  no model files");
    for (const model of workflow.models) {
      const notes = [
        model.active ? null : "inactive",
        model.inferred && model.folder ? "folder guessed" : null,
        model.url ? `url ${model.url}` : null,
        model.presence?.message ?? null,
      ].filter(Boolean);
      const mark = checked ? `${STATUS_MARK[model.status] ?? "?"} ` : "";
      const where = model.folder ? `${model.folder}/${model.name}` : `(folder unknown) ${model.name}`;
      lines.push(`  ${mark}${where}  [${model.nodeType} #${model.nodeId}]${notes.length ? `  (${notes.join("; ")})` : ""}`);
    }
  }
  const { summary } = report;
  lines.push("");
  lines.push(
    `${summary.workflows} workflow(s), ${summary.failed} failed; ${summary.references} reference(s), ${summary.unique} unique model(s)` +
      (checked
        ? `: ${summary.present} present, ${summary.missing} missing, ${summary.misplaced} misplaced` +
          (summary.unplaced ? `, ${summary.unplaced} with no known folder` : "")
        : " (no models folder given: use --models-dir or COMFYUI_MODELS_DIR to check which are present)"),
  );
  return lines.join("\n") + "\n";
}

async function run(argv: string[], { env }: CliContext): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help) {
    process.stdout.write(usage + "\n");
    return 0;
  }
  if (positionals.length === 0) throw new UsageError("Give at least one workflow file or folder.");
  const location = modelsLocationFrom(values, env);
  const analyses = await analysePaths(positionals, await analyseOptionsFor(location, defaultSettings(), env));
  const presence = await presenceChecker(location, env);
  const report = buildAnalysisReport(analyses, presence);
  process.stdout.write(values.json ? JSON.stringify(report, null, 2) + "\n" : humanReport(report, presence !== undefined));
  const readable = analyses.some((analysis) => analysis.error === null);
  return readable ? 0 : 1;
}

export const command: CliCommand = {
  usage,
  run,
};
