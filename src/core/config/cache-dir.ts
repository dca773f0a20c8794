// Where the CLI keeps its caches (search answers, file hashes), and how a cache file is replaced safely.
import { mkdir, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

/** `COMFYFIXER_CACHE_DIR`, else `$XDG_CACHE_HOME/comfyfixer`, else `~/.cache/comfyfixer`. */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.COMFYFIXER_CACHE_DIR) return env.COMFYFIXER_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "comfyfixer");
}

/** Writes the JSON beside the file and renames it into place, so a crash never leaves half a file. */
export async function writeJsonAtomically(file: string, value: unknown): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(value));
  await rename(temporary, file);
}
