// What every fault suite reports, one row per suite, for the table `npm run test:faults` prints.
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";

export type FaultFigures = {
  /** The suite's name in the table, e.g. "kill the worker". */
  suite: string;
  /** Times the scenario was run start to end. */
  trials: number;
  /** Faults injected (kills, upstream faults, refused inputs…). */
  faults: number;
  /** Inputs fed in (workflows, names, URLs). */
  inputs: number;
  /** Uncaught errors, exits that should not have happened, runs that never ended. */
  crashes: number;
  /** Files in place whose SHA-256 is not the published one, or files written outside the models root. */
  corruptFiles: number;
  /** Files whose bytes were fetched in full more than once. */
  duplicateDownloads: number;
  /** Anything else worth a figure, shown in the last column ("resumed 7 of 8 kills with their bytes"). */
  note?: string;
};

/** The long version (`npm run test:faults -- --long`) runs more trials and inputs. */
export const LONG = process.env.COMFYFIXER_FAULTS_LONG === "1";

/** `ci` trials in CI and by default, `long` with --long. */
export const scaled = (sizes: { ci: number; long: number }) => (LONG ? sizes.long : sizes.ci);

export const FIGURES_FILE = process.env.COMFYFIXER_FAULT_FIGURES ?? join("test-results", "reports", "fault-figures.jsonl");

/** Adds a suite's row to the table; the runner prints it and fails on any loss. */
export function recordFigures(figures: FaultFigures): void {
  mkdirSync(dirname(FIGURES_FILE), { recursive: true });
  appendFileSync(FIGURES_FILE, `${JSON.stringify(figures)}\n`);
}
