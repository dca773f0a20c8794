// `comfyfixer run --json` for the upstream and hostile-input suites: the real command, its report read back, and
// what counts as a crash (an exit code other than 0 or 3, no JSON, or a stack trace on stderr).
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { RunReportModel } from "../../src/cli/run/report";
import { comfyfixer, type CliResult } from "../../src/test/cli";

/** A model as `comfyfixer run --json` reports it. */
export type ReportModel = RunReportModel;

export type RunOutcome = CliResult & {
  /** Every model of every workflow, once each. */
  models: ReportModel[];
  /** The run did not end the way the command promises (exit 0 or 3 with one JSON report). */
  crashed: boolean;
};

const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$/m;

export async function runJson(args: string[], env: Record<string, string | undefined>): Promise<RunOutcome> {
  const result = await comfyfixer(["run", ...args, "--json"], env);
  let models: ReportModel[] = [];
  let parsed = false;
  try {
    const report = JSON.parse(result.stdout) as { workflows: Array<{ models: ReportModel[] }> };
    const byKey = new Map(report.workflows.flatMap((workflow) => workflow.models).map((model) => [`${model.folder}/${model.name}`, model]));
    models = [...byKey.values()];
    parsed = true;
  } catch {
    parsed = false;
  }
  const crashed = !parsed || (result.code !== 0 && result.code !== 3) || STACK_TRACE.test(result.stderr);
  return { ...result, models, crashed };
}

/** What the report says went wrong for a model: its error, else its resolution's reason. */
export const reasonOf = (model: ReportModel) => model.error ?? model.resolution?.reason ?? "";

export async function sha256Of(path: string): Promise<string> {
  return createHash("sha256")
    .update(await readFile(path))
    .digest("hex");
}
