// Gives an integration test file its own migrated database, dropped when the file ends.
import { afterAll, beforeAll, inject } from "vitest";
import { createDb, type Db } from "../server/db/client";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "./postgres-admin";

export type TestDatabase = { url: string; name: string; db: Db };

export function useTestDatabase(): TestDatabase {
  const handle = {} as TestDatabase;
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
