// Values kept encrypted at rest (AES-256-GCM), bound to the name they are stored under so rows cannot be swapped.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const FORMAT = "v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretKeyMismatchError extends Error {
  constructor(name: string) {
    super(
      `The saved ${name} cannot be decrypted with this server's secret key. Every machine sharing the database needs the same ` +
        "COMFYFIXER_SECRET_KEY (or a copy of .data/secret.key from the first one); or enter the value again on the settings page.",
    );
    this.name = "SecretKeyMismatchError";
  }
}

export function sealSecret(key: Buffer, name: string, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(name, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return FORMAT + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}

/** Whether a stored value is sealed (values saved before encryption are plain text). */
export const isSealed = (stored: string) => stored.startsWith(FORMAT);

export function openSecret(key: Buffer, name: string, sealed: string): string {
  const bytes = Buffer.from(sealed.slice(FORMAT.length), "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(name, "utf8"));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretKeyMismatchError(name);
  }
}
