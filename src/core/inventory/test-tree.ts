// Builds real folder trees on disk for the inventory tests.
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll } from "vitest";

/** A temporary folder removed when the test file ends; `file` and `link` create paths below it. */
export function tempTrees(prefix: string) {
  const made: string[] = [];
  afterAll(async () => {
    await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return {
    async create() {
      const root = await mkdtemp(join(tmpdir(), `cf-${prefix}-`));
      made.push(root);
      return {
        root,
        path: (...parts: string[]) => join(root, ...parts),
        async file(relativePath: string, content: string | Buffer = "") {
          const path = join(root, relativePath);
          await mkdir(dirname(path), { recursive: true });
          await writeFile(path, content);
          return path;
        },
        async dir(relativePath: string) {
          const path = join(root, relativePath);
          await mkdir(path, { recursive: true });
          return path;
        },
        async link(relativePath: string, target: string) {
          const path = join(root, relativePath);
          await mkdir(dirname(path), { recursive: true });
          await symlink(target, path);
          return path;
        },
      };
    },
  };
}
