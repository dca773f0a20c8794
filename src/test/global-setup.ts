// Vitest global set-up for integration tests: one migrated template database per test run,
// from which every test file clones its own database (src/test/database.ts).
import type { TestProject } from "vitest/node";
import { migrate } from "../server/db/migrate";
import { createDatabase, databaseUrl, dropDatabase, uniqueDatabaseName } from "./postgres-admin";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const template = uniqueDatabaseName("cf_template");
  await createDatabase(template);
  await migrate(databaseUrl(template));
  project.provide("templateDatabase", template);
  return async () => {
    await dropDatabase(template);
  };
}
