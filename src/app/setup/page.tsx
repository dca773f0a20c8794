// The first admin's set-up link, printed by the launcher while no account exists.
import { AcceptInvite } from "../_components/accept-invite";

export default function SetupPage() {
  return <AcceptInvite title="Set up ComfyFixer" />;
}
