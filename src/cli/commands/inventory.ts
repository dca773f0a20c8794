// `comfyfixer inventory`: the models folders of a ComfyUI install, their files and sizes, duplicates, hashes.
import {
  buildInventory,
  createFileHashCache,
  findDuplicates,
  findLikelyDuplicates,
  hashFiles,
  type DuplicateGroup,
  type HashProgress,
  type HashReport,
  type Inventory,
} from "../../core/inventory";
import { parseCommandArgs } from "../args";
import { UsageError, type CliCommand } from "../command";
import { MODELS_LOCATION_FLAGS, modelsLocationFrom } from "../inputs";
import { formatBytes } from "../../core/format";
import { autoV2 } from "../../core/hashing/file-digest";

const usage = [
  "Usage: comfyfixer inventory [--models-dir DIR] [--extra-model-paths FILE]... [--comfyui-url URL] [--json] [--hash]",
  "",
  "  --models-dir DIR          ComfyUI models folder (default: $COMFYUI_MODELS_DIR); an extra_model_paths.yaml",
  "                            in its parent folder is honoured, as ComfyUI does",
  "  --extra-model-paths FILE  another extra_model_paths.yaml to honour (repeatable)",
  "  --comfyui-url URL         ask a running ComfyUI where its folders are",
  "  --hash                    SHA-256 every file (cached by path, size and mtime) and find true duplicates",
  "  --json                    print the inventory as JSON",
].join("\n");

const OPTIONS = {
  ...MODELS_LOCATION_FLAGS,
  json: { type: "boolean", default: false },
  hash: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

const PROGRESS_EVERY_MS = 250;

function progressPrinter(stream: NodeJS.WriteStream): (progress: HashProgress) => void {
  let last = 0;
  return (progress) => {
    const now = Date.now();
    if (!stream.isTTY || now - last < PROGRESS_EVERY_MS) return;
    last = now;
    stream.write(
      `\rHashing ${progress.filesDone}/${progress.filesTotal} files, ${formatBytes(progress.bytesDone)} of ${formatBytes(progress.bytesTotal)}\x1b[K`,
    );
  };
}

function folderLines(inventory: Inventory): string[] {
  const used = inventory.folders.filter((folder) => folder.fileCount > 0);
  const width = Math.max(8, ...used.map((folder) => folder.folder.length));
  const lines = used.map(
    (folder) =>
      `  ${folder.folder.padEnd(width)}  ${String(folder.fileCount).padStart(6)} files  ${formatBytes(folder.totalBytes).padStart(8)}  ${folder.paths.join(", ")}`,
  );
  const empty = inventory.folders.length - used.length;
  if (empty > 0) lines.push(`  (${empty} other folders are empty)`);
  return lines;
}

function duplicateLines(title: string, groups: DuplicateGroup[]): string[] {
  if (groups.length === 0) return [];
  const wasted = groups.reduce((sum, group) => sum + group.wastedBytes, 0);
  const lines = [`${title}: ${groups.length} groups, ${formatBytes(wasted)} wasted`];
  for (const group of groups) {
    const id = group.sha256 ? `  AutoV2 ${autoV2(group.sha256)}` : "";
    lines.push(`  ${formatBytes(group.size)} × ${group.files.length}${id}`);
    lines.push(...group.files.map((file) => `    ${file.absolutePath}`));
  }
  return lines;
}

function humanReport(inventory: Inventory, hashes: HashReport | null): string {
  const totalBytes = inventory.files.reduce((sum, file) => sum + file.size, 0);
  const lines = [`Models roots: ${inventory.roots.join(", ") || "(from ComfyUI)"}`, "Folders:", ...folderLines(inventory)];
  lines.push(`Total: ${inventory.files.length} files, ${formatBytes(totalBytes)}`);
  if (hashes) {
    lines.push(`Hashes: ${hashes.hashedCount} files hashed (${formatBytes(hashes.hashedBytes)}), ${hashes.cachedCount} from cache`);
    lines.push(...hashes.failures.map((failure) => `  could not hash: ${failure.message}`));
    lines.push(...duplicateLines("Duplicates", findDuplicates(inventory.files, hashes.byPath)));
  } else {
    lines.push(...duplicateLines("Likely duplicates (same name and size; --hash to confirm)", findLikelyDuplicates(inventory.files)));
  }
  if (inventory.warnings.length > 0) lines.push("Warnings:", ...inventory.warnings.map((warning) => `  ${warning}`));
  return lines.join("\n");
}

function jsonReport(inventory: Inventory, hashes: HashReport | null): string {
  const files = inventory.files.map((file) => {
    const hash = hashes?.byPath.get(file.absolutePath);
    return { ...file, sha256: hash?.sha256 ?? null, autoV2: hash?.autoV2 ?? null };
  });
  const duplicates = hashes ? findDuplicates(inventory.files, hashes.byPath) : findLikelyDuplicates(inventory.files);
  return JSON.stringify(
    {
      roots: inventory.roots,
      folders: inventory.folders,
      files,
      duplicates: duplicates.map((group) => ({ ...group, confirmed: hashes !== null, files: group.files.map((file) => file.absolutePath) })),
      hashing: hashes && { hashed: hashes.hashedCount, cached: hashes.cachedCount, hashedBytes: hashes.hashedBytes, failures: hashes.failures },
      warnings: inventory.warnings,
    },
    null,
    2,
  );
}

export const command: CliCommand = {
  usage,
  async run(argv, { env }) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS);
    if (values.help) {
      process.stdout.write(usage + "\n");
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
    const location = modelsLocationFrom(values, env);
    if (!location.modelsDir && !location.comfyuiUrl && location.extraModelPaths.length === 0)
      throw new UsageError("No models folder: pass --models-dir DIR, set COMFYUI_MODELS_DIR, or pass --comfyui-url URL.");

    const inventory = await buildInventory({ ...location, variables: env.variables });
    let hashes: HashReport | null = null;
    if (values.hash) {
      hashes = await hashFiles(inventory.files, { cache: createFileHashCache({ dir: env.cacheDir }), onProgress: progressPrinter(process.stderr) });
      if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
    }
    process.stdout.write((values.json ? jsonReport(inventory, hashes) : humanReport(inventory, hashes)) + "\n");
    return 0;
  },
};
