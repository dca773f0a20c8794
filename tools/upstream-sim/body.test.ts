import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SimBody } from "./body";
import { MiB } from "./test-support";

function bytesOf(body: SimBody, start = 0, end = body.size): Buffer {
  return Buffer.concat([...body.slices(start, end)]);
}

describe("SimBody", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const first = bytesOf(new SimBody("seed-a", 3 * MiB + 7, "a.bin"));
    const again = bytesOf(new SimBody("seed-a", 3 * MiB + 7, "a.bin"));
    const other = bytesOf(new SimBody("seed-b", 3 * MiB + 7, "a.bin"));
    expect(first.equals(again)).toBe(true);
    expect(first.equals(other)).toBe(false);
    expect(first.length).toBe(3 * MiB + 7);
  });

  it("varies from block to block", () => {
    const bytes = bytesOf(new SimBody("blocks", 3 * MiB, "a.bin"));
    expect(bytes.subarray(0, MiB).equals(bytes.subarray(MiB, 2 * MiB))).toBe(false);
  });

  it("gives the same bytes for any split into ranges, and its digest hashes them", () => {
    const body = new SimBody("ranges", 2 * MiB + 333, "model.safetensors");
    const whole = bytesOf(body);
    const pieces = Buffer.concat([bytesOf(body, 0, 5), bytesOf(body, 5, MiB - 1), bytesOf(body, MiB - 1, body.size)]);
    expect(pieces.equals(whole)).toBe(true);
    const sha256 = createHash("sha256").update(whole).digest("hex");
    expect(body.digest().sha256).toBe(sha256);
    expect(body.digest().autoV2).toBe(sha256.slice(0, 10).toUpperCase());
  });

  it("starts .safetensors bodies with a valid header that spans the file", () => {
    const body = new SimBody("st", 100_000, "model.safetensors");
    const bytes = bytesOf(body);
    const headerLength = Number(bytes.readBigUInt64LE(0));
    expect(headerLength % 8).toBe(0);
    const header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString("utf8")) as {
      __metadata__: object;
      weight: { data_offsets: [number, number] };
    };
    expect(header.__metadata__).toEqual({ format: "pt" });
    expect(8 + headerLength + header.weight.data_offsets[1]).toBe(body.size);
  });

  it("still writes a valid safetensors header for tiny files", () => {
    const bytes = bytesOf(new SimBody("tiny", 48, "t.safetensors"));
    const headerLength = Number(bytes.readBigUInt64LE(0));
    expect(8 + headerLength).toBe(48);
    expect(JSON.parse(bytes.subarray(8).toString("utf8"))).toEqual({ __metadata__: {} });
  });

  it("starts .gguf bodies with the GGUF magic and version 3", () => {
    const bytes = bytesOf(new SimBody("g", 4096, "unet-Q4_K_S.gguf"));
    expect(bytes.subarray(0, 4).toString("latin1")).toBe("GGUF");
    expect(bytes.readUInt32LE(4)).toBe(3);
  });
});
