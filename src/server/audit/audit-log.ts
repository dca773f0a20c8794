// The audit log: who did what, when and from where. Entries never hold a secret: callers pass what changed, and
// URLs lose their query strings (a Civitai link may carry a token there).
import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client";
import type { Db } from "../db/client";

export const AUDIT_ACTIONS = [
  "auth.signed_in",
  "auth.sign_in_failed",
  "account.password_changed",
  "user.created",
  "user.invited",
  "invite.revoked",
  "user.role_changed",
  "user.removed",
  "api_key.created",
  "api_key.revoked",
  "settings.updated",
  "tokens.updated",
  "sign_in_settings.updated",
  "run.started",
  "run.cancelled",
  "run.retried",
  "run.picked",
  "run.pasted",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** How the actor reached the server: a browser session, an API key, a command on the server, or the server itself. */
export type AuditVia = "session" | "api-key" | "cli" | "system";

export type AuditEntryInput = {
  actor: { id: string; email: string | null } | null;
  via: AuditVia;
  address: string | null;
  action: AuditAction;
  target: string | null;
  details: Record<string, unknown>;
};

/** A URL as the audit log keeps it: scheme, host and path only. */
export function auditableUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}${parsed.search ? " (query removed)" : ""}`;
  } catch {
    return "(not a URL)";
  }
}

export async function recordAudit(db: Db | Prisma.TransactionClient, entry: AuditEntryInput): Promise<void> {
  await db.auditEntry.create({
    data: {
      actorId: entry.actor?.id ?? null,
      actorEmail: entry.actor?.email ?? null,
      via: entry.via,
      address: entry.address,
      action: entry.action,
      target: entry.target,
      details: entry.details as Prisma.InputJsonObject,
    },
  });
}

export const AuditFilterSchema = z.object({
  /** An action ("run.started") or a family of them ("run"). */
  action: z.string().trim().max(60).optional(),
  /** Part of the actor's email. */
  actor: z.string().trim().max(200).optional(),
  since: z.date().optional(),
  until: z.date().optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export const AuditEntryViewSchema = z.object({
  id: z.string(),
  at: z.date(),
  actorEmail: z.string().nullable(),
  via: z.string(),
  address: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof AuditEntryViewSchema>;

export async function listAudit(db: Db, filter: AuditFilter): Promise<{ items: AuditEntryView[]; total: number }> {
  const action = filter.action ? (filter.action.includes(".") ? { equals: filter.action } : { startsWith: `${filter.action}.` }) : undefined;
  const where: Prisma.AuditEntryWhereInput = {
    action,
    actorEmail: filter.actor ? { contains: filter.actor, mode: "insensitive" } : undefined,
    at: filter.since || filter.until ? { gte: filter.since, lte: filter.until } : undefined,
  };
  const [rows, total] = await Promise.all([
    db.auditEntry.findMany({ where, orderBy: { id: "desc" }, skip: (filter.page - 1) * filter.pageSize, take: filter.pageSize }),
    db.auditEntry.count({ where }),
  ]);
  return {
    items: rows.map((row) => ({ ...row, id: row.id.toString(), details: (row.details ?? {}) as Record<string, unknown> })),
    total,
  };
}
