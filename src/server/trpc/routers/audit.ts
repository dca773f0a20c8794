// audit.list: the audit log for admins, newest first, filtered by action, actor and time.
import { z } from "zod";
import { AUDIT_ACTIONS, AuditEntryViewSchema, AuditFilterSchema, listAudit } from "../../audit/audit-log";
import { authorized, router } from "../init";

export const auditRouter = router({
  list: authorized("audit.read")
    .input(AuditFilterSchema)
    .output(z.object({ items: z.array(AuditEntryViewSchema), total: z.number(), actions: z.array(z.string()) }))
    .query(async ({ ctx, input }) => ({ ...(await listAudit(ctx.db, input)), actions: [...AUDIT_ACTIONS] })),
});
