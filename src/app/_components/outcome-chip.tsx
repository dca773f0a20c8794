// What a finished run left for a person, at a glance: all installed, or what needs them (N to choose, N need a token…).
import { outcomeLine, type RunOutcome } from "../../core/run/summary";
import { Chip } from "./status-chip";

export function OutcomeChip({ outcome }: { outcome: RunOutcome }) {
  const line = outcomeLine(outcome);
  return (
    <span data-outcome={outcome.all_installed ? "all_installed" : "needs_attention"} title={line}>
      <Chip tone={outcome.all_installed ? "good" : "warn"}>{line.replace(/\.$/, "")}</Chip>
    </span>
  );
}
