// Gives an integration test file its own migrated database, dropped when the file ends.
import { afterAll, beforeAll, inject } from "vitest";
import type { RawEnv } from "../core/config/env";
import { createDb, type Db } from "../server/db/client";
import { parseServerEnv, type ServerEnv } from "../server/env";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "./postgres-admin";

export type TestDatabase = {
  url: string;
  name: string;
  db: Db;
  /** A server environment on this database, with the variables given (the simulator's, say) and nothing from this process
   * but a test secret key. */
  env(variables?: RawEnv): ServerEnv;
};

/** Tests never touch the project's .data/secret.key: their environment carries its own key. */
export const TEST_SECRET_KEY = "test-only-secret-key-0123456789abcdef";

export function useTestDatabase(): TestDatabase {
  const handle = {
    env: (variables: RawEnv = {}) => parseServerEnv({ COMFYFIXER_SECRET_KEY: TEST_SECRET_KEY, ...variables, DATABASE_URL: handle.url }),
  } as TestDatabase;
  beforeAll(async () => {
    handle.name = uniqueDatabaseName("cf_test");
    handle.url = await createDatabase(handle.name, inject("templateDatabase"));
    handle.db = createDb(handle.url);
  });
  afterAll(async () => {
    await handle.db?.$disconnect();
    if (handle.name) await dropDatabase(handle.name);
  });
  return handle;
}
