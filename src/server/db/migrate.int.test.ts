import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "../../test/postgres-admin";
import { migrate, MigrationError, readMigrations } from "./migrate";

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const tableExists = async (url: string, table: string) =>
  (await query<{ found: string | null }>(url, `SELECT to_regclass('public."${table}"') AS found`))[0]?.found !== null;

describe("migrator", () => {
  let name: string;
  let url: string;
  let scratch: string;

  beforeEach(async () => {
    name = uniqueDatabaseName("cf_migrate");
    url = await createDatabase(name);
    scratch = await mkdtemp(join(tmpdir(), "cf-migrations-"));
  });
  afterEach(async () => {
    await dropDatabase(name);
    await rm(scratch, { recursive: true, force: true });
  });

  async function writeMigration(dir: string, migrationName: string, sql: string) {
    await mkdir(join(dir, migrationName), { recursive: true });
    await writeFile(join(dir, migrationName, "migration.sql"), sql);
  }

  it("applies every migration to a fresh database and records them as Prisma does", async () => {
    const files = await readMigrations();
    const result = await migrate(url);
    expect(result.applied).toEqual(files.map((file) => file.name));
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((row) => row.migration_name)).toEqual(files.map((file) => file.name));
    for (const [index, row] of rows.entries()) {
      expect(row.checksum).toBe(files[index]!.checksum);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
    expect(await tableExists(url, "Run")).toBe(true);
  });

  it("is a no-op when run again", async () => {
    await migrate(url);
    const second = await migrate(url);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied.length).toBeGreaterThan(0);
    const [count] = await query<{ n: string }>(url, `SELECT count(*) AS n FROM "_prisma_migrations"`);
    expect(Number(count!.n)).toBe(second.alreadyApplied.length);
  });

  it("applies once when two processes race", async () => {
    const script = `import { migrate } from ${JSON.stringify(join(import.meta.dirname, "migrate.ts"))};
const result = await migrate(process.argv[2]); console.log(JSON.stringify(result));`;
    const scriptPath = join(scratch, "race.mts");
    await writeFile(scriptPath, script);
    const runOne = () =>
      new Promise<{ applied: string[] }>((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", scriptPath, url], { stdio: ["ignore", "pipe", "inherit"] });
        let out = "";
        child.stdout.on("data", (chunk) => (out += chunk));
        child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`exit ${code}`))));
      });
    const [a, b] = await Promise.all([runOne(), runOne()]);
    const files = await readMigrations();
    expect([...a.applied, ...b.applied].sort()).toEqual(files.map((file) => file.name));
    const [count] = await query<{ n: string }>(url, `SELECT count(*) AS n FROM "_prisma_migrations"`);
    expect(Number(count!.n)).toBe(files.length);
  });

  it("rolls a failing migration back whole and says which one failed", async () => {
    await writeMigration(scratch, "001_good", `CREATE TABLE "Good" (id INT);`);
    await writeMigration(scratch, "002_bad", `CREATE TABLE "Half" (id INT);\nCREATE TABLE "Broken" (id NOPE_TYPE);`);
    const failure = await migrate(url, scratch).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as MigrationError).migrationName).toBe("002_bad");
    expect((failure as Error).message).toMatch(/002_bad failed and was rolled back/);
    expect(await tableExists(url, "Good")).toBe(true);
    expect(await tableExists(url, "Half")).toBe(false);
    const rows = await query<{ migration_name: string }>(url, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(rows.map((row) => row.migration_name)).toEqual(["001_good"]);
  });

  it("refuses a migration that changed after it was applied", async () => {
    await writeMigration(scratch, "001_first", `CREATE TABLE "First" (id INT);`);
    await migrate(url, scratch);
    await writeMigration(scratch, "001_first", `CREATE TABLE "First" (id BIGINT);`);
    await expect(migrate(url, scratch)).rejects.toThrow(/001_first was changed after it was applied/);
  });
});
