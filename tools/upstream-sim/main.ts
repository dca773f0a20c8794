// Runs the upstream simulator from the command line and prints where it listens (for the demo).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { SimCatalogue } from "./catalogue";
import { demoCatalogue } from "./demo-catalogue";
import { startUpstreamSim } from "./index";

const { values } = parseArgs({
  options: {
    catalogue: { type: "string" },
    "port-base": { type: "string" },
    "latency-ms": { type: "string" },
    "api-latency-ms": { type: "string" },
    "bytes-per-second": { type: "string" },
    "shared-bytes-per-second": { type: "string" },
    "civitai-token": { type: "string" },
    "hf-token": { type: "string" },
  },
});

function numberOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number, got "${text}"`);
  return value;
}

const catalogue: SimCatalogue = values.catalogue ? (JSON.parse(readFileSync(values.catalogue, "utf8")) as SimCatalogue) : demoCatalogue();

const sim = await startUpstreamSim({
  catalogue,
  portBase: numberOption("port-base", values["port-base"]),
  latencyMs: numberOption("latency-ms", values["latency-ms"]),
  apiLatencyMs: numberOption("api-latency-ms", values["api-latency-ms"]),
  bytesPerSecondPerConnection: numberOption("bytes-per-second", values["bytes-per-second"]),
  sharedBytesPerSecond: numberOption("shared-bytes-per-second", values["shared-bytes-per-second"]),
  civitaiToken: values["civitai-token"],
  hfToken: values["hf-token"],
});

console.log(`CIVITAI_BASE_URL=${sim.civitaiUrl}`);
console.log(`HF_ENDPOINT=${sim.hfUrl}`);
console.log(`SIM_STORAGE_URL=${sim.storageUrl}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void sim.close().then(() => process.exit(0)));
}
