// Upstream faults through a real run: each fault the real services and their storage produce, injected into the
// simulator under one model of a `comfyfixer run` while another model of the same run downloads beside it. Each case
// says what the real service does (and where that is documented) and the outcome and message a user must get.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { existsSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simEnv } from "../src/test/sim-env";
import { cloudflareChallenge, KiB, startUpstreamSim, uiWorkflow, type SimCatalogue, type SimFault, type UpstreamSim } from "../src/test/sim";
import { recordFigures } from "./figures";
import { reasonOf, runJson, sha256Of, type ReportModel, type RunOutcome } from "./support/cli-report";

const REPO = "acme/weights";
const GATED_REPO = "acme/gated";
const HF_TOKEN = "hf_valid_token_for_the_fault_tier";
const FILE_SIZE = 600 * KiB;
const hubUrl = (repo: string, file: string) => `https://huggingface.co/${repo}/resolve/main/${file}`;
const civitaiUrl = (versionId: number) => `https://civitai.com/api/download/models/${versionId}`;

type Expected = { status: "installed" | "failed" | "needs_auth"; message: RegExp; resumed?: boolean };
type UpstreamCase = {
  fault: string;
  /** The faulted model's file; in acme/weights unless `repo` says otherwise. */
  file: string;
  repo?: string;
  /** Faults armed for this case (path filters are added: each case has its own file). */
  faults: SimFault[];
  env?: Record<string, string>;
  expect: Expected;
};

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
const fileFor = (fault: string) => `${slug(fault)}.safetensors`;
const CLOUDFLARE_VERSION = 501;
/** Each case's bystander: a Civitai file downloaded in the same run (Civitai treats an unknown key as anonymous). */
const bystanderVersion = (index: number) => 600 + index;
const bystanderFile = (index: number) => `bystander_${index}.safetensors`;

const CASES: UpstreamCase[] = [
  {
    // A dropped connection is transient: huggingface_hub's http_backoff retries requests.ConnectionError
    // (utils/_http.py), and storage honours Range for the rest (RFC 9110 §14.2), so the bytes received are kept.
    fault: "connection reset",
    file: fileFor("connection reset"),
    faults: [{ server: "storage", kind: "resetAt", byte: 200 * KiB }],
    expect: { status: "installed", message: /Connection failed \(|retrying/, resumed: true },
  },
  {
    // A 503 is transient (RFC 9110 §15.6.4); huggingface_hub's http_backoff retries exactly 503 by default.
    fault: "503 from storage",
    file: fileFor("503 from storage"),
    faults: [{ server: "storage", kind: "status", status: 503, times: 2 }],
    expect: { status: "installed", message: /answered 503 — retrying/ },
  },
  {
    fault: "5xx that never ends",
    file: fileFor("5xx that never ends"),
    faults: [{ server: "storage", kind: "status", status: 502, times: 100 }],
    expect: { status: "failed", message: /answered 502/ },
  },
  {
    // The Hub answers 429 with Retry-After and RateLimit "api";r=0;t=… (hub-docs rate-limits.md; huggingface_hub
    // _http.py honours them on a 429 with r=0); Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3).
    fault: "429 with Retry-After",
    file: fileFor("429 with Retry-After"),
    faults: [{ server: "hf", kind: "rateLimit", retryAfter: "1", hfRateLimitHeader: true }],
    expect: { status: "installed", message: /429/ },
  },
  {
    fault: "truncated body",
    file: fileFor("truncated body"),
    faults: [{ server: "storage", kind: "truncateAt", byte: 300 * KiB }],
    expect: { status: "installed", message: /Connection failed|retrying|short/i, resumed: true },
  },
  {
    fault: "wrong bytes once",
    file: fileFor("wrong bytes once"),
    faults: [{ server: "storage", kind: "wrongBytes" }],
    expect: { status: "installed", message: /downloading once more from scratch/ },
  },
  {
    fault: "wrong bytes every time",
    file: fileFor("wrong bytes every time"),
    faults: [{ server: "storage", kind: "wrongBytes", times: 10 }],
    expect: { status: "failed", message: /arrived with SHA-256 [0-9a-f]{64}, not the [0-9a-f]{64} the source published/ },
  },
  {
    // A captive portal or login page served as 200 text/html instead of the file.
    fault: "HTML page with 200",
    file: fileFor("HTML page with 200"),
    faults: [{ server: "storage", kind: "html200", times: 10 }],
    expect: { status: "failed", message: /sent a web page instead of the model file/ },
  },
  {
    // Civitai sits behind Cloudflare: "the Challenge Page response … will have the cf-mitigated header present and set
    // to challenge" (developers.cloudflare.com, cloudflare-challenges/challenge-types/challenge-pages/detect-response),
    // on a 403; a client without a JavaScript engine cannot pass it, so retrying is pointless.
    fault: "Cloudflare challenge",
    file: "cloudflared_v1.safetensors",
    faults: [cloudflareChallenge("civitai", `/api/download/models/${CLOUDFLARE_VERSION}`, 100)],
    expect: { status: "failed", message: /Cloudflare's bot check/ },
  },
  {
    // S3 and R2 check a presigned URL when a request arrives: past X-Amz-Expires, 403 "Request has expired"
    // (aws/aws-sdk-js#2306; cloudflare-docs PR #32436). The Hub's redirect hands out a fresh one (X-Amz-Expires=3600).
    fault: "presigned URL expires mid-resume",
    file: fileFor("presigned URL expires mid-resume"),
    faults: [{ server: "storage", kind: "expireAt", byte: 250 * KiB }],
    expect: { status: "installed", message: /link expired; continuing from a fresh one|expired/, resumed: true },
  },
  {
    // If-Range with a stale ETag gets the whole new file with 200 (RFC 9110 §13.1.5): the bytes kept are dropped.
    fault: "ETag change between resume attempts",
    file: fileFor("ETag change between resume attempts"),
    faults: [
      { server: "storage", kind: "truncateAt", byte: 200 * KiB },
      { server: "storage", kind: "changeEtag", skip: 1 },
    ],
    expect: { status: "installed", message: /sent the whole file for a range request \(it changed upstream/ },
  },
  {
    // A gated file without a token: the Hub answers 401 X-Error-Code GatedRepo (huggingface_hub _http.py).
    fault: "gated repo, no token",
    file: "gated_model.safetensors",
    repo: GATED_REPO,
    faults: [],
    env: { HF_TOKEN: "" },
    expect: { status: "needs_auth", message: /is gated: accept its license at .* and set HF_TOKEN/ },
  },
  {
    // A token whose holder has not accepted the license: 403 GatedRepo "not in the authorized list".
    fault: "gated repo, license not accepted",
    file: "gated_unaccepted.safetensors",
    repo: `${GATED_REPO}-unaccepted`,
    faults: [],
    expect: { status: "needs_auth", message: /is gated and this token has no access yet: accept the license/ },
  },
  {
    // An invalid or expired token is refused with 401 "Invalid credentials in Authorization header" even on public
    // repos (huggingface_hub#1124); Civitai treats an unknown key as anonymous, so the bystander still downloads.
    fault: "invalid token",
    file: fileFor("invalid token"),
    faults: [],
    env: { HF_TOKEN: "hf_expired_or_revoked" },
    expect: { status: "needs_auth", message: /token was refused \(invalid or expired|rejected HF_TOKEN \(invalid or expired\)/ },
  },
  {
    fault: "stalled server",
    file: fileFor("stalled server"),
    faults: [{ server: "storage", kind: "stall", afterByte: 150 * KiB, ms: 8_000 }],
    expect: { status: "installed", message: /No progress|retrying/, resumed: true },
  },
];

function catalogue(): SimCatalogue {
  const weights = CASES.filter((entry) => !entry.repo).map((entry) => ({ path: entry.file, size: FILE_SIZE + entry.file.length }));
  return {
    civitai: {
      models: [
        {
          id: 50,
          name: "Cloudflared",
          type: "Checkpoint",
          modelVersions: [
            { id: CLOUDFLARE_VERSION, name: "v1", baseModel: "SDXL 1.0", files: [{ id: 5011, name: "cloudflared_v1.safetensors", size: FILE_SIZE }] },
          ],
        },
        ...CASES.map((_, index) => ({
          id: 100 + index,
          name: `Bystander ${index}`,
          type: "Checkpoint" as const,
          modelVersions: [
            {
              id: bystanderVersion(index),
              name: "v1",
              baseModel: "SDXL 1.0",
              files: [{ id: bystanderVersion(index) * 10, name: bystanderFile(index), size: 200 * KiB + index }],
            },
          ],
        })),
      ],
    },
    huggingface: {
      repos: [
        { id: REPO, files: weights },
        { id: GATED_REPO, gated: "manual", files: [{ path: "gated_model.safetensors", size: FILE_SIZE }] },
        { id: `${GATED_REPO}-unaccepted`, gated: "manual", licenseAccepted: false, files: [{ path: "gated_unaccepted.safetensors", size: FILE_SIZE }] },
      ],
    },
  };
}

type CaseResult = {
  entry: UpstreamCase;
  outcome: RunOutcome;
  faulted: ReportModel | undefined;
  bystander: ReportModel | undefined;
  corrupt: number;
  duplicate: number;
};

describe("upstream faults", () => {
  let sim: UpstreamSim;
  let scratch: string;
  const results: CaseResult[] = [];

  beforeAll(async () => {
    sim = await startUpstreamSim({ catalogue: catalogue(), hfToken: HF_TOKEN });
    scratch = realpathSync(await mkdtemp(join(tmpdir(), "cf-upstream-")));
    // A short no-progress watchdog so the stalled server costs seconds, not the default minute.
    await writeFile(join(scratch, "settings.toml"), "[download]\ndownload_timeout = 2\nretries = 3\n");
  });
  afterAll(async () => {
    recordFigures({
      suite: "upstream faults",
      trials: results.length,
      faults: results.reduce((sum, result) => sum + result.entry.faults.length + (result.entry.env ? 1 : 0) + (result.entry.repo ? 1 : 0), 0),
      inputs: results.length * 2,
      crashes: results.filter((result) => result.outcome.crashed).length,
      corruptFiles: results.reduce((sum, result) => sum + result.corrupt, 0),
      duplicateDownloads: results.reduce((sum, result) => sum + result.duplicate, 0),
      note: `${results.filter((result) => result.faulted?.status === result.entry.expect.status).length} of ${results.length} with the expected outcome; bystanders installed in ${results.filter((result) => result.bystander?.status === "installed").length}`,
    });
    await sim?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  /** A file in place must be the published bytes; a failed model leaves nothing under its final name. */
  async function corruptFiles(model: ReportModel | undefined, published: string): Promise<number> {
    if (!model?.path || !existsSync(model.path)) return 0;
    return (await sha256Of(model.path)) === published ? 0 : 1;
  }

  /** Storage GETs of this file that asked for it from byte zero: more than one means the bytes kept were not resumed. */
  const fromZero = (file: string) =>
    sim.requests.filter(
      (request) =>
        request.server === "storage" &&
        request.method === "GET" &&
        request.path.includes(encodeURIComponent(file)) &&
        (!request.headers.range || /^bytes=0-/.test(request.headers.range)),
    ).length;

  // Each case has its own files, so its faults (filtered by path) touch nothing else: the cases run side by side.
  it.concurrent.each(CASES.map((entry, index) => [entry.fault, entry, index] as const))("%s", async (_, entry, index) => {
    const repo = entry.repo ?? REPO;
    const models = join(scratch, `models-${index}`);
    const workflow = join(scratch, `${slug(entry.fault)}.json`);
    const link = entry.fault === "Cloudflare challenge" ? civitaiUrl(CLOUDFLARE_VERSION) : hubUrl(repo, entry.file);
    await writeFile(
      workflow,
      uiWorkflow([
        { type: "CheckpointLoaderSimple", widgets: [entry.file], models: [{ name: entry.file, url: link, directory: "checkpoints" }] },
        {
          type: "CheckpointLoaderSimple",
          widgets: [bystanderFile(index)],
          models: [{ name: bystanderFile(index), url: civitaiUrl(bystanderVersion(index)), directory: "checkpoints" }],
        },
      ]),
    );
    for (const fault of entry.faults) sim.addFault({ pathIncludes: fault.pathIncludes ?? encodeURIComponent(entry.file), ...fault });
    const env = { ...simEnv(sim), HF_TOKEN, COMFYFIXER_CACHE_DIR: join(scratch, `cache-${index}`), ...entry.env };
    const outcome = await runJson([workflow, "--models-dir", models, "--config", join(scratch, "settings.toml"), "--verbose"], env);
    const faulted = outcome.models.find((model) => model.name === entry.file);
    const bystander = outcome.models.find((model) => model.name === bystanderFile(index));
    const published =
      entry.fault === "Cloudflare challenge" ? sim.fileInfo("cloudflared_v1.safetensors").sha256 : sim.fileInfo({ hfRepo: repo, path: entry.file }).sha256;
    const corrupt = (await corruptFiles(faulted, published)) + (await corruptFiles(bystander, sim.fileInfo(bystanderFile(index)).sha256));
    const duplicate = entry.expect.resumed && fromZero(entry.file) > 1 ? 1 : 0;
    results.push({ entry, outcome, faulted, bystander, corrupt, duplicate });

    expect(outcome.crashed, outcome.stderr.slice(-3000)).toBe(false);
    expect(outcome.code).toBe(entry.expect.status === "installed" ? 0 : 3);
    expect(faulted?.status, reasonOf(faulted!) || outcome.stderr.slice(-3000)).toBe(entry.expect.status);
    const said = entry.expect.status === "installed" ? outcome.stderr : reasonOf(faulted!);
    expect(said).toMatch(entry.expect.message);
    expect(bystander?.status, reasonOf(bystander!)).toBe("installed");
    expect(corrupt).toBe(0);
    if (faulted?.status === "installed") expect(relative(models, faulted.path!).startsWith("..")).toBe(false);
    else expect(existsSync(join(models, "checkpoints", entry.file)), "a file under its final name after a failure").toBe(false);
    if (entry.expect.resumed) expect(fromZero(entry.file), "storage requests from byte zero").toBe(1);
  });
});
