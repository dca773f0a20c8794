// A real small disk for the disk-full suite: a tmpfs of a given size mounted on a temporary folder, so statfs reports
// its true free space and writes past its end fail with ENOSPC, as on a full models volume. Needs the right to mount
// (root here); without it the suite is skipped with the reason.
import { execFile } from "node:child_process";
import { open, rm, statfs } from "node:fs/promises";
import { promisify } from "node:util";

const run = promisify(execFile);

export type SmallDisk = {
  path: string;
  /** Bytes free as statfs reports them to an unprivileged writer (what the download engine reads). */
  freeBytes(): Promise<number>;
  /** Writes a file until the disk refuses with ENOSPC; returns how many bytes went in. */
  fill(filePath: string): Promise<number>;
  unmount(): Promise<void>;
};

export type SmallDiskOrReason = { disk: SmallDisk; skipped?: undefined } | { disk?: undefined; skipped: string };

export async function mountSmallDisk(path: string, sizeBytes: number): Promise<SmallDiskOrReason> {
  try {
    await run("mount", ["-t", "tmpfs", "-o", `size=${Math.ceil(sizeBytes / 1024)}k,mode=0777`, "tmpfs", path]);
  } catch (error) {
    const reason = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    return { skipped: `cannot mount a small tmpfs here (${reason}); run as root, or where mount is allowed, to test a full disk` };
  }
  const disk: SmallDisk = {
    path,
    async freeBytes() {
      const stats = await statfs(path);
      return stats.bavail * stats.bsize;
    },
    async fill(filePath) {
      const chunk = Buffer.alloc(1024 * 1024, 0x5a);
      const file = await open(filePath, "w");
      let written = 0;
      try {
        // A write the disk takes only part of is followed by one that fails with ENOSPC.
        for (;;) written += (await file.write(chunk, 0, chunk.length, written)).bytesWritten;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
      } finally {
        await file.close();
      }
      return written;
    },
    async unmount() {
      await run("umount", [path]).catch(() => run("umount", ["-l", path]));
      await rm(path, { recursive: true, force: true });
    },
  };
  return { disk };
}
