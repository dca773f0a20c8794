import { describe, expect, it } from "vitest";
import { createProgressDisplay } from "./progress";

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  const stream = { isTTY, columns: 120, write: (text: string) => written.push(text) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, output: () => written.join("") };
}

const nextRedraw = () => new Promise((resolve) => setTimeout(resolve, 150));

describe("createProgressDisplay", () => {
  it("draws a live bar per download on a terminal and redraws it in place", async () => {
    const { stream, output } = fakeStream(true);
    const display = createProgressDisplay(stream, { quiet: false });
    display.status("checkpoints/SDXL/juggernautXL_v9.safetensors", "downloading");
    display.progress("checkpoints/SDXL/juggernautXL_v9.safetensors", 25_000_000, 100_000_000, 5_000_000);
    await nextRedraw();
    display.progress("checkpoints/SDXL/juggernautXL_v9.safetensors", 50_000_000, 100_000_000, 5_000_000);
    await nextRedraw();
    display.stop();
    const text = output();
    expect(text).toContain("downloading checkpoints/SDXL/juggernautXL_v9.safetensors");
    expect(text).toContain("[######------------------] 25 MB / 100 MB  5.0 MB/s  15 s left");
    expect(text).toContain("[############------------] 50 MB / 100 MB  5.0 MB/s  10 s left");
    expect(text).toContain("1 downloading, 50 MB at 5.0 MB/s");
    expect(text).toContain("\x1b[2F\x1b[J"); // the previous bar and total line are replaced, not appended
  });

  it("writes plain status lines, without bars or escape codes, when the output is not a terminal", async () => {
    const { stream, output } = fakeStream(false);
    const display = createProgressDisplay(stream, { quiet: false });
    display.status("loras/add_detail.safetensors", "downloading");
    display.progress("loras/add_detail.safetensors", 1_000, 2_000, 100);
    await nextRedraw();
    display.status("loras/add_detail.safetensors", "installed");
    display.stop();
    expect(output()).toBe("downloading loras/add_detail.safetensors\ninstalled   loras/add_detail.safetensors\n");
  });

  it("prints nothing when quiet (with --json the summary says it all)", () => {
    const { stream, output } = fakeStream(true);
    const display = createProgressDisplay(stream, { quiet: true });
    display.status("vae/ae.safetensors", "failed", "the server answered 500");
    display.log("a log line");
    display.stop();
    expect(output()).toBe("");
  });
});
