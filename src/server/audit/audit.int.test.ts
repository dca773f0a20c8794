// What the audit log records of settings, tokens and run actions: who, from where, what changed — never a secret.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "../../generated/prisma/client";
import { useTestAccount } from "../../test/accounts";
import { useTestDatabase } from "../../test/database";
import { createContextInner } from "../trpc/init";
import { createCaller } from "../trpc/root";

describe("the audit log", () => {
  const database = useTestDatabase();
  const admin = useTestAccount(database, "admin");
  const operator = useTestAccount(database, "operator");
  let modelsRoot: string;
  const queued: string[] = [];
  const as = (account: typeof admin) =>
    createCaller(
      createContextInner({
        db: database.db,
        env: database.env(),
        actor: account.actor,
        address: "192.0.2.10",
        queue: { enqueueRun: async (id) => void queued.push(id) },
      }),
    );
  const entries = (action: string) => database.db.auditEntry.findMany({ where: { action }, orderBy: { id: "asc" } });

  beforeAll(async () => {
    modelsRoot = await mkdtemp(join(tmpdir(), "cf-audit-"));
    await mkdir(join(modelsRoot, "loras"));
    await as(admin).settings.update({ paths: { models_root: modelsRoot } });
  });
  afterAll(async () => {
    await rm(modelsRoot, { recursive: true, force: true });
  });

  it("records which settings changed, from what to what, and that a token was set — not the token", async () => {
    const token = "hf_secretsecretsecretsecret1234";
    await as(admin).settings.update({ download: { concurrency: 4 }, tokens: { hf_token: token } });
    const [settings] = (await entries("settings.updated")).slice(-1);
    expect(settings).toMatchObject({ actorEmail: admin.email, via: "session", address: "192.0.2.10" });
    expect((settings!.details as { changes: Record<string, unknown> }).changes).toEqual({ "download.concurrency": { from: 3, to: 4 } });
    expect((await entries("tokens.updated")).at(-1)?.details).toEqual({ tokens: { hf_token: "set" } });
    const everything = await database.db.auditEntry.findMany();
    expect(JSON.stringify(everything.map((entry) => [entry.details, entry.target]))).not.toContain("secretsecret");
  });

  it("records who started, cancelled, retried, picked and pasted in a run, and shows who started it", async () => {
    const { id } = await as(operator).runs.create({ workflows: [{ fileName: "a.json", content: "{}", encoding: "utf8" }], dryRun: true });
    expect((await entries("run.started")).at(-1)).toMatchObject({
      actorEmail: operator.email,
      target: id,
      details: { modelsRoot, dryRun: true, workflows: 1 },
    });
    expect((await as(admin).runs.list({})).items.find((run) => run.id === id)?.startedBy).toBe(operator.email);

    await as(operator).runs.cancel({ id });
    expect((await entries("run.cancelled")).at(-1)).toMatchObject({ actorEmail: operator.email, target: id });

    const candidate = "https://huggingface.co/a/b/resolve/main/detail.safetensors";
    const model = await database.db.runModel.create({
      data: {
        runId: id,
        name: "detail.safetensors",
        folder: "loras",
        nodeType: "LoraLoader",
        nodeId: "1",
        workflows: ["a.json"],
        status: "ambiguous",
        resolution: {
          status: "ambiguous",
          source: "huggingface",
          url: null,
          sha256: null,
          size: null,
          reason: "two files",
          candidates: [{ source: "huggingface", url: candidate, fileName: "detail.safetensors", sha256: null, size: 10, page: null }],
        } as Prisma.InputJsonObject,
      },
    });
    await as(operator).runs.pickCandidate({ runId: id, modelId: model.id, url: candidate });
    expect((await entries("run.picked")).at(-1)).toMatchObject({ target: id, details: { model: "loras/detail.safetensors", url: candidate } });

    await database.db.runModel.update({ where: { id: model.id }, data: { status: "failed" } });
    await database.db.run.update({ where: { id }, data: { status: "failed", finishedAt: new Date() } });
    await as(operator).runs.pickCandidate({ runId: id, modelId: model.id, url: "https://civitai.com/api/download/models/1?token=civitai-secret-token" });
    const pasted = (await entries("run.pasted")).at(-1)!;
    expect(pasted.details).toMatchObject({ url: "https://civitai.com/api/download/models/1 (query removed)" });
    expect(JSON.stringify(pasted.details)).not.toContain("civitai-secret-token");

    await database.db.run.update({ where: { id }, data: { status: "failed", finishedAt: new Date() } });
    await database.db.runModel.update({ where: { id: model.id }, data: { status: "failed" } });
    await as(operator).runs.retry({ id });
    expect((await entries("run.retried")).at(-1)).toMatchObject({ actorEmail: operator.email, details: { models: 1 } });
  });

  it("is filtered by action family, actor and time for admins", async () => {
    const runs = await as(admin).audit.list({ action: "run" });
    expect(runs.items.length).toBeGreaterThanOrEqual(4);
    expect(runs.items.every((entry) => entry.action.startsWith("run."))).toBe(true);
    expect((await as(admin).audit.list({ action: "run.cancelled" })).items.map((entry) => entry.action)).toEqual(["run.cancelled"]);
    const byOperator = await as(admin).audit.list({ actor: operator.email.slice(0, 12).toUpperCase() });
    expect(new Set(byOperator.items.map((entry) => entry.actorEmail))).toEqual(new Set([operator.email]));
    expect((await as(admin).audit.list({ since: new Date(Date.now() + 60_000) })).total).toBe(0);
  });
});
