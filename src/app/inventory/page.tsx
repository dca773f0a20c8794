// Inventory: the models the configured ComfyUI install has.
import { PageTitle, EmptyState } from "../_components/ui";

export default function InventoryPage() {
  return (
    <>
      <PageTitle title="Inventory" />
      <EmptyState title="No models folder scanned yet">Set the models root on the Settings page.</EmptyState>
    </>
  );
}
