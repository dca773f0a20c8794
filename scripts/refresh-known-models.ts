// Rebuilds config/known-models.json from the sources ComfyUI publishes, read at their current commits on GitHub:
// Comfy-Org/workflow_templates (templates/*.json), comfyanonymous/ComfyUI (blueprints/*.json) and Comfy-Org/ComfyUI-Manager
// (model-list.json and node_db/*/model-list.json). With --sizes it also asks the Hub for each file's size and SHA-256
// (a HEAD on /resolve answers X-Linked-Size and X-Linked-Etag). Needs network; never run by the tests.
//
//   npx tsx scripts/refresh-known-models.ts [--sizes] [--out FILE]
//   GITHUB_TOKEN (optional) raises GitHub's API limit; HF_TOKEN (optional) lets --sizes see gated repos.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { projectRoot } from "../src/core/config/project-root";
import { buildKnownModels, type SourceSnapshot } from "../src/core/resolve/known-models/build";
import { KNOWN_MODELS_FILE, KnownModelsIndexSchema, type KnownModelsIndex } from "../src/core/resolve/known-models/index-data";

const { values } = parseArgs({ options: { sizes: { type: "boolean", default: false }, out: { type: "string" } } });
const github = { accept: "application/vnd.github+json", ...(process.env.GITHUB_TOKEN ? { authorization: `Bearer ${process.env.GITHUB_TOKEN}` } : {}) };

async function json<T>(url: string, headers: Record<string, string> = github): Promise<T> {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`${url} answered ${response.status} ${await response.text().then((text) => text.slice(0, 200))}`);
  return (await response.json()) as T;
}

async function headCommit(repo: string, branch: string): Promise<{ sha: string; date: string }> {
  const commit = await json<{ sha: string; commit: { committer: { date: string } } }>(`https://api.github.com/repos/${repo}/commits/${branch}`);
  return { sha: commit.sha, date: commit.commit.committer.date.slice(0, 10) };
}

/** The JSON files of one folder at a commit (GitHub's contents API lists up to 1000 entries a folder). */
async function folderFiles(repo: string, sha: string, folder: string, keep: (name: string) => boolean): Promise<SourceSnapshot["files"]> {
  const listing = await json<Array<{ name: string; path: string; type: string }>>(`https://api.github.com/repos/${repo}/contents/${folder}?ref=${sha}`);
  const wanted = listing.filter((entry) => entry.type === "file" && keep(entry.name));
  const files: SourceSnapshot["files"] = [];
  for (const entry of wanted) {
    try {
      files.push({ path: entry.path, json: await json(`https://raw.githubusercontent.com/${repo}/${sha}/${entry.path}`, {}) });
    } catch (error) {
      console.warn(`skipped ${repo}/${entry.path}: ${(error as Error).message}`);
    }
  }
  return files;
}

async function snapshot(id: SourceSnapshot["id"], repo: string, branch: string, what: string, read: (sha: string) => Promise<SourceSnapshot["files"]>) {
  const { sha, date } = await headCommit(repo, branch);
  const files = await read(sha);
  console.log(`${repo}@${sha.slice(0, 10)} (${date}): ${files.length} files`);
  return { id, repo, commit: sha, date, what, files } satisfies SourceSnapshot;
}

const MANAGER_LISTS = ["model-list.json", "node_db/new/model-list.json", "node_db/legacy/model-list.json"];
const managerFiles = (repo: string) => async (sha: string) =>
  (
    await Promise.all(
      MANAGER_LISTS.map(async (path) => {
        try {
          return [{ path, json: await json(`https://raw.githubusercontent.com/${repo}/${sha}/${path}`, {}) }];
        } catch {
          return [];
        }
      }),
    )
  ).flat();

const sources = [
  await snapshot("templates", "Comfy-Org/workflow_templates", "main", "templates/*.json properties.models (name, url, directory, hash)", (sha) =>
    folderFiles("Comfy-Org/workflow_templates", sha, "templates", (name) => name.endsWith(".json") && !name.startsWith("index")),
  ),
  await snapshot("blueprints", "comfyanonymous/ComfyUI", "master", "blueprints/*.json properties.models", (sha) =>
    folderFiles("comfyanonymous/ComfyUI", sha, "blueprints", (name) => name.endsWith(".json")),
  ),
  await snapshot(
    "manager",
    "Comfy-Org/ComfyUI-Manager",
    "main",
    "model-list.json, node_db/*/model-list.json (filename, url, save_path, type, size)",
    managerFiles("Comfy-Org/ComfyUI-Manager"),
  ),
];

const index: KnownModelsIndex = buildKnownModels(sources, {
  generated: new Date().toISOString().slice(0, 10),
  about:
    "Model files that ComfyUI's official workflow templates and ComfyUI-Manager's model lists point to: name, folder, canonical URL, and SHA-256 or size where a source states them, each fact with the source files it came from (`from`: source id and path). `publishers` are the Hugging Face owners the templates link to. Rebuild with `npx tsx scripts/refresh-known-models.ts` (needs network).",
});

if (values.sizes) {
  // The Hub states size and SHA-256 of LFS files on /resolve: X-Linked-Size and X-Linked-Etag (huggingface_hub file_download.py).
  const hubHeaders = process.env.HF_TOKEN ? { authorization: `Bearer ${process.env.HF_TOKEN}` } : undefined;
  for (const entry of index.models.filter((model) => model.hf)) {
    const response = await fetch(entry.url, { method: "HEAD", redirect: "manual", headers: hubHeaders }).catch(() => null);
    const size = Number(response?.headers.get("x-linked-size"));
    const etag = response?.headers.get("x-linked-etag")?.replace(/"/g, "").toLowerCase();
    const ref = `hub:HEAD ${index.generated}`;
    if (Number.isInteger(size) && size > 0) Object.assign(entry, { size, from: { ...entry.from, size: [ref] } });
    if (etag && /^[0-9a-f]{64}$/.test(etag) && !entry.sha256) Object.assign(entry, { sha256: etag, from: { ...entry.from, sha256: [ref] } });
  }
}

const out = values.out ?? join(projectRoot(), "config", KNOWN_MODELS_FILE);
await writeFile(out, JSON.stringify(KnownModelsIndexSchema.parse(index), null, 1) + "\n");
console.log(`${index.models.length} known models written to ${out}`);
