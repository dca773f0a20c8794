// A small reader of schema.prisma's models and enums, enough to compare it with a live database.
export type PrismaField = {
  name: string;
  type: string;
  optional: boolean;
  list: boolean;
  /** `@db.Uuid` and friends, when given. */
  nativeType: string | null;
  /** A relation field has no column of its own. */
  relation: boolean;
};
export type PrismaModel = { name: string; fields: PrismaField[] };
export type PrismaSchema = { models: PrismaModel[]; enums: Map<string, string[]> };

const SCALARS = new Set(["String", "Boolean", "Int", "BigInt", "Float", "Decimal", "DateTime", "Json", "Bytes"]);

export function parsePrismaSchema(source: string): PrismaSchema {
  const withoutComments = source.replace(/\/\/.*$/gm, "");
  const blocks = [...withoutComments.matchAll(/\b(model|enum)\s+(\w+)\s*\{([^}]*)\}/g)];
  const enums = new Map<string, string[]>();
  for (const [, kind, name, body] of blocks) {
    if (kind === "enum")
      enums.set(
        name!,
        body!.split(/\s+/).filter((word) => /^\w+$/.test(word)),
      );
  }
  const models: PrismaModel[] = [];
  for (const [, kind, name, body] of blocks) {
    if (kind !== "model") continue;
    const fields: PrismaField[] = [];
    for (const line of body!.split("\n").map((text) => text.trim())) {
      const match = /^(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/.exec(line);
      if (!match || line.startsWith("@@")) continue;
      const [, fieldName, type, list, optional, rest] = match;
      const nativeType = /@db\.(\w+)/.exec(rest!)?.[1] ?? null;
      fields.push({
        name: fieldName!,
        type: type!,
        list: Boolean(list),
        optional: Boolean(optional),
        nativeType,
        relation: !SCALARS.has(type!) && !enums.has(type!),
      });
    }
    models.push({ name: name!, fields });
  }
  return { models, enums };
}

/** The PostgreSQL `udt_name`s a Prisma field may be stored as. */
export function compatibleColumnTypes(field: PrismaField): string[] {
  const native: Record<string, string> = { Uuid: "uuid", Text: "text", VarChar: "varchar", Timestamptz: "timestamptz" };
  const byScalar: Record<string, string[]> = {
    String: ["text", "varchar"],
    Boolean: ["bool"],
    Int: ["int4"],
    BigInt: ["int8"],
    Float: ["float8"],
    Decimal: ["numeric"],
    DateTime: ["timestamp", "timestamptz"],
    Json: ["jsonb", "json"],
    Bytes: ["bytea"],
  };
  const base = field.nativeType ? [native[field.nativeType] ?? field.nativeType.toLowerCase()] : (byScalar[field.type] ?? [field.type]);
  return field.list ? base.map((type) => `_${type}`) : base;
}
