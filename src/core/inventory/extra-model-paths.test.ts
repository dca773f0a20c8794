import { homedir } from "node:os";
import { describe, expect, it } from "vitest";
import { expandPath, parseExtraModelPaths } from "./extra-model-paths";

describe("parseExtraModelPaths", () => {
  it("resolves paths against base_path, else against the yaml's folder", () => {
    const text = "a:\n  base_path: /data/a1111\n  checkpoints: models/Stable-diffusion\n  vae: /abs/vae\nb:\n  loras: rel/loras\n";
    expect(parseExtraModelPaths(text, "/comfy/extra_model_paths.yaml", {}).entries).toEqual([
      { folder: "checkpoints", path: "/data/a1111/models/Stable-diffusion", isDefault: false },
      { folder: "vae", path: "/abs/vae", isDefault: false },
      { folder: "loras", path: "/comfy/rel/loras", isDefault: false },
    ]);
  });

  it("splits multi-line values (block and folded-by-hand), skipping blank lines", () => {
    const text = 'a:\n  base_path: /d\n  loras: |\n    Lora\n\n    LyCORIS\n  vae: "one\\ntwo\\n"\n';
    expect(parseExtraModelPaths(text, "/c/x.yaml", {}).entries.map((entry) => entry.path)).toEqual(["/d/Lora", "/d/LyCORIS", "/d/one", "/d/two"]);
  });

  it("reads is_default and expands variables and ~ in base_path", () => {
    const text =
      "a:\n  base_path: $MODELS_HOME/sd\n  is_default: true\n  checkpoints: ckpt\nb:\n  base_path: ~/models\n  vae: vae\nc:\n  base_path: ${UNSET_VAR_X}/m\n  vae: vae\n";
    const parsed = parseExtraModelPaths(text, "/c/x.yaml", { MODELS_HOME: "/mnt/models" });
    expect(parsed.entries).toEqual([
      { folder: "checkpoints", path: "/mnt/models/sd/ckpt", isDefault: true },
      { folder: "vae", path: `${homedir()}/models/vae`, isDefault: false },
      { folder: "vae", path: "/c/${UNSET_VAR_X}/m/vae", isDefault: false },
    ]);
    expect(parsed.basePaths).toEqual(["/mnt/models/sd", `${homedir()}/models`, "/c/${UNSET_VAR_X}/m"]);
  });

  it("ignores custom_nodes, empty sections and empty files; warns about odd shapes", () => {
    expect(parseExtraModelPaths("", "/c/x.yaml", {})).toEqual({ entries: [], basePaths: [], warnings: [] });
    const parsed = parseExtraModelPaths("a:\n  custom_nodes: nodes\n  loras:\n  vae: [x]\nempty:\nlist: [1]\n", "/c/x.yaml", {});
    expect(parsed.entries).toEqual([]);
    expect(parsed.warnings).toEqual([
      '/c/x.yaml: "a.vae" should be a path or several lines of paths; skipped.',
      '/c/x.yaml: section "list" is not a mapping of folder names to paths; skipped.',
    ]);
    expect(parseExtraModelPaths("- a\n- b\n", "/c/x.yaml", {}).warnings).toEqual(["/c/x.yaml should map section names to folders; its paths were ignored."]);
  });

  it("expandPath leaves text without variables alone", () => {
    expect(expandPath("/plain/path", {})).toBe("/plain/path");
    expect(expandPath("${A}/$B", { A: "x", B: "y" })).toBe("x/y");
  });
});
