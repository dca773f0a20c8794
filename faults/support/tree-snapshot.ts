// Every entry below a folder (not following symlinks), so a test can show that nothing appeared or changed there.
import { lstat, readdir, readlink } from "node:fs/promises";
import { join, relative } from "node:path";

/** path → "file <size> <mtime>" | "dir" | "link → <target>", for every entry below `root` except the `skip` folders. */
export async function snapshotTree(root: string, skip: string[] = []): Promise<Map<string, string>> {
  const entries = new Map<string, string>();
  const walk = async (dir: string) => {
    for (const name of await readdir(dir)) {
      const path = join(dir, name);
      if (skip.includes(path)) continue;
      const stats = await lstat(path);
      const key = relative(root, path);
      if (stats.isSymbolicLink()) entries.set(key, `link → ${await readlink(path)}`);
      else if (stats.isDirectory()) {
        entries.set(key, "dir");
        await walk(path);
      } else entries.set(key, `file ${stats.size} ${stats.mtimeMs}`);
    }
  };
  await walk(root);
  return entries;
}

/** The entries added, removed or changed between two snapshots. */
export function treeChanges(before: Map<string, string>, after: Map<string, string>): string[] {
  const changes: string[] = [];
  for (const [path, entry] of after) if (before.get(path) !== entry) changes.push(`${path}: ${before.get(path) ?? "absent"} → ${entry}`);
  for (const [path, entry] of before) if (!after.has(path)) changes.push(`${path}: ${entry} → removed`);
  return changes;
}
