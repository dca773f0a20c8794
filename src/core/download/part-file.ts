// The `.part` file beside a target and the small note that says how much of it can be resumed.
import { readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import type { Hasher, HashHandle } from "../hashing/hasher";

/** How far a ranged download got: bytes [0, validBytes) of the .part are right and were hashed in order. */
export type ResumePoint = {
  validBytes: number;
  total: number;
  validator: string | null;
  /** The running hash of the valid prefix, when this process still holds it (saves re-reading the prefix). */
  hash?: { handle: HashHandle; bytes: number };
};

type ResumeNote = { validBytes: number; total: number; validator: string | null };

export const partPathOf = (targetPath: string) => `${targetPath}.part`;
const notePathOf = (targetPath: string) => `${targetPath}.part.resume`;

export async function readResumePoint(targetPath: string): Promise<ResumePoint | null> {
  try {
    const note = JSON.parse(await readFile(notePathOf(targetPath), "utf8")) as ResumeNote;
    const { size } = await stat(partPathOf(targetPath));
    const sane =
      Number.isSafeInteger(note.validBytes) && Number.isSafeInteger(note.total) && note.validBytes > 0 && note.validBytes <= Math.min(size, note.total);
    return sane ? { validBytes: note.validBytes, total: note.total, validator: note.validator ?? null } : null;
  } catch {
    return null;
  }
}

export async function writeResumePoint(targetPath: string, point: ResumePoint): Promise<void> {
  const note: ResumeNote = { validBytes: point.validBytes, total: point.total, validator: point.validator };
  const notePath = notePathOf(targetPath);
  await writeFile(`${notePath}.tmp`, JSON.stringify(note));
  await rename(`${notePath}.tmp`, notePath);
}

export async function removePart(targetPath: string): Promise<void> {
  await Promise.all([rm(partPathOf(targetPath), { force: true }), rm(notePathOf(targetPath), { force: true })]);
}

export async function removeResumeNote(targetPath: string): Promise<void> {
  await rm(notePathOf(targetPath), { force: true });
}

/** A hash of the first `point.validBytes` bytes: continued from memory when it matches, else re-read from the .part. */
export async function prefixHash(hasher: Hasher, partPath: string, point: ResumePoint, signal: AbortSignal): Promise<HashHandle> {
  if (point.hash && point.hash.bytes === point.validBytes) return hasher.copy(point.hash.handle);
  const handle = hasher.create();
  await hasher.hashRange(handle, partPath, 0, point.validBytes, { signal });
  return handle;
}
