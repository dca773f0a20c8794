// The runs API against a real database and a real pg-boss queue (no worker: the job is only checked to be queued).
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type PgBoss from "pg-boss";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../../test/database";
import { useTestAccount } from "../../test/accounts";
import { QUEUES, startBoss } from "../jobs/queue";
import { runQueueOf } from "../jobs/run-queue";
import { createContextInner } from "../trpc/init";
import { createCaller } from "../trpc/root";
import { checkpoint, lora, uiWorkflow } from "../../test/sim";

describe("runs API", () => {
  const database = useTestDatabase();
  const admin = useTestAccount(database, "admin");
  let boss: PgBoss;
  let scratch: string;
  const caller = () => createCaller(createContextInner({ db: database.db, queue: runQueueOf(boss), env: database.env(), actor: admin.actor }));
  const queuedRunIds = async () => {
    const rows = await database.db.$queryRawUnsafe<Array<{ data: { runId: string } }>>(`SELECT data FROM pgboss.job WHERE name = $1`, QUEUES.run.name);
    return rows.map((row) => row.data.runId);
  };

  beforeAll(async () => {
    boss = await startBoss(database.url);
    scratch = await mkdtemp(join(tmpdir(), "cf-runs-"));
    await mkdir(join(scratch, "models"));
    await mkdir(join(scratch, "workflows"));
    await writeFile(join(scratch, "workflows", "portrait.json"), uiWorkflow([checkpoint("sd15/portrait.safetensors")]));
    await caller().settings.update({ paths: { models_roots: [join(scratch, "models")] } });
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false });
  });

  it("creates a run from an upload, stores it and queues one job", async () => {
    const { id } = await caller().runs.create({
      workflows: [{ fileName: "C:\\Users\\me\\flux.json", content: uiWorkflow([lora("flux/detail.safetensors")]), encoding: "utf8" }],
      modelsRoot: join(scratch, "models"),
      dryRun: true,
    });
    const run = await caller().runs.get({ id });
    expect(run.status).toBe("queued");
    expect(run.dryRun).toBe(true);
    expect(run.workflowNames).toEqual(["flux.json"]);
    expect(await queuedRunIds()).toContain(id);
  });

  it("refuses a workflow path outside the configured workflow folders and saves nothing", async () => {
    const before = (await caller().runs.list({})).total;
    const error = await caller()
      .runs.create({ workflows: [{ path: join(scratch, "workflows", "portrait.json") }], modelsRoot: join(scratch, "models") })
      .catch((caught: unknown) => caught);
    expect((error as TRPCError).code).toBe("FORBIDDEN");
    expect((error as TRPCError).message).toMatch(/workflow folder/);
    expect((await caller().runs.list({})).total).toBe(before);
  });

  it("takes a workflow by path once its folder is configured, and analyses it dry", async () => {
    await caller().settings.update({ paths: { workflow_folders: [join(scratch, "workflows")], models_root: join(scratch, "models") } });
    const files = await caller().runs.workflowFiles();
    expect(files.folders[0]?.files).toEqual([join(scratch, "workflows", "portrait.json")]);
    const report = await caller().runs.analyze({ workflows: [{ path: join(scratch, "workflows", "portrait.json") }] });
    expect(report.workflows[0]?.models).toEqual([expect.objectContaining({ name: "sd15/portrait.safetensors", folder: "checkpoints", status: "missing" })]);
    const { id } = await caller().runs.create({ workflows: [{ path: join(scratch, "workflows", "portrait.json") }] });
    expect((await caller().runs.get({ id })).modelsRoot).toBe(join(scratch, "models"));
  });

  it("lists runs newest first, filters by status and searches workflow names", async () => {
    const all = await caller().runs.list({});
    expect(all.items.length).toBe(2);
    expect(all.items[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(all.items[1]!.createdAt.getTime());
    expect((await caller().runs.list({ search: "FLUX" })).items.map((run) => run.workflowNames)).toEqual([["flux.json"]]);
    expect((await caller().runs.list({ status: "completed" })).total).toBe(0);
    expect((await caller().runs.list({ pageSize: 1, page: 2 })).items.length).toBe(1);
  });

  it("cancels a queued run at once, and says so for a finished one", async () => {
    const { id } = await caller().runs.create({ workflows: [{ fileName: "a.json", content: uiWorkflow([]), encoding: "utf8" }] });
    expect(await caller().runs.cancel({ id })).toEqual({ id, status: "cancelled" });
    const events = await caller().runs.events({ id });
    expect(events.at(-1)).toMatchObject({ type: "run.finished", status: "cancelled", seq: 1 });
    const again = await caller()
      .runs.cancel({ id })
      .catch((caught: unknown) => caught);
    expect((again as TRPCError).code).toBe("CONFLICT");
  });

  it("answers NOT_FOUND with the id for a run that does not exist", async () => {
    const id = "00000000-0000-4000-8000-000000000000";
    const error = await caller()
      .runs.get({ id })
      .catch((caught: unknown) => caught);
    expect((error as TRPCError).code).toBe("NOT_FOUND");
    expect((error as TRPCError).message).toContain(id);
  });

  it("rejects a run with no models root anywhere", async () => {
    await caller().settings.update({ paths: { models_root: "", models_roots: [] } });
    const saved = process.env.COMFYUI_MODELS_DIR;
    delete process.env.COMFYUI_MODELS_DIR;
    try {
      const error = await caller()
        .runs.create({ workflows: [{ fileName: "a.json", content: "{}", encoding: "utf8" }] })
        .catch((caught: unknown) => caught);
      expect((error as TRPCError).code).toBe("BAD_REQUEST");
      expect((error as TRPCError).message).toMatch(/models root/);
    } finally {
      if (saved !== undefined) process.env.COMFYUI_MODELS_DIR = saved;
    }
  });
});
