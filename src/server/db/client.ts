// The Prisma client over node-postgres, one per process (and one per database URL in tests).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../generated/prisma/client";
import { serverEnv } from "../env";

export type Db = PrismaClient;

export function createDb(databaseUrl: string): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

const globalForDb = globalThis as unknown as { comfyfixerDb?: Db };

/** The process-wide client; survives Next's dev-mode module reloads. */
export function db(): Db {
  globalForDb.comfyfixerDb ??= createDb(serverEnv().databaseUrl);
  return globalForDb.comfyfixerDb;
}
