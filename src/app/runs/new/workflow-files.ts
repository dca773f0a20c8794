// Reads workflow files the user dropped in the browser into the runs API's upload shape.

export type UploadedWorkflow = { fileName: string; content: string; encoding: "utf8" | "base64" };

/** Image workflows (ComfyUI saves the graph in PNG/WebP metadata) travel as base64; JSON as text. */
const BINARY_EXTENSIONS = [".png", ".webp"] as const;
export const ACCEPTED_EXTENSIONS = [".json", ...BINARY_EXTENSIONS] as const;

export const encodingFor = (fileName: string): "utf8" | "base64" =>
  BINARY_EXTENSIONS.some((extension) => fileName.toLowerCase().endsWith(extension)) ? "base64" : "utf8";

export const isAcceptedFile = (fileName: string) => ACCEPTED_EXTENSIONS.some((extension) => fileName.toLowerCase().endsWith(extension));

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  const CHUNK = 0x8000; // String.fromCharCode takes its arguments on the stack; keep each call small.
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + CHUNK));
  }
  return btoa(binary);
}

export async function readWorkflowFile(file: Blob & { name: string }): Promise<UploadedWorkflow> {
  const encoding = encodingFor(file.name);
  const content = encoding === "utf8" ? await file.text() : bytesToBase64(new Uint8Array(await file.arrayBuffer()));
  return { fileName: file.name, content, encoding };
}
