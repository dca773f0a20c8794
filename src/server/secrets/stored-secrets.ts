// Secret rows (API tokens, the OpenID Connect client secret): sealed with the server's key on write, opened on read.
import type { Db } from "../db/client";
import type { AccessEnv } from "../env";
import { derivedKey } from "./master-key";
import { isSealed, openSecret, sealSecret } from "./secret-box";

type KeyEnv = Pick<AccessEnv, "secretKey">;

const keyOf = (env: KeyEnv) => derivedKey(env.secretKey, "api-tokens");

export async function readSecrets<K extends string>(db: Db, env: KeyEnv, names: readonly K[]): Promise<Partial<Record<K, string>>> {
  const rows = await db.secret.findMany({ where: { key: { in: [...names] } } });
  // Rows saved before encryption hold plain text; `sealPlainSecrets` seals them at the next start.
  return Object.fromEntries(rows.map((row) => [row.key, isSealed(row.value) ? openSecret(keyOf(env), row.key, row.value) : row.value])) as Partial<
    Record<K, string>
  >;
}

/** null or "" removes the secret. */
export async function writeSecret(db: Db, env: KeyEnv, name: string, value: string | null): Promise<void> {
  if (!value) {
    await db.secret.deleteMany({ where: { key: name } });
    return;
  }
  const sealed = sealSecret(keyOf(env), name, value);
  await db.secret.upsert({ where: { key: name }, create: { key: name, value: sealed }, update: { value: sealed } });
}

/** Seals secrets saved in plain text by a version before encryption; returns how many. */
export async function sealPlainSecrets(db: Db, env: KeyEnv): Promise<number> {
  const rows = await db.secret.findMany();
  const plain = rows.filter((row) => !isSealed(row.value));
  if (plain.length === 0) return 0;
  for (const row of plain) {
    await db.secret.updateMany({ where: { key: row.key, value: row.value }, data: { value: sealSecret(keyOf(env), row.key, row.value) } });
  }
  return plain.length;
}
