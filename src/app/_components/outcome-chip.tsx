// What a finished run left for a person, at a glance: all installed, or what needs them (N to choose, N need a token…).
import { outcomeLine, type RunOutcome } from "../../core/run/summary";
import { Chip } from "./status-chip";

export function OutcomeChip({ outcome }: { outcome: RunOutcome }) {
  const kind = outcome.all_installed ? "all_installed" : "needs_attention";
  return (
    <span data-outcome={kind} title={outcomeLine(outcome)}>
      <Chip tone={outcome.all_installed ? "good" : "warn"}>{outcomeLine(outcome).replace(/\.$/, "")}</Chip>
    </span>
  );
}
