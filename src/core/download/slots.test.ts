import { describe, expect, it } from "vitest";
import { createDownloadSlots } from "./slots";

const never = new AbortController().signal;

describe("createDownloadSlots", () => {
  it("lets `count` files move at once and gives a freed slot to the smallest waiting file, unknown sizes last", async () => {
    const slots = createDownloadSlots(1);
    const first = await slots.acquire(5_000, never);
    const order: string[] = [];
    // Each file, once it has the slot, notes its turn and gives the slot back.
    const take = (size: number | null, name: string) => slots.acquire(size, never).then((release) => (order.push(name), release()));
    const waiting = [take(null, "unknown"), take(3_000_000_000, "big"), take(10_000, "small"), take(10_000, "small, later")];
    expect(order).toEqual([]);
    first();
    await Promise.all(waiting);
    expect(order).toEqual(["small", "small, later", "big", "unknown"]);
  });

  it("drops a waiter whose download is cancelled, and keeps the slot for the others", async () => {
    const slots = createDownloadSlots(1);
    const held = await slots.acquire(1, never);
    const cancel = new AbortController();
    const cancelled = slots.acquire(1, cancel.signal);
    const other = slots.acquire(2, never);
    cancel.abort(new Error("cancelled"));
    await expect(cancelled).rejects.toThrow("cancelled");
    held();
    const release = await other;
    release();
    release(); // a second release is harmless
    expect(await Promise.race([slots.acquire(1, never).then(() => "granted"), new Promise((resolve) => setImmediate(() => resolve("waiting")))])).toBe(
      "granted",
    );
  });
});

describe("tryAcquire", () => {
  it("gives a free slot at once, and none while the slots are taken or others wait", async () => {
    const slots = createDownloadSlots(1);
    const first = slots.tryAcquire();
    expect(first).not.toBeNull();
    expect(slots.tryAcquire()).toBeNull();
    const waiting = slots.acquire(1, never);
    first!();
    (await waiting)();
    expect(slots.tryAcquire()).not.toBeNull();
  });
});
