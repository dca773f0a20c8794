// inventory.get: what the ComfyUI install has, for the inventory page; the root must be one an admin configured.
import { z } from "zod";
import { getInventoryReport, InventoryReportSchema } from "../../services/inventory";
import { authorized, router } from "../init";

export const inventoryRouter = router({
  get: authorized("read")
    .input(z.object({ modelsRoot: z.string().trim().min(1).optional() }).default({}))
    .output(InventoryReportSchema)
    .query(({ ctx, input }) => getInventoryReport(ctx.db, ctx.env, input)),
});
