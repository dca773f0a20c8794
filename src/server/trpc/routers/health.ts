// health.check: database and worker liveness.
import { z } from "zod";
import { checkHealth } from "../../services/health";
import { authorized, router } from "../init";

const HealthSchema = z.object({
  ok: z.boolean(),
  database: z.object({ ok: z.boolean(), error: z.string().optional() }),
  worker: z.object({ ok: z.boolean(), alive: z.number(), lastSeenAt: z.string().nullable() }),
});

export const healthRouter = router({
  check: authorized("read")
    .output(HealthSchema)
    .query(({ ctx }) => checkHealth(ctx.db, ctx.env.staleRunSeconds)),
});
