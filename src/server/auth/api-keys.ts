// API keys: each belongs to one account and acts with its role. The key is shown once, when it is made; the database
// keeps its SHA-256 and first characters. Revoking disables it, so the next request with it is refused.
import { z } from "zod";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import type { Auth } from "./auth";

export const ApiKeyViewSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  /** The first characters, to tell keys apart. */
  start: z.string().nullable(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revoked: z.boolean(),
});
export type ApiKeyView = z.infer<typeof ApiKeyViewSchema>;

export async function listApiKeys(db: Db, userId: string): Promise<ApiKeyView[]> {
  const keys = await db.apiKey.findMany({
    where: { referenceId: userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, start: true, createdAt: true, lastRequest: true, enabled: true },
  });
  return keys.map((key) => ({
    id: key.id,
    name: key.name,
    start: key.start,
    createdAt: key.createdAt,
    lastUsedAt: key.lastRequest,
    revoked: key.enabled === false,
  }));
}

export async function createApiKey(auth: Auth, userId: string, name: string): Promise<{ id: string; name: string; key: string }> {
  const created = await auth.api.createApiKey({ body: { userId, name } });
  return { id: created.id, name: created.name ?? name, key: created.key };
}

/** Revokes one of the user's own keys. */
export async function revokeApiKey(auth: Auth, db: Db, userId: string, keyId: string): Promise<{ name: string | null }> {
  const key = await db.apiKey.findFirst({ where: { id: keyId, referenceId: userId }, select: { name: true, enabled: true } });
  if (!key) throw new AppError("NOT_FOUND", `API key ${keyId} is not one of your keys.`);
  if (key.enabled !== false) await auth.api.updateApiKey({ body: { keyId, userId, enabled: false } });
  return { name: key.name };
}
