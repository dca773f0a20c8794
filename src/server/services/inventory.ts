// The inventory page's report: the install's folders, duplicates (where hashes are known),
// files sitting in the wrong folder, and the free space left for downloads.
import { statfs } from "node:fs/promises";
import { z } from "zod";
import { buildInventory, findDuplicates, findLikelyDuplicates, locateModel, type DuplicateGroup, type Inventory } from "../../core/inventory";
import type { Db } from "../db/client";
import type { ServerEnv } from "../env";
import { AppError } from "../errors";
import { modelsRootFor } from "./models-root";
import { getSettings } from "./settings";

const InventoryFileViewSchema = z.object({ folder: z.string(), relativePath: z.string(), path: z.string(), size: z.number() });

export const InventoryReportSchema = z.object({
  modelsRoot: z.string(),
  scannedAt: z.date(),
  folders: z.array(z.object({ folder: z.string(), paths: z.array(z.string()), fileCount: z.number(), totalBytes: z.number() })),
  files: z.array(InventoryFileViewSchema),
  totals: z.object({ files: z.number(), bytes: z.number(), hashedFiles: z.number() }),
  duplicates: z.array(
    z.object({
      /** True when the copies share a SHA-256; false when only name and size match (not hashed yet). */
      confirmed: z.boolean(),
      sha256: z.string().nullable(),
      size: z.number(),
      wastedBytes: z.number(),
      files: z.array(InventoryFileViewSchema),
    }),
  ),
  misplaced: z.array(z.object({ name: z.string(), folder: z.string(), path: z.string(), expectedPath: z.string().nullable(), message: z.string().nullable() })),
  disk: z.object({ freeBytes: z.number(), totalBytes: z.number() }).nullable(),
  warnings: z.array(z.string()),
});
export type InventoryReport = z.infer<typeof InventoryReportSchema>;

/** Paths per hash lookup: PostgreSQL takes at most 65,535 bound parameters in one query. */
const HASH_LOOKUP_BATCH = 10_000;
/** How many distinct models recent runs asked for are checked for being in the wrong folder. */
const MISPLACED_CHECK_LIMIT = 2_000;

type FileView = z.infer<typeof InventoryFileViewSchema>;
const toFileView = (file: Inventory["files"][number]): FileView => ({
  folder: file.folder,
  relativePath: file.relativePath,
  path: file.absolutePath,
  size: file.size,
});

/** Hashes the server already knows (FileHash rows), valid only while the file's size and mtime are unchanged. */
async function cachedHashes(db: Db, inventory: Inventory): Promise<Map<string, { sha256: string }>> {
  const byPath = new Map(inventory.files.map((file) => [file.absolutePath, file]));
  const paths = [...byPath.keys()];
  const hashes = new Map<string, { sha256: string }>();
  for (let start = 0; start < paths.length; start += HASH_LOOKUP_BATCH) {
    const rows = await db.fileHash.findMany({
      where: { path: { in: paths.slice(start, start + HASH_LOOKUP_BATCH) } },
      select: { path: true, size: true, mtimeMs: true, sha256: true },
    });
    for (const row of rows) {
      const file = byPath.get(row.path);
      if (file && Number(row.size) === file.size && row.mtimeMs === file.mtimeMs) hashes.set(row.path, { sha256: row.sha256 });
    }
  }
  return hashes;
}

function duplicateGroups(inventory: Inventory, hashes: ReadonlyMap<string, { sha256: string }>): InventoryReport["duplicates"] {
  const view = (group: DuplicateGroup, confirmed: boolean) => ({
    confirmed,
    sha256: group.sha256,
    size: group.size,
    wastedBytes: group.wastedBytes,
    files: group.files.map(toFileView),
  });
  const confirmed = findDuplicates(inventory.files, hashes);
  // Name-and-size matches are only suggested for files not yet hashed; hashed ones are settled above.
  const unhashed = inventory.files.filter((file) => !hashes.has(file.absolutePath));
  const likely = findLikelyDuplicates(unhashed);
  return [...confirmed.map((group) => view(group, true)), ...likely.map((group) => view(group, false))];
}

/** Models that past runs asked for and that sit in another folder than the one ComfyUI reads them from. */
async function misplacedModels(db: Db, inventory: Inventory): Promise<InventoryReport["misplaced"]> {
  const refs = await db.runModel.findMany({
    where: { foundAt: { not: null } },
    distinct: ["folder", "name"],
    select: { name: true, folder: true },
    orderBy: [{ folder: "asc" }, { name: "asc" }],
    take: MISPLACED_CHECK_LIMIT,
  });
  return refs.flatMap((ref) => {
    const presence = locateModel(inventory, ref);
    if (presence.status !== "misplaced" || !presence.path) return [];
    return [{ name: ref.name, folder: ref.folder, path: presence.path, expectedPath: presence.expectedPath, message: presence.message }];
  });
}

async function diskSpace(path: string): Promise<InventoryReport["disk"]> {
  try {
    const stats = await statfs(path);
    return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
  } catch {
    return null;
  }
}

export async function getInventoryReport(db: Db, env: ServerEnv, input: { modelsRoot?: string } = {}): Promise<InventoryReport> {
  const settings = await getSettings(db);
  const modelsRoot = modelsRootFor(settings, env, input.modelsRoot);
  const disk = await diskSpace(modelsRoot);
  if (!disk) {
    throw new AppError("NOT_FOUND", `The models folder ${modelsRoot} does not exist or cannot be read. Create it, or set the models root under Settings.`);
  }
  const inventory = await buildInventory({ modelsDir: modelsRoot, comfyuiUrl: settings.paths.comfyui_url || undefined, variables: env.engine.variables });
  const hashes = await cachedHashes(db, inventory);
  return {
    modelsRoot,
    scannedAt: new Date(),
    folders: inventory.folders.map(({ folder, paths, fileCount, totalBytes }) => ({ folder, paths, fileCount, totalBytes })),
    files: inventory.files.map(toFileView),
    totals: {
      files: inventory.files.length,
      bytes: inventory.files.reduce((sum, file) => sum + file.size, 0),
      hashedFiles: hashes.size,
    },
    duplicates: duplicateGroups(inventory, hashes),
    misplaced: await misplacedModels(db, inventory),
    disk,
    warnings: inventory.warnings,
  };
}
