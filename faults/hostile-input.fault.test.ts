// Hostile input: names and URLs a workflow can carry to write outside the models root or reach a private address,
// mixed with good models in one workflow through the real `comfyfixer run` process against the simulator.
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContextInner } from "../src/server/trpc/init";
import { createCaller } from "../src/server/trpc/root";
import { useTestAccount } from "../src/test/accounts";
import { useTestDatabase } from "../src/test/database";
import { simEnv } from "../src/test/sim-env";
import { runTask } from "../src/worker/tasks/run";
import { storable } from "../src/server/db/storable";
import { KiB, startUpstreamSim, uiWorkflow, type UpstreamSim } from "../src/test/sim";
import { recordFigures } from "./figures";
import { reasonOf, runJson, sha256Of, type ReportModel, type RunOutcome } from "./support/cli-report";
import { startLoopbackTrap, type LoopbackTrap } from "./support/loopback-trap";
import { snapshotTree, treeChanges } from "./support/tree-snapshot";

const REPO = "acme/weights";
/** As a workflow writes it; the engine sends huggingface.co links to the configured HF_ENDPOINT (the simulator). */
const hubUrl = (file: string) => `https://huggingface.co/${REPO}/resolve/main/${encodeURIComponent(file)}`;

/** A hostile model file name, written as a loader's input with a working link to a real file of that base name. */
type NameCase = {
  label: string;
  name: (paths: { outside: string }) => string;
  folder?: string;
  /** Refused on its model; installed inside the root under that literal name; or not a file name to the analysis at all. */
  expect: "refused" | "inside" | "ignored";
  reason: RegExp;
};
/** A hostile link for a benign name. `ban` cases need the private-range ban on (the shipped setting). */
type UrlCase = { label: string; url: (trap: number) => string; reason: RegExp; ban?: true };
/** The simulator's Hub answers this file with a redirect to `location`: an allowed host sending the download on. */
type RedirectCase = { label: string; location: (trap: number) => string; reason: RegExp; ban?: true };

const CLIMBS = /climbs out with '\.\.'/;
const NAME_CASES: NameCase[] = [
  { label: "parent traversal", name: () => "../../outside/evil-parent.safetensors", expect: "refused", reason: CLIMBS },
  { label: "backslash traversal", name: () => "..\\..\\outside\\evil-backslash.safetensors", expect: "refused", reason: CLIMBS },
  { label: "traversal after a subfolder", name: () => "SDXL/../../../outside/evil-sub.safetensors", expect: "refused", reason: CLIMBS },
  { label: "mixed slashes", name: () => "SDXL\\..//..\\../outside/evil-mixed.safetensors", expect: "refused", reason: CLIMBS },
  { label: "absolute POSIX path", name: ({ outside }) => join(outside, "evil-absolute.safetensors"), expect: "refused", reason: /absolute path/ },
  { label: "Windows drive letter", name: () => "C:\\outside\\evil-drive.safetensors", expect: "refused", reason: /drive letter/ },
  { label: "drive-relative", name: () => "C:evil-drive-relative.safetensors", expect: "refused", reason: /drive letter/ },
  { label: "UNC path", name: () => "\\\\fileserver\\share\\evil-unc.safetensors", expect: "refused", reason: /absolute path/ },
  { label: "UNC with forward slashes", name: () => "//fileserver/share/evil-unc2.safetensors", expect: "refused", reason: /absolute path/ },
  { label: "NUL byte", name: () => "evil\0nul.safetensors", expect: "refused", reason: /NUL character/ },
  { label: "tab", name: () => "evil\ttab.safetensors", expect: "refused", reason: /control characters/ },
  { label: "carriage return", name: () => "evil\rreturn.safetensors", expect: "refused", reason: /control characters/ },
  { label: "terminal escape", name: () => "\u001b[2Jevil-escape.safetensors", expect: "refused", reason: /control characters/ },
  { label: "component over 255 bytes", name: () => `${"a".repeat(256)}.safetensors`, expect: "refused", reason: /longer than 255 bytes/ },
  { label: "multi-byte component over 255 bytes", name: () => `${"é".repeat(130)}.safetensors`, expect: "refused", reason: /longer than 255 bytes/ },
  // A loader's list never holds a multi-line or 4 KB value: the analysis does not take either for a file name.
  { label: "newline", name: () => "evil\nnewline.safetensors", expect: "ignored", reason: /./ },
  {
    label: "path over 4096 bytes",
    name: () => `${Array.from({ length: 18 }, (_, index) => `${index}`.padEnd(240, "d")).join("/")}/evil-deep.safetensors`,
    expect: "ignored",
    reason: /./,
  },
  { label: "symlinked subfolder leading outside", name: () => "escape/evil-symlink.safetensors", expect: "refused", reason: /symlink .* leads outside/ },
  {
    label: "traversal in the folder a template names",
    name: () => "evil-folder.safetensors",
    folder: "../../outside",
    expect: "refused",
    reason: /Refusing the folder/,
  },
  // Percent signs are literal in a file name (ComfyUI does not decode them): a strange name, but inside the root.
  { label: "percent-encoded traversal (literal)", name: () => "%2e%2e%2f%2e%2e%2foutside%2fevil-encoded.safetensors", expect: "inside", reason: /./ },
];

const NOT_ALLOWED = /is not in the allowed hosts/;
const URL_CASES: UrlCase[] = [
  { label: "10/8", url: () => "http://10.0.0.1/models/private-10.safetensors", reason: NOT_ALLOWED },
  { label: "192.168/16", url: () => "http://192.168.1.1/models/private-192.safetensors", reason: NOT_ALLOWED },
  { label: "172.16/12", url: () => "http://172.16.5.4/models/private-172.safetensors", reason: NOT_ALLOWED },
  { label: "172.31 (end of 172.16/12)", url: () => "http://172.31.255.254/models/private-172b.safetensors", reason: NOT_ALLOWED },
  { label: "link-local metadata", url: () => "http://169.254.169.254/latest/meta-data/metadata.safetensors", reason: NOT_ALLOWED },
  { label: "loopback", url: (trap) => `http://127.0.0.1:${trap}/loopback.safetensors`, reason: NOT_ALLOWED },
  { label: "0.0.0.0", url: (trap) => `http://0.0.0.0:${trap}/unspecified.safetensors`, reason: NOT_ALLOWED },
  { label: "IPv6 loopback", url: (trap) => `http://[::1]:${trap}/loopback6.safetensors`, reason: NOT_ALLOWED },
  { label: "IPv4-mapped IPv6 loopback", url: (trap) => `http://[::ffff:127.0.0.1]:${trap}/mapped.safetensors`, reason: NOT_ALLOWED },
  { label: "IPv6 unique local", url: () => "http://[fd12:3456::1]/ula.safetensors", reason: NOT_ALLOWED },
  { label: "IPv6 link-local", url: () => "http://[fe80::1]/linklocal6.safetensors", reason: NOT_ALLOWED },
  { label: "decimal IPv4", url: (trap) => `http://2130706433:${trap}/decimal.safetensors`, reason: NOT_ALLOWED },
  { label: "hex IPv4", url: (trap) => `http://0x7f000001:${trap}/hex.safetensors`, reason: NOT_ALLOWED },
  { label: "octal IPv4", url: (trap) => `http://0177.0.0.1:${trap}/octal.safetensors`, reason: NOT_ALLOWED },
  { label: "short IPv4", url: (trap) => `http://127.1:${trap}/short.safetensors`, reason: NOT_ALLOWED },
  { label: "an allowed name as user info", url: (trap) => `https://huggingface.co@127.0.0.1:${trap}/userinfo.safetensors`, reason: NOT_ALLOWED },
  { label: "file: scheme", url: () => "file:///etc/passwd-file.safetensors", reason: /file: links are not downloadable/ },
  { label: "ftp: scheme", url: () => "ftp://huggingface.co/ftp.safetensors", reason: /ftp: links are not downloadable/ },
  { label: "gopher: scheme at loopback", url: (trap) => `gopher://127.0.0.1:${trap}/_gopher.safetensors`, reason: /gopher: links are not downloadable/ },
  // A name the operator allowed (a local mirror, say) that is loopback: the private-range ban still refuses it.
  { label: "allowed name resolving to loopback", url: (trap) => `http://localhost:${trap}/dns-loopback.safetensors`, reason: /private or loopback/, ban: true },
];

const REDIRECT_CASES: RedirectCase[] = [
  {
    label: "redirect into loopback",
    location: (trap) => `http://127.0.0.1:${trap}/redirected.safetensors`,
    reason: /Refusing to fetch from 127\.0\.0\.1:\d+: it is not in the allowed hosts/,
  },
  {
    label: "redirect into link-local metadata",
    location: () => "http://169.254.169.254/latest/meta-data/",
    reason: /Refusing to fetch from 169\.254\.169\.254: it is not in the allowed hosts/,
  },
  { label: "redirect into 10/8", location: () => "http://10.1.2.3/x", reason: /Refusing to fetch from 10\.1\.2\.3/ },
  { label: "redirect to file:", location: () => "file:///etc/passwd", reason: /Refusing file: URL/ },
  {
    label: "redirect into an allowed name resolving to loopback",
    location: (trap) => `http://localhost:${trap}/redirected-dns.safetensors`,
    reason: /Refusing to fetch from localhost:\d+: it resolves to a private or loopback address/,
    ban: true,
  },
];

const redirectFile = (index: number) => `redirect-${index}.safetensors`;
const urlName = (index: number) => `hostile-url-${index}.safetensors`;
const nameFile = (name: string) => name.slice(Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1);

/** Good models: two stored through LFS (served by the storage host) and one kept in git (served by the Hub itself). */
const GOOD = [
  { name: "good-checkpoint.safetensors", type: "CheckpointLoaderSimple", widgets: (name: string) => [name] },
  { name: "good-lora.safetensors", type: "LoraLoader", widgets: (name: string) => [name, 1, 1] },
];
const GOOD_IN_GIT = "good-in-git.safetensors";

describe("hostile input", () => {
  const database = useTestDatabase();
  const admin = useTestAccount(database, "admin");
  let sim: UpstreamSim;
  let trap: LoopbackTrap;
  let scratch: string;
  let outside: string;
  const runs: Array<{ mode: string; outcome: Pick<RunOutcome, "models" | "crashed">; cases: string[]; changes: string[] }> = [];

  const node = (type: string, widgets: unknown[], models?: Array<{ name: string; url: string; directory: string }>) => ({
    type,
    widgets,
    ...(models ? { models } : {}),
  });

  beforeAll(async () => {
    scratch = realpathSync(await mkdtemp(join(tmpdir(), "cf-hostile-")));
    outside = join(scratch, "outside");
    await mkdir(join(outside, "keep"), { recursive: true });
    await writeFile(join(outside, "keep", "sentinel.txt"), "nothing may appear beside me");
    // A symlink inside the models root that points out of it.
    await mkdir(join(scratch, "models", "checkpoints"), { recursive: true });
    await symlink(outside, join(scratch, "models", "checkpoints", "escape"));
    trap = await startLoopbackTrap();
    const files = [
      ...GOOD.map((good) => good.name),
      GOOD_IN_GIT,
      ...NAME_CASES.map((entry) => nameFile(entry.name({ outside }))).filter((file) => !/[\0-\u001f]/.test(file) && file.length < 200),
      ...REDIRECT_CASES.map((_, index) => redirectFile(index)),
    ];
    sim = await startUpstreamSim({
      catalogue: {
        civitai: { models: [] },
        huggingface: {
          repos: [{ id: REPO, files: files.map((path) => ({ path, size: 40 * KiB + path.length, ...(path === GOOD_IN_GIT ? { lfs: false } : {}) })) }],
        },
      },
    });
  });
  afterAll(async () => {
    const inputs = runs.reduce((sum, run) => sum + run.cases.length, 0);
    // Kept out: refused or failed on its model, or not taken for a file name at all; never installed.
    const keptOut = (run: (typeof runs)[number]) =>
      run.cases.filter((name) => run.outcome.models.find((model) => model.name === name)?.status !== "installed").length;
    const refused = runs.reduce((sum, run) => sum + keptOut(run), 0);
    recordFigures({
      suite: "hostile input",
      trials: runs.length,
      faults: refused,
      inputs,
      crashes: runs.filter((run) => run.outcome.crashed).length,
      corruptFiles: runs.reduce((sum, run) => sum + run.changes.length, 0),
      duplicateDownloads: 0,
      note: `${trap?.connections ?? "?"} connections reached the loopback stand-in for a private target`,
    });
    await sim?.close();
    await trap?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  /** One workflow: the good models and the hostile cases of this mode, as loader inputs and templates' links. */
  function hostileWorkflow(ban: boolean): { text: string; cases: string[] } {
    const nodes = [];
    const cases: string[] = [];
    if (!ban)
      for (const good of GOOD)
        nodes.push(
          node(good.type, good.widgets(good.name), [
            { name: good.name, url: hubUrl(good.name), directory: good.type === "LoraLoader" ? "loras" : "checkpoints" },
          ]),
        );
    nodes.push(node("CheckpointLoaderSimple", [GOOD_IN_GIT], [{ name: GOOD_IN_GIT, url: hubUrl(GOOD_IN_GIT), directory: "checkpoints" }]));
    if (!ban) {
      for (const entry of NAME_CASES) {
        const name = entry.name({ outside });
        cases.push(name);
        const link = { name, url: hubUrl(nameFile(name)), directory: entry.folder ?? "checkpoints" };
        // A folder a template names is only read for a node ComfyFixer does not know.
        nodes.push(entry.folder ? node("HostileCustomLoader", [name], [link]) : node("CheckpointLoaderSimple", [name], [link]));
      }
    }
    URL_CASES.forEach((entry, index) => {
      if (Boolean(entry.ban) !== ban) return;
      cases.push(urlName(index));
      nodes.push(node("CheckpointLoaderSimple", [urlName(index)], [{ name: urlName(index), url: entry.url(trap.port), directory: "checkpoints" }]));
    });
    // The "Load LoRA From URL" node takes its file name from the URL: an encoded traversal decodes to a climb.
    if (!ban) {
      cases.push("../../outside/evil-from-url.safetensors");
      nodes.push(node("Load LoRA From URL", [`https://huggingface.co/${REPO}/resolve/main/..%2F..%2Foutside%2Fevil-from-url.safetensors`]));
    }
    REDIRECT_CASES.forEach((entry, index) => {
      if (Boolean(entry.ban) !== ban) return;
      cases.push(redirectFile(index));
      sim.addFault({
        server: "hf",
        pathIncludes: `/resolve/main/${redirectFile(index)}`,
        kind: "status",
        status: 302,
        headers: { Location: entry.location(trap.port) },
        times: 100,
      });
      nodes.push(
        node("CheckpointLoaderSimple", [redirectFile(index)], [{ name: redirectFile(index), url: hubUrl(redirectFile(index)), directory: "checkpoints" }]),
      );
    });

    return { text: uiWorkflow(nodes), cases };
  }

  async function hostileRun(mode: "test policy" | "private ban") {
    const ban = mode === "private ban";
    const { text, cases } = hostileWorkflow(ban);
    const workflow = join(scratch, `hostile-${ban ? "ban" : "test"}.json`);
    await writeFile(workflow, text);
    const models = join(scratch, "models");
    const skip = [models, join(scratch, "cache")];
    if (ban) await rm(join(models, "checkpoints", GOOD_IN_GIT));
    const before = await snapshotTree(scratch, skip);
    const env = { ...simEnv(sim), COMFYFIXER_CACHE_DIR: join(scratch, "cache"), ...(ban ? { COMFYFIXER_ALLOW_PRIVATE_NETWORKS: "0" } : {}) };
    const outcome = await runJson([workflow, "--models-dir", models], env);
    const changes = treeChanges(before, await snapshotTree(scratch, skip)).filter((change) => !change.startsWith(relative(scratch, workflow)));
    runs.push({ mode, outcome, cases, changes });
    return { outcome, cases, changes, models };
  }

  const byName = (outcome: RunOutcome, name: string): ReportModel => {
    const model = outcome.models.find((candidate) => candidate.name === name);
    if (!model) throw new Error(`The report has no model "${JSON.stringify(name).slice(0, 80)}": ${outcome.stderr.slice(0, 2000)}`);
    return model;
  };

  async function expectGoodInstalled(outcome: RunOutcome, names: string[], models: string) {
    for (const name of names) {
      const model = byName(outcome, name);
      expect(model, name).toMatchObject({ status: "installed" });
      expect(relative(models, model.path!).startsWith(".."), model.path!).toBe(false);
      expect(await sha256Of(model.path!)).toBe(sim.fileInfo(name).sha256);
    }
  }

  it("with the tests' policy (private networks allowed for the simulator), refuses every hostile name and link on its own model and installs the good ones", async () => {
    const { outcome, changes, models } = await hostileRun("test policy");
    expect(outcome.crashed, outcome.stderr).toBe(false);
    expect(outcome.code).toBe(3);
    await expectGoodInstalled(outcome, [...GOOD.map((good) => good.name), GOOD_IN_GIT], models);

    for (const entry of NAME_CASES) {
      const name = entry.name({ outside });
      if (entry.expect === "ignored") {
        expect(
          outcome.models.some((model) => model.name === name),
          entry.label,
        ).toBe(false);
        continue;
      }
      const model = byName(outcome, name);
      if (entry.expect === "refused") {
        expect(model.status, entry.label).toBe("refused");
        expect(reasonOf(model), entry.label).toMatch(entry.reason);
      } else {
        expect(model.status, entry.label).toBe("installed");
        expect(relative(join(models, "checkpoints"), model.path!), entry.label).toBe(name);
      }
    }
    expect(byName(outcome, "../../outside/evil-from-url.safetensors")).toMatchObject({ status: "refused" });
    URL_CASES.forEach((entry, index) => {
      if (entry.ban) return;
      const model = byName(outcome, urlName(index));
      expect(model.status, entry.label).toBe("failed");
      expect(reasonOf(model), entry.label).toMatch(entry.reason);
    });
    REDIRECT_CASES.forEach((entry, index) => {
      if (entry.ban) return;
      const model = byName(outcome, redirectFile(index));
      expect(model.status, entry.label).toBe("failed");
      expect(reasonOf(model), entry.label).toMatch(entry.reason);
    });
    expect(changes, "files appeared or changed outside the models root").toEqual([]);
    expect(trap.connections, "connections that reached the loopback stand-in").toBe(0);
  });

  it("with the private-range ban on (as shipped), refuses an allowed name that resolves to loopback, on the link and after a redirect", async () => {
    const { outcome, changes, models } = await hostileRun("private ban");
    expect(outcome.crashed, outcome.stderr).toBe(false);
    expect(outcome.code).toBe(3);
    // The Hub serves a file kept in git itself (no storage host), so it installs under the ban.
    await expectGoodInstalled(outcome, [GOOD_IN_GIT], models);
    URL_CASES.forEach((entry, index) => {
      if (!entry.ban) return;
      const model = byName(outcome, urlName(index));
      expect(model.status, entry.label).toBe("failed");
      expect(reasonOf(model), entry.label).toMatch(entry.reason);
    });
    REDIRECT_CASES.forEach((entry, index) => {
      if (!entry.ban) return;
      const model = byName(outcome, redirectFile(index));
      expect(model.status, entry.label).toBe("failed");
      expect(reasonOf(model), entry.label).toMatch(entry.reason);
    });
    expect(changes).toEqual([]);
    expect(trap.connections).toBe(0);
  });

  it("through the worker's run (the dashboard's path), refuses the same names and links on their own models and installs the good ones", async () => {
    const root = join(scratch, "worker-models");
    await mkdir(join(root, "checkpoints"), { recursive: true });
    await symlink(outside, join(root, "checkpoints", "escape"));
    const env = database.env(simEnv(sim));
    const caller = createCaller(createContextInner({ db: database.db, queue: { enqueueRun: async () => undefined }, env, actor: admin.actor }));
    await caller.settings.update({ paths: { models_roots: [root] } });
    const { text, cases } = hostileWorkflow(false);
    const skip = [join(scratch, "models"), root, join(scratch, "cache")];
    const before = await snapshotTree(scratch, skip);
    const { id } = await caller.runs.create({ modelsRoot: root, workflows: [{ fileName: "hostile.json", content: text, encoding: "utf8" }] });
    let crashed = false;
    const logs: string[] = [];
    await runTask(
      { runId: id },
      { db: database.db, env, workerId: "hostile-worker", shutdown: new AbortController().signal, log: (line) => void logs.push(line) },
    ).catch((error: unknown) => {
      crashed = true;
      logs.push(String(error));
    });
    const run = await caller.runs.get({ id });
    const models: ReportModel[] = run.models.map((model) => ({ ...model, path: model.targetPath }));
    const changes = treeChanges(before, await snapshotTree(scratch, skip));
    runs.push({ mode: "worker", outcome: { models, crashed: crashed || run.status === "failed" }, cases, changes });

    expect(crashed, logs.join("\n")).toBe(false);
    expect(run.status, `${JSON.stringify((run as { error?: unknown }).error)} ${logs.join("\n")}`).not.toBe("failed");
    // PostgreSQL cannot keep a NUL: the stored name shows it as U+FFFD.
    const byWorker = (name: string) => models.find((model) => model.name === storable(name));
    for (const good of [...GOOD.map((entry) => entry.name), GOOD_IN_GIT]) {
      expect(byWorker(good)?.status, good).toBe("installed");
      expect(await sha256Of(byWorker(good)!.path!)).toBe(sim.fileInfo(good).sha256);
    }
    for (const entry of NAME_CASES.filter((candidate) => candidate.expect === "refused")) {
      const model = byWorker(entry.name({ outside }));
      expect(model?.status, entry.label).toBe("refused");
      expect(reasonOf(model!), entry.label).toMatch(entry.reason);
    }
    URL_CASES.forEach((entry, index) => {
      if (entry.ban) return;
      expect(byWorker(urlName(index))?.status, entry.label).toBe("failed");
      expect(reasonOf(byWorker(urlName(index))!), entry.label).toMatch(entry.reason);
    });
    expect(changes).toEqual([]);
    expect(trap.connections).toBe(0);
  });

  it("feeds at least 30 hostile names and links", () => {
    expect(runs.reduce((sum, run) => sum + run.cases.length, 0)).toBeGreaterThanOrEqual(30);
  });
});
