// Runs the real `comfyfixer` binary as a child process, the way a user does.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../core/config/project-root";

export type CliResult = { code: number | null; stdout: string; stderr: string };

/** `prefix` runs it through another command first, e.g. one that drops privileges. */
export function comfyfixer(args: string[], env: Record<string, string | undefined> = {}, options: { prefix?: string[] } = {}): Promise<CliResult> {
  const [command, ...commandArgs] = [...(options.prefix ?? []), process.execPath, join(projectRoot(), "bin", "comfyfixer.mjs"), ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(command!, commandArgs, {
      cwd: projectRoot(),
      env: { ...process.env, COMFYUI_MODELS_DIR: undefined, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
