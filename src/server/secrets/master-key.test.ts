import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { derivedKey, masterKey } from "./master-key";

describe("the server's secret key", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "cf-key-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("is created once, readable only by its owner, and read back the same", async () => {
    const path = join(dir, ".data", "secret.key");
    const key = masterKey({ kind: "file", path });
    expect(key).toHaveLength(32);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(path, "utf8")).trim(), "base64").equals(key)).toBe(true);
  });

  it("is the same for processes that start at once and race to create it", async () => {
    const path = join(dir, "secret.key");
    const script = `import { masterKey } from ${JSON.stringify(new URL("./master-key.ts", import.meta.url).pathname)}; process.stdout.write(masterKey({ kind: "file", path: ${JSON.stringify(path)} }).toString("hex"));`;
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script]);
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
        child.on("error", reject);
        child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
      });
    const keys = await Promise.all([run(), run(), run(), run()]);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toHaveLength(64);
  });

  it("refuses a key file that is not one, and says what to do", async () => {
    const path = join(dir, "secret.key");
    await writeFile(path, "hello");
    expect(() => masterKey({ kind: "file", path })).toThrow(/not a ComfyFixer key file.*delete it/);
  });

  it("gives each purpose its own key, the same on every machine with the same COMFYFIXER_SECRET_KEY", () => {
    const source = { kind: "env", value: "a-team-wide-secret-of-at-least-32-chars" } as const;
    const tokens = derivedKey(source, "api-tokens");
    expect(tokens).toHaveLength(32);
    expect(tokens.equals(derivedKey(source, "sessions"))).toBe(false);
    expect(tokens.equals(derivedKey({ ...source }, "api-tokens"))).toBe(true);
  });
});
