import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { projectRoot } from "../../core/config/project-root";
import { main } from "../main";

const run = promisify(execFile);

type Result = { code: number; stdout: string; stderr: string };

async function comfyfixer(args: string[], env: Record<string, string>): Promise<Result> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(projectRoot(), "bin", "comfyfixer.mjs"), ...args], {
      env: { ...process.env, COMFYUI_MODELS_DIR: "", ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Runs the CLI in this process (much faster than a child under tsx), capturing what it prints. */
async function comfyfixerInProcess(args: string[], env: Record<string, string>): Promise<Result> {
  const output = { stdout: "", stderr: "" };
  const saved = { ...process.env };
  Object.assign(process.env, { COMFYUI_MODELS_DIR: "", ...env });
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((output.stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((output.stderr += String(chunk)), true));
  try {
    return { code: await main(args), ...output };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.env = saved;
  }
}

describe("comfyfixer inventory", () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cf-cli-inventory-"));
    const files: Record<string, string> = {
      "models/checkpoints/base.safetensors": "0123456789",
      "models/checkpoints/old/base copy.safetensors": "0123456789",
      "models/loras/style.safetensors": "style",
    };
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    env = { COMFYFIXER_CACHE_DIR: join(dir, "cache") };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("lists folders with counts and sizes (through the real comfyfixer command)", async () => {
    const result = await comfyfixer(["inventory", "--models-dir", join(dir, "models")], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/checkpoints\s+2 files\s+20 B/);
    expect(result.stdout).toMatch(/loras\s+1 files\s+5 B/);
    expect(result.stdout).toContain("Total: 3 files, 25 B");
  });

  it("a local scan never loads the HTTP stack, nor the YAML parser when there is no extra_model_paths.yaml", async () => {
    // Every CommonJS module the command loads, noted at exit: undici (the HTTP client) and yaml are CommonJS packages.
    const probe = [
      'const Module = require("node:module"); const loaded = new Set(); const load = Module._load;',
      "Module._load = function (request, ...rest) { loaded.add(request); return load.call(this, request, ...rest); };",
      'process.on("exit", () => process.stderr.write("LOADED " + JSON.stringify([...loaded]) + "\\n"));',
      // One load of our own, so the list shows the probe works.
      'require("node:os");',
      `process.argv.splice(1, 0, ${JSON.stringify(join(projectRoot(), "bin", "comfyfixer.mjs"))});`,
      `import(${JSON.stringify(join(projectRoot(), "bin", "comfyfixer.mjs"))});`,
    ].join("\n");
    const { stderr } = await run(process.execPath, ["-e", probe, "inventory", "--models-dir", join(dir, "models")], { env: { ...process.env, ...env } });
    const loaded = JSON.parse(/LOADED (.*)/.exec(stderr)![1]!) as string[];
    expect(loaded).toContain("node:os");
    // Neither the HTTP client nor the YAML parser (there is no extra_model_paths.yaml here) is loaded.
    expect(loaded.filter((request) => request.includes("undici") || request.includes("yaml"))).toEqual([]);
  });

  it("hashes with --hash, then answers the second run from the cache, and shows duplicates", async () => {
    const first = await comfyfixerInProcess(["inventory", "--hash"], { ...env, COMFYUI_MODELS_DIR: join(dir, "models") });
    expect(first.stdout).toContain("Hashes: 3 files hashed (25 B), 0 from cache");
    expect(first.stdout).toContain("Duplicates: 1 groups, 10 B wasted");
    expect(first.stdout).toContain(join(dir, "models/checkpoints/old/base copy.safetensors"));
    const second = await comfyfixerInProcess(["inventory", "--hash", "--models-dir", join(dir, "models")], env);
    expect(second.stdout).toContain("Hashes: 0 files hashed (0 B), 3 from cache");
  });

  it("prints JSON with hashes and AutoV2", async () => {
    const result = await comfyfixerInProcess(["inventory", "--json", "--hash", "--models-dir", join(dir, "models")], env);
    const report = JSON.parse(result.stdout) as { files: Array<{ relativePath: string; sha256: string; autoV2: string }>; hashing: { cached: number } };
    const style = report.files.find((file) => file.relativePath === "style.safetensors")!;
    expect(style.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(style.autoV2).toBe(style.sha256.slice(0, 10).toUpperCase());
    expect(report.hashing.cached).toBe(3);
  });

  it("is a usage error without a models folder", async () => {
    const result = await comfyfixer(["inventory"], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("No models folder");
  });
});
