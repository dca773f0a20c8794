import { describe, expect, it } from "vitest";
import { bytesToBase64, encodingFor, isAcceptedFile, readWorkflowFile } from "./workflow-files";

describe("workflow files read in the browser", () => {
  it("sends JSON as text and images as base64", () => {
    expect(encodingFor("flux.json")).toBe("utf8");
    expect(encodingFor("ComfyUI_0001.PNG")).toBe("base64");
    expect(encodingFor("shot.webp")).toBe("base64");
    expect(isAcceptedFile("notes.txt")).toBe(false);
    expect(isAcceptedFile("a.WebP")).toBe(true);
  });

  it("encodes bytes exactly as Node's base64 does, beyond one chunk", () => {
    const bytes = new Uint8Array(100_000).map((_, index) => (index * 31) % 256);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
  });

  it("reads a File into the upload shape", async () => {
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "wf.png");
    expect(await readWorkflowFile(png)).toEqual({ fileName: "wf.png", content: "iVBORw==", encoding: "base64" });
    const json = new File(['{"nodes":[]}'], "wf.json");
    expect(await readWorkflowFile(json)).toEqual({ fileName: "wf.json", content: '{"nodes":[]}', encoding: "utf8" });
  });
});
