// An invite link from an admin: it makes an account with the role the admin chose.
import { AcceptInvite } from "../_components/accept-invite";

export default function InvitePage() {
  return <AcceptInvite title="Join ComfyFixer" />;
}
