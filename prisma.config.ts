// Prisma CLI configuration. The schema-engine binary is not needed: migrations are applied
// by src/server/db/migrate.ts, which records them in _prisma_migrations as `prisma migrate deploy` does.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/comfyfixer" },
});
