// How a benchmark reports a figure: a line `bench/run.ts` collects into the one table `npm run bench` prints.
// Every figure is measured against a baseline measured in the same run (curl, sha256sum, find, JSON.parse, …).

export type Figure = {
  /** What is measured, in a few words. */
  name: string;
  value: number;
  unit: string;
  /** The baseline it is compared with, measured in the same run. */
  baseline?: { name: string; value: number; unit: string };
  /** value ÷ baseline, or another ratio the goal is stated in. */
  ratio?: number;
  /** The goal in words ("≤ 1.05×", "< 150 MB"). */
  goal?: string;
  /** Whether the goal was met; absent when the figure has no goal. */
  met?: boolean;
};

export const FIGURE_PREFIX = "BENCH-FIGURE ";

/** Prints a figure for the table (and a readable line for whoever runs the benchmark alone). */
export function report(figure: Figure): void {
  const ratio = figure.ratio === undefined ? "" : `  ratio ${figure.ratio.toFixed(2)}×`;
  const baseline = figure.baseline ? `  (baseline ${figure.baseline.name}: ${round(figure.baseline.value)} ${figure.baseline.unit})` : "";
  const goal = figure.goal ? `  goal ${figure.goal}${figure.met === undefined ? "" : figure.met ? " ✓" : " ✗"}` : "";
  console.log(`${figure.name}: ${round(figure.value)} ${figure.unit}${baseline}${ratio}${goal}`);
  console.log(FIGURE_PREFIX + JSON.stringify(figure));
}

export const round = (value: number) => (Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2));
