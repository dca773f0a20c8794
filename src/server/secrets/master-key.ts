// The server's one secret: COMFYFIXER_SECRET_KEY, or else a key file created once (mode 0600) under .data/.
// Every other key is derived from it (HKDF), one per purpose, so a single value moves between machines.
import { randomBytes, hkdfSync } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export type SecretKeySource = { kind: "env"; value: string } | { kind: "file"; path: string };

/** What each derived key is for; changing a label makes every value sealed with the old key unreadable. */
export type KeyPurpose = "api-tokens" | "sessions";

const KEY_FILE_BYTES = 32;
const cachedFiles = new Map<string, Buffer>();

function readKeyFile(path: string): Buffer {
  const key = Buffer.from(readFileSync(path, "utf8").trim(), "base64");
  if (key.length !== KEY_FILE_BYTES) {
    throw new Error(
      `${path} is not a ComfyFixer key file (it should hold ${KEY_FILE_BYTES} random bytes in base64). Restore it from a backup, ` +
        "or delete it to make a new one: saved API tokens then have to be entered again and everyone signs in again.",
    );
  }
  return key;
}

/** Creates the key file if it is missing; two processes starting at once end up with the same key. */
function keyFromFile(path: string): Buffer {
  const cached = cachedFiles.get(path);
  if (cached) return cached;
  let key: Buffer;
  try {
    key = readKeyFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const draft = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`;
    writeFileSync(draft, randomBytes(KEY_FILE_BYTES).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
    try {
      // link() fails when the file exists: whoever links first wins, and everyone reads the winner's key.
      linkSync(draft, path);
    } catch (linkError) {
      if ((linkError as NodeJS.ErrnoException).code !== "EEXIST") throw linkError;
    } finally {
      unlinkSync(draft);
    }
    key = readKeyFile(path);
  }
  cachedFiles.set(path, key);
  return key;
}

export function masterKey(source: SecretKeySource): Buffer {
  return source.kind === "env" ? Buffer.from(source.value, "utf8") : keyFromFile(source.path);
}

/** A 32-byte key for one purpose. */
export function derivedKey(source: SecretKeySource, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync("sha256", masterKey(source), Buffer.alloc(0), `comfyfixer/${purpose}`, 32));
}
