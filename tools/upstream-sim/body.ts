// Deterministic file bodies: any size from a seed, produced as zero-copy slices of one random block.
import { createCipheriv, createHash } from "node:crypto";
import { crc32 } from "node:zlib";

const BLOCK_SIZE = 1 << 20;
// Golden-ratio step, odd, so block rotations only repeat after BLOCK_SIZE blocks (1 TiB).
const ROTATION_STEP = 2654435761 % BLOCK_SIZE;

/** One MiB of AES-CTR keystream: a fast, seeded PRNG block shared by every body. */
const randomBlock: Buffer = (() => {
  const key = createHash("sha256").update("comfyfixer-upstream-sim").digest().subarray(0, 16);
  const cipher = createCipheriv("aes-128-ctr", key, Buffer.alloc(16));
  return Buffer.concat([cipher.update(Buffer.alloc(BLOCK_SIZE)), cipher.final()]);
})();

/**
 * The hashes services publish for a file: SHA-256, AutoV2 (its first 10 hex), CRC32, AutoV1 (A1111's old
 * `model_hash`: SHA-256 of the 64 KiB at offset 1 MiB, first 8 hex) and the git blob id the Hub uses for files kept in git.
 */
export type BodyDigest = { sha256: string; crc32: string; autoV2: string; autoV1: string; gitBlobSha1: string };

const AUTOV1_OFFSET = 0x100000;
const AUTOV1_LENGTH = 0x10000;

/** A generated file body. Bytes [0, header.length) are a format header; the rest is seeded noise. */
export class SimBody {
  readonly size: number;
  readonly seed: string;
  private readonly header: Buffer;
  private readonly seedOffset: number;
  private digestCache: BodyDigest | null = null;

  constructor(seed: string, size: number, fileName: string) {
    this.seed = seed;
    this.size = size;
    this.header = formatHeader(fileName, size);
    this.seedOffset = createHash("sha256").update(seed).digest().readUInt32LE(0) % BLOCK_SIZE;
  }

  /** Slices covering bytes [start, end) in order; they share memory with the random block. */
  *slices(start: number, end: number, maxSlice = BLOCK_SIZE): Generator<Buffer> {
    let position = Math.max(0, start);
    const stop = Math.min(end, this.size);
    while (position < stop) {
      const slice = this.sliceAt(position, Math.min(stop - position, maxSlice));
      position += slice.length;
      yield slice;
    }
  }

  /** The whole body's hashes, computed once on first use. */
  digest(): BodyDigest {
    if (this.digestCache) return this.digestCache;
    const hash = createHash("sha256");
    const blob = createHash("sha1").update(`blob ${this.size}\0`);
    let crc = 0;
    for (const slice of this.slices(0, this.size)) {
      hash.update(slice);
      blob.update(slice);
      crc = crc32(slice, crc);
    }
    const autoV1 = createHash("sha256");
    for (const slice of this.slices(AUTOV1_OFFSET, AUTOV1_OFFSET + AUTOV1_LENGTH)) autoV1.update(slice);
    const sha256 = hash.digest("hex");
    this.digestCache = {
      sha256,
      crc32: crc.toString(16).toUpperCase().padStart(8, "0"),
      autoV2: sha256.slice(0, 10).toUpperCase(),
      autoV1: autoV1.digest("hex").slice(0, 8).toUpperCase(),
      gitBlobSha1: blob.digest("hex"),
    };
    return this.digestCache;
  }

  private sliceAt(position: number, maxLength: number): Buffer {
    if (position < this.header.length) {
      return this.header.subarray(position, position + Math.min(maxLength, this.header.length - position));
    }
    const blockIndex = Math.floor(position / BLOCK_SIZE);
    const withinBlock = position % BLOCK_SIZE;
    const rotation = (this.seedOffset + ((blockIndex * ROTATION_STEP) % BLOCK_SIZE)) % BLOCK_SIZE;
    const start = (withinBlock + rotation) % BLOCK_SIZE;
    // Stop at the end of this logical block and at the wrap-around of the random block.
    const length = Math.min(maxLength, BLOCK_SIZE - withinBlock, BLOCK_SIZE - start);
    return randomBlock.subarray(start, start + length);
  }
}

type HeaderBuilder = (size: number) => Buffer;

const headerBuilders: { suffix: string; build: HeaderBuilder }[] = [
  { suffix: ".safetensors", build: safetensorsHeader },
  { suffix: ".sft", build: safetensorsHeader },
  { suffix: ".gguf", build: ggufHeader },
];

function formatHeader(fileName: string, size: number): Buffer {
  const lower = fileName.toLowerCase();
  const builder = headerBuilders.find((entry) => lower.endsWith(entry.suffix));
  return builder ? builder.build(size) : Buffer.alloc(0);
}

/** 8-byte little-endian header length, then a JSON header describing one U8 tensor over the rest. */
function safetensorsHeader(size: number): Buffer {
  const describe = (dataLength: number) =>
    JSON.stringify({
      __metadata__: { format: "pt" },
      weight: { dtype: "U8", shape: [dataLength], data_offsets: [0, dataLength] },
    });
  // The data length depends on the padded header length; two passes settle it.
  let headerLength = padTo8(describe(size).length);
  let dataLength = size - 8 - headerLength;
  if (dataLength < 0) return minimalSafetensorsHeader(size);
  headerLength = padTo8(describe(dataLength).length);
  dataLength = size - 8 - headerLength;
  if (dataLength < 0) return minimalSafetensorsHeader(size);
  return withLength(describe(dataLength), headerLength);
}

function minimalSafetensorsHeader(size: number): Buffer {
  const json = JSON.stringify({ __metadata__: {} });
  const headerLength = size - 8;
  if (headerLength < json.length) return Buffer.alloc(0);
  return withLength(json, headerLength);
}

function withLength(json: string, headerLength: number): Buffer {
  const buffer = Buffer.alloc(8 + headerLength, " ");
  buffer.writeBigUInt64LE(BigInt(headerLength), 0);
  buffer.write(json, 8, "utf8");
  return buffer;
}

function padTo8(length: number): number {
  return Math.ceil(length / 8) * 8;
}

/** "GGUF", version 3, zero tensors, zero metadata entries. */
function ggufHeader(size: number): Buffer {
  const header = Buffer.alloc(24);
  header.write("GGUF", 0, "latin1");
  header.writeUInt32LE(3, 4);
  header.writeBigUInt64LE(0n, 8);
  header.writeBigUInt64LE(0n, 16);
  return size >= header.length ? header : Buffer.alloc(0);
}

/** Shared bodies by (seed, size, name), so hashes are computed once per process. */
export class BodyStore {
  private readonly bodies = new Map<string, SimBody>();

  get(seed: string, size: number, fileName: string): SimBody {
    const key = `${seed}\u0000${size}\u0000${fileName}`;
    let body = this.bodies.get(key);
    if (!body) {
      body = new SimBody(seed, size, fileName);
      this.bodies.set(key, body);
    }
    return body;
  }
}
