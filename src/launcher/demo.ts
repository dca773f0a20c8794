// `npm run demo`: the whole product against the upstream simulator, with sample workflows and a scratch models
// folder, so a newcomer with no internet and no tokens sees a full run.
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { DEMO_AMBIGUOUS_FILE, demoCatalogue } from "../../tools/upstream-sim/demo-catalogue";
import { startUpstreamSim } from "../../tools/upstream-sim";
import { DEMO_PRESENT_FILES, demoWorkflows } from "../../tools/upstream-sim/sample-workflows";
import { createDb } from "../server/db/client";
import { updateSettings } from "../server/services/settings";

/** Slow enough that live progress is worth watching, fast enough that the run ends in about a minute. */
const DEMO_BYTES_PER_SECOND = 3 * 1024 * 1024;

export type RunningDemo = { env: Record<string, string>; stop(): Promise<void> };

export async function startDemo(root: string, databaseUrl: string, log: (message: string) => void): Promise<RunningDemo> {
  const demoDir = join(root, ".data", "demo");
  const modelsRoot = join(demoDir, "models");
  const workflowsDir = join(demoDir, "workflows");
  // A fresh models folder each time, so every demo run has something to install.
  await rm(modelsRoot, { recursive: true, force: true });
  for (const file of DEMO_PRESENT_FILES) {
    await mkdir(dirname(join(modelsRoot, file)), { recursive: true });
    await writeFile(join(modelsRoot, file), "a model that is already installed");
  }
  await mkdir(workflowsDir, { recursive: true });
  for (const [name, content] of Object.entries(demoWorkflows(DEMO_AMBIGUOUS_FILE))) await writeFile(join(workflowsDir, name), content);

  const sim = await startUpstreamSim({ catalogue: demoCatalogue(), bytesPerSecondPerConnection: DEMO_BYTES_PER_SECOND });
  const db = createDb(databaseUrl);
  try {
    await updateSettings(db, { paths: { models_root: modelsRoot, workflow_folders: [workflowsDir] } });
  } finally {
    await db.$disconnect();
  }
  log(`demo: simulated Civitai at ${sim.civitaiUrl}, Hugging Face at ${sim.hfUrl}; models go to ${modelsRoot}`);
  log(`demo: sample workflows in ${workflowsDir} — open the dashboard, choose New run and pick them`);
  return {
    env: {
      COMFYFIXER_DEMO: "1",
      CIVITAI_BASE_URL: sim.civitaiUrl,
      HF_ENDPOINT: sim.hfUrl,
      COMFYUI_MODELS_DIR: modelsRoot,
      // The simulator's storage host is `localhost`: allowed for the demo only.
      COMFYFIXER_ALLOW_PRIVATE_NETWORKS: "1",
      COMFYFIXER_ALLOWED_HOSTS: "localhost",
      // The demo is offline: ComfyUI-Manager's published list (on GitHub) is not read.
      COMFYFIXER_MANAGER_MODEL_LIST: "off",
    },
    stop: () => sim.close(),
  };
}
