// Points the engine at a running upstream simulator the way an operator would: through the environment.
import type { UpstreamSim } from "./sim";

export function simEnv(sim: UpstreamSim): Record<string, string> {
  return {
    CIVITAI_BASE_URL: sim.civitaiUrl,
    HF_ENDPOINT: sim.hfUrl,
    // The simulator's storage host is `localhost`, a loopback name: allowed for tests only.
    COMFYFIXER_ALLOW_PRIVATE_NETWORKS: "1",
    COMFYFIXER_ALLOWED_HOSTS: "localhost",
    // ComfyUI-Manager's published list lives on GitHub: tests never leave loopback.
    COMFYFIXER_MANAGER_MODEL_LIST: "off",
  };
}

/** Sets the simulator's variables on this process; returns a function that restores the previous values. */
export function useSimEnv(sim: UpstreamSim): () => void {
  const entries = Object.entries(simEnv(sim));
  const previous = entries.map(([key]) => [key, process.env[key]] as const);
  for (const [key, value] of entries) process.env[key] = value;
  return () => {
    for (const [key, value] of previous) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}
