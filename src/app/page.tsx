// Runs: the history of runs (filled in as runs exist).
import { PageTitle, EmptyState } from "./_components/ui";

export default function RunsPage() {
  return (
    <>
      <PageTitle title="Runs" />
      <EmptyState title="No runs yet">
        Start one from the command line with <code className="font-mono">comfyfixer run WORKFLOW --server URL</code>.
      </EmptyState>
    </>
  );
}
