// Shared fixtures for the simulator's own tests: a small catalogue and HTTP helpers over loopback.
import { request as httpRequest } from "node:http";
import type { SimCatalogue } from "./catalogue";
import type { UpstreamSim } from "./index";
import { KiB, MiB } from "./sizes";

export { KiB, MiB };

type CivitaiModel = SimCatalogue["civitai"]["models"][number];

/**
 * A checkpoint as Civitai publishes one: model "Juggernaut XL", version "v9", a pruned fp16 .safetensors and a full fp32
 * .ckpt, both under the download name Civitai makes from the model and version names (`juggernautXL_v9`).
 */
export function juggernautModel(safetensorsBytes: number): CivitaiModel {
  return {
    id: 1,
    name: "Juggernaut XL",
    type: "Checkpoint",
    creator: "KandooAI",
    thumbsUp: 9000,
    modelVersions: [
      {
        id: 11,
        name: "v9",
        baseModel: "SDXL 1.0",
        files: [
          { id: 111, name: "juggernautXL_v9.safetensors", size: safetensorsBytes, metadata: { format: "SafeTensor", fp: "fp16", size: "pruned" } },
          {
            id: 112,
            name: "juggernautXL_v9.ckpt",
            size: Math.round((safetensorsBytes * 2) / 3),
            metadata: { format: "PickleTensor", fp: "fp32", size: "full" },
          },
        ],
      },
    ],
  };
}

/** One version per way Civitai refuses a download: login required, downloads disabled, early access, no access. */
export function lockedStylesModel(): CivitaiModel {
  const file = (id: number, name: string) => ({ id, name, size: 10 * KiB });
  return {
    id: 2,
    name: "Locked Styles",
    type: "LORA",
    creator: "gatekeeper",
    modelVersions: [
      { id: 21, name: "auth", baseModel: "SD 1.5", requiresAuth: true, files: [file(211, "locked.safetensors")] },
      { id: 22, name: "disabled", baseModel: "SD 1.5", downloadsDisabled: true, files: [file(221, "locked_disabled.safetensors")] },
      { id: 23, name: "early", baseModel: "SD 1.5", paidAccess: { endsAt: "2999-01-01T00:00:00.000Z" }, files: [file(231, "locked_early.safetensors")] },
      { id: 24, name: "members", baseModel: "SD 1.5", restricted: true, files: [file(241, "locked_members.safetensors")] },
    ],
  };
}

/** Two GGUF quants of one version: Civitai gives both the same download name (`flux1DevGGUF_v10.gguf`). */
export function ggufPairModel(): CivitaiModel {
  return {
    id: 5,
    name: "Flux.1 Dev GGUF",
    type: "UNet",
    creator: "quantizer",
    modelVersions: [
      {
        id: 51,
        name: "v1.0",
        baseModel: "Flux.1 D",
        files: [
          { id: 511, name: "flux1DevGGUF_v10.gguf", size: 40 * KiB, type: "UNet", metadata: { format: "GGUF", quantType: "Q8_0" } },
          { id: 512, name: "flux1DevGGUF_v10.gguf", size: 24 * KiB, type: "UNet", metadata: { format: "GGUF", quantType: "Q4_K_M" } },
        ],
      },
    ],
  };
}

/** An archived model: its files are hidden and its downloads answer 410. */
export function archivedModel(): CivitaiModel {
  return {
    id: 6,
    name: "Retired Realism",
    type: "Checkpoint",
    mode: "Archived",
    modelVersions: [{ id: 61, name: "v2", baseModel: "SD 1.5", files: [{ id: 611, name: "retiredRealism_v2.safetensors", size: 12 * KiB }] }],
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
      models: [juggernautModel(3 * MiB + 123), lockedStylesModel(), ggufPairModel(), archivedModel(), ...Array.from({ length: 5 }, (_, index) => lora(index))],
    },
    huggingface: {
      repos: [
        {
          id: "comfyanonymous/flux_text_encoders",
          downloads: 500,
          files: [
            { path: "clip_l.safetensors", size: 200 * KiB },
            { path: "split_files/text_encoders/t5xxl_fp8.safetensors", size: 300 * KiB },
            { path: "quant/model-Q4.gguf", size: 64 * KiB },
            { path: "config.json", size: 300 },
          ],
        },
        { id: "black-forest-labs/FLUX.1-dev", gated: "manual", downloads: 900, files: [{ path: "ae.safetensors", size: 50 * KiB }] },
        {
          id: "Comfy-Org/Wan_2.1_ComfyUI_repackaged",
          xet: true,
          renamedFrom: ["Comfy-Org/Wan_2.1_ComfyUI"],
          files: [{ path: "split_files/vae/wan_2.1_vae.safetensors", size: 30 * KiB }],
        },
        { id: "org/needs-license", gated: "auto", licenseAccepted: false, files: [{ path: "model.safetensors", size: 8 * KiB }] },
        { id: "org/secret", private: true, files: [{ path: "secret.safetensors", size: 8 * KiB }] },
        { id: "org/disabled", disabled: true, files: [{ path: "gone.safetensors", size: 8 * KiB }] },
        { id: "org/big-repo", siblings: 2, files: Array.from({ length: 5 }, (_, index) => ({ path: `shards/part-${index}.safetensors`, size: 2 * KiB })) },
      ],
    },
  };
}

/** The presigned storage URL a Civitai download redirects to. */
export async function civitaiStorageUrl(sim: UpstreamSim, versionId: number, query = "", headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${sim.civitaiUrl}/api/download/models/${versionId}${query}`, { redirect: "manual", headers });
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
