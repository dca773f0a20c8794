// Inventory speed: scanning a generated 100,000-file tree against `find`, a warm rescan, and hashing
// 2 GB against `sha256sum` (one file, then two at once). Prints ratios measured in the same run.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { buildDist } from "../../scripts/build-dist.mjs";
import { projectRoot } from "../../src/core/config/project-root";
import { buildInventory } from "../../src/core/inventory";
import { report } from "../report";
import { sha256File } from "../../src/core/hashing/file-digest";
import { STANDARD_FOLDERS } from "../../src/core/registry/folders";

const FILES = 100_000;
const FOLDERS = 30;
const FILES_PER_SUBFOLDER = 500;
const HASH_FILE_BYTES = 1024 ** 3;
const ROUNDS = 5;

const exec = promisify(execFile);
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const start = process.hrtime.bigint();
  const result = await work();
  return { seconds: seconds(start), result };
}

async function best(rounds: number, work: () => Promise<unknown>): Promise<number> {
  let fastest = Infinity;
  for (let round = 0; round < rounds; round++) fastest = Math.min(fastest, (await timed(work)).seconds);
  return fastest;
}

const shell = (script: string) => exec("bash", ["-c", script], { maxBuffer: 64 * 1024 * 1024 });

function folderNames(): string[] {
  const standard = STANDARD_FOLDERS.map((spec) => spec.key);
  return Array.from({ length: FOLDERS }, (_, index) => standard[index] ?? `custom_pack_${index}`);
}

function generateTree(modelsDir: string): void {
  const folders = folderNames();
  const made = new Set<string>();
  for (let index = 0; index < FILES; index++) {
    const dir = join(modelsDir, folders[index % FOLDERS]!, `batch_${Math.floor(index / FOLDERS / FILES_PER_SUBFOLDER)}`);
    if (!made.has(dir)) mkdirSync(dir, { recursive: true });
    made.add(dir);
    closeSync(openSync(join(dir, `model_${index}.safetensors`), "w"));
  }
}

function writeBigFile(path: string, block: Buffer): void {
  const fd = openSync(path, "w");
  try {
    for (let written = 0; written < HASH_FILE_BYTES; written += block.length) writeSync(fd, block);
  } finally {
    closeSync(fd);
  }
}

async function benchScan(dir: string): Promise<void> {
  const modelsDir = join(dir, "models");
  const generated = await timed(async () => generateTree(modelsDir));
  console.log(`generated ${FILES} empty files in ${FOLDERS} folders in ${generated.seconds.toFixed(1)} s`);

  const quoted = JSON.stringify(modelsDir);
  const bin = JSON.stringify(join(projectRoot(), "bin", "comfyfixer.mjs"));
  await buildDist();
  const count = await shell(`find ${quoted} -type f | wc -l`);
  const first = await timed(() => buildInventory({ modelsDir }));
  // Rounds interleave the three, so a busy machine slows each of them alike.
  let [findStat, cli, warm] = [Infinity, Infinity, Infinity];
  for (let round = 0; round < ROUNDS; round++) {
    findStat = Math.min(findStat, (await timed(() => shell(`find ${quoted} -type f -printf '%s %p\\n' > /dev/null`))).seconds);
    cli = Math.min(cli, (await timed(() => shell(`${bin} inventory --models-dir ${quoted} > /dev/null`))).seconds);
    warm = Math.min(warm, (await timed(() => buildInventory({ modelsDir }))).seconds);
  }
  console.log(
    `${count.stdout.trim()} files; first scan in this process ${first.seconds.toFixed(3)} s (${first.result.files.length} files, ${first.result.folders.length} folders)`,
  );
  report({
    name: `comfyfixer inventory, ${FILES} files (whole process)`,
    value: cli,
    unit: "s",
    baseline: { name: "find -printf '%s %p'", value: findStat, unit: "s" },
    ratio: cli / findStat,
    goal: "≤ 3× find",
    met: cli / findStat <= 3,
  });
  report({
    name: `warm rescan, ${FILES} files`,
    value: warm,
    unit: "s",
    baseline: { name: "find -printf", value: findStat, unit: "s" },
    ratio: warm / findStat,
    goal: "< 0.5 s",
    met: warm < 0.5,
  });
}

async function benchHash(dir: string): Promise<void> {
  const block = randomBytes(16 * 1024 * 1024);
  const files = [join(dir, "one.safetensors"), join(dir, "two.safetensors")];
  files.forEach((file) => writeBigFile(file, block));
  const quoted = files.map((file) => JSON.stringify(file));
  await shell(`cat ${quoted.join(" ")} > /dev/null`); // both runs start from the page cache
  const gib = HASH_FILE_BYTES / 1024 ** 3;

  const sumOne = await best(ROUNDS, () => shell(`sha256sum ${quoted[0]}`));
  const oursOne = await best(ROUNDS, () => sha256File(files[0]!));
  const sumTwo = await best(ROUNDS, () => shell(`sha256sum ${quoted[0]} & sha256sum ${quoted[1]} & wait`));
  const oursTwo = await best(ROUNDS, () => Promise.all(files.map((file) => sha256File(file))));
  const rate = (bytes: number, time: number) => `${(bytes / 1024 ** 2 / time).toFixed(0)} MiB/s`;
  console.log(`sha256sum, 1 file:               ${sumOne.toFixed(2)} s  ${rate(HASH_FILE_BYTES, sumOne)}`);
  console.log(`sha256File, 1 file:              ${oursOne.toFixed(2)} s  ${rate(HASH_FILE_BYTES, oursOne)}`);
  console.log(`sha256sum, 2 files at once:      ${sumTwo.toFixed(2)} s  ${rate(2 * HASH_FILE_BYTES, sumTwo)}`);
  console.log(`sha256File, 2 files at once:     ${oursTwo.toFixed(2)} s  ${rate(2 * HASH_FILE_BYTES, oursTwo)}`);
  report({
    name: `SHA-256 of one ${gib} GiB file (throughput)`,
    value: oursOne,
    unit: "s",
    baseline: { name: "sha256sum", value: sumOne, unit: "s" },
    ratio: sumOne / oursOne,
    goal: "≥ 0.9× sha256sum",
    met: sumOne / oursOne >= 0.9,
  });
  report({
    name: "SHA-256 of two files at once (throughput)",
    value: oursTwo,
    unit: "s",
    baseline: { name: "sha256sum, one file", value: sumOne, unit: "s" },
    ratio: (2 * sumOne) / oursTwo,
    goal: "near 2× one sha256sum",
  });
}

const dir = await mkdtemp(join(tmpdir(), "cf-bench-inventory-"));
try {
  const only = process.argv[2];
  if (only !== "hash") await benchScan(dir);
  if (only !== "scan") await benchHash(dir);
} finally {
  await rm(dir, { recursive: true, force: true });
}
process.exit(0);
