// Keeps prisma/schema.prisma and the SQL migrations in step: every model and field must
// exist in a freshly migrated database with a compatible type and nullability.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../../test/database";
import { compatibleColumnTypes, parsePrismaSchema } from "./prisma-schema";

const schemaPath = fileURLToPath(new URL("../../../prisma/schema.prisma", import.meta.url));

type Column = { table_name: string; column_name: string; udt_name: string; is_nullable: "YES" | "NO" };

describe("schema.prisma against the migrated database", () => {
  const database = useTestDatabase();

  it("has every model, field, type and enum of schema.prisma", async () => {
    const schema = parsePrismaSchema(await readFile(schemaPath, "utf8"));
    expect(schema.models.length).toBeGreaterThan(5);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const columns = (
        await client.query<Column>(`SELECT table_name, column_name, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`)
      ).rows;
      const byKey = new Map(columns.map((column) => [`${column.table_name}.${column.column_name}`, column]));
      const problems: string[] = [];
      for (const model of schema.models) {
        for (const field of model.fields.filter((candidate) => !candidate.relation)) {
          const column = byKey.get(`${model.name}.${field.name}`);
          if (!column) {
            problems.push(`${model.name}.${field.name} is missing from the database`);
            continue;
          }
          const expected = compatibleColumnTypes(field);
          if (!expected.includes(column.udt_name)) {
            problems.push(`${model.name}.${field.name} is ${column.udt_name} in the database, schema wants ${expected.join(" or ")}`);
          }
          const nullableInSchema = field.optional || field.list;
          if (!field.list && nullableInSchema !== (column.is_nullable === "YES")) {
            problems.push(`${model.name}.${field.name} nullability differs (schema optional=${field.optional}, database ${column.is_nullable})`);
          }
        }
      }
      const enumRows = (
        await client.query<{ typname: string; labels: string[] }>(
          `SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
             FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
        )
      ).rows;
      const dbEnums = new Map(enumRows.map((row) => [row.typname, row.labels]));
      for (const [name, values] of schema.enums) {
        expect(dbEnums.get(name), `enum ${name}`).toEqual(values);
      }
      expect(problems).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
