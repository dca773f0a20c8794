// Shared fixtures for the simulator's own tests: a small catalogue and HTTP helpers over loopback.
import { request as httpRequest } from "node:http";
import type { SimCatalogue } from "./catalogue";
import type { UpstreamSim } from "./index";
import { KiB, MiB } from "./sizes";

export { KiB, MiB };

type CivitaiModel = SimCatalogue["civitai"]["models"][number];

/** A checkpoint published as a pruned .safetensors (primary) and a full .ckpt. */
export function juggernautModel(safetensorsBytes: number): CivitaiModel {
  return {
    id: 1,
    name: "Juggernaut XL",
    type: "Checkpoint",
    modelVersions: [
      {
        id: 11,
        name: "v9",
        baseModel: "SDXL 1.0",
        files: [
          { id: 111, name: "juggernautXL_v9.safetensors", size: safetensorsBytes, primary: true, metadata: { fp: "fp16", size: "pruned" } },
          { id: 112, name: "juggernautXL_v9.ckpt", size: Math.round((safetensorsBytes * 2) / 3), metadata: { fp: "fp32", size: "full" } },
        ],
      },
    ],
  };
}

/** One version per way Civitai refuses a download: login required, downloads disabled, early access, an HTML page. */
export function lockedStylesModel(): CivitaiModel {
  return {
    id: 2,
    name: "Locked Styles",
    type: "LORA",
    modelVersions: [
      { id: 21, name: "auth", baseModel: "SD 1.5", files: [{ id: 211, name: "locked.safetensors", size: 10 * KiB, requiresAuth: true }] },
      { id: 22, name: "disabled", baseModel: "SD 1.5", files: [{ id: 221, name: "disabled.safetensors", size: 10 * KiB, downloadsDisabled: true }] },
      { id: 23, name: "early", baseModel: "SD 1.5", earlyAccess: true, files: [{ id: 231, name: "early.safetensors", size: 10 * KiB }] },
      { id: 24, name: "html", baseModel: "SD 1.5", files: [{ id: 241, name: "html.safetensors", size: 10 * KiB, htmlInsteadOfFile: true }] },
    ],
  };
}

export function testCatalogue(): SimCatalogue {
  const lora = (index: number) => ({
    id: 1000 + index,
    name: `Style LoRA ${index}`,
    type: "LORA" as const,
    modelVersions: [{ id: 2000 + index, name: "v1", baseModel: "SD 1.5", files: [{ id: 3000 + index, name: `style_${index}.safetensors`, size: 4 * KiB }] }],
  });
  return {
    civitai: {
      models: [juggernautModel(3 * MiB + 123), lockedStylesModel(), ...Array.from({ length: 5 }, (_, index) => lora(index))],
    },
    huggingface: {
      repos: [
        {
          id: "comfyanonymous/flux_text_encoders",
          files: [
            { path: "clip_l.safetensors", size: 200 * KiB },
            { path: "split_files/text_encoders/t5xxl_fp8.safetensors", size: 300 * KiB },
            { path: "quant/model-Q4.gguf", size: 64 * KiB },
          ],
        },
        { id: "black-forest-labs/FLUX.1-dev", gated: "manual", files: [{ path: "ae.safetensors", size: 50 * KiB }] },
        { id: "org/needs-license", gated: "auto", licenseAccepted: false, files: [{ path: "model.safetensors", size: 8 * KiB }] },
        { id: "org/secret", private: true, files: [{ path: "secret.safetensors", size: 8 * KiB }] },
      ],
    },
  };
}

/** The presigned storage URL a Civitai download redirects to. */
export async function civitaiStorageUrl(sim: UpstreamSim, versionId: number, query = ""): Promise<string> {
  const response = await fetch(`${sim.civitaiUrl}/api/download/models/${versionId}${query}`, { redirect: "manual" });
  const location = response.headers.get("location");
  if (response.status !== 307 || !location) throw new Error(`expected a 307 redirect, got ${response.status}`);
  return location;
}

export type RawResult = { status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer; error: string | null };

/** A GET that keeps whatever bytes arrived and reports how the connection ended (reset, premature close). */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    let responded = false;
    let error: string | null = null;
    const req = httpRequest(url, { headers, agent: false }, (res) => {
      responded = true;
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", (err: NodeJS.ErrnoException) => {
        error ??= err.code ?? err.message;
      });
      res.on("close", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks), error: error ?? (res.complete ? null : "incomplete") }),
      );
    });
    // A reset mid-body is reported on the request as well; the response's close settles the result.
    req.on("error", (err: NodeJS.ErrnoException) => {
      if (!responded) reject(err);
      else error ??= err.code ?? err.message;
    });
    req.end();
  });
}
