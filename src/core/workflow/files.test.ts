import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeWorkflowFile, buildAnalysisReport, collectWorkflowFiles } from "./index";

let root: string;
const workflow = (name: string) => JSON.stringify({ nodes: [{ id: 1, type: "CheckpointLoaderSimple", widgets_values: [name] }] });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "comfyfixer-workflows-"));
  await mkdir(join(root, "nested", "deeper"), { recursive: true });
  await mkdir(join(root, ".hidden"));
  await mkdir(join(root, "node_modules"));
  await writeFile(join(root, "a.json"), workflow("a.safetensors"));
  await writeFile(join(root, "nested", "deeper", "b.JSON"), workflow("b.safetensors"));
  await writeFile(join(root, "nested", "notes.txt"), "not a workflow");
  await writeFile(join(root, ".hidden", "c.json"), workflow("c.safetensors"));
  await writeFile(join(root, "node_modules", "d.json"), workflow("d.safetensors"));
  await writeFile(join(root, "broken.json"), "{");
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("collectWorkflowFiles", () => {
  it("walks folders for .json/.png/.webp, skipping hidden and node_modules folders, and reports bad paths", async () => {
    const missing = join(root, "missing.json");
    const { files, errors } = await collectWorkflowFiles([root, join(root, "a.json"), missing]);
    expect(files).toEqual([join(root, "a.json"), join(root, "broken.json"), join(root, "nested", "deeper", "b.JSON")]);
    expect(errors).toEqual([{ path: missing, error: expect.stringMatching(/No such file/) }]);
  });
});

describe("analyzeWorkflowFile", () => {
  it("reads a file from disk and turns read errors into a per-file error", async () => {
    expect((await analyzeWorkflowFile(join(root, "a.json"))).models.map((m) => m.name)).toEqual(["a.safetensors"]);
    expect((await analyzeWorkflowFile(join(root, "nope.json"))).error).toMatch(/Cannot read .*No such file/);
    expect((await analyzeWorkflowFile(join(root, "nested"))).error).toMatch(/Cannot read/);
  });
});

describe("buildAnalysisReport", () => {
  it("counts references, unique files and presence; misplaced models carry where they are", async () => {
    const analyses = await Promise.all(["a.json", "nested/deeper/b.JSON", "broken.json"].map((file) => analyzeWorkflowFile(join(root, file))));
    analyses.push({ ...analyses[0]!, path: "copy.json" });
    const report = buildAnalysisReport(analyses, ({ name }) =>
      name === "a.safetensors"
        ? { status: "present", path: "/m/checkpoints/a.safetensors", expectedPath: "/m/checkpoints/a.safetensors", message: null }
        : { status: "misplaced", path: "/m/loras/b.safetensors", expectedPath: "/m/checkpoints/b.safetensors", message: "in loras" },
    );
    expect(report.summary).toEqual({ workflows: 4, failed: 1, references: 3, unique: 2, present: 1, missing: 0, misplaced: 1, unplaced: 0 });
    expect(report.workflows[1]?.models[0]).toMatchObject({ status: "misplaced", presence: { path: "/m/loras/b.safetensors", message: "in loras" } });
    expect(report.workflows[0]?.models[0]).not.toHaveProperty("presence");
    expect(buildAnalysisReport(analyses).summary).toMatchObject({ present: 0, missing: 2 });
  });
});
