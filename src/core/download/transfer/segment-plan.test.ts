import { describe, expect, it } from "vitest";
import { createSegmentPlan, planSegments } from "./segment-plan";

describe("planSegments", () => {
  it("starts with the probe's range and cuts the rest into chunks, the last one short", () => {
    expect(planSegments(100, 350, 0, 100)).toEqual([
      { start: 0, end: 100 },
      { start: 100, end: 200 },
      { start: 200, end: 300 },
      { start: 300, end: 350 },
    ]);
    expect(planSegments(250, 250, 40, 100)).toEqual([{ start: 40, end: 250 }]);
  });
});

describe("createSegmentPlan", () => {
  const segments = planSegments(100, 400, 0, 100);

  it("hands out every segment after the probe's once, then null", () => {
    const plan = createSegmentPlan(segments, 0);
    expect([plan.take(), plan.take(), plan.take(), plan.take()]).toEqual([1, 2, 3, null]);
  });

  it("lets the hash follow only the completed prefix, in file order", () => {
    const plan = createSegmentPlan(segments, 0);
    plan.complete(2);
    expect(plan.takeHashable()).toEqual([]);
    plan.complete(0);
    expect(plan.takeHashable()).toEqual([segments[0]]);
    plan.complete(1);
    expect(plan.takeHashable()).toEqual([segments[1], segments[2]]);
    expect(plan.allHashed()).toBe(false);
    plan.complete(3);
    expect(plan.takeHashable()).toEqual([segments[3]]);
    expect(plan.allHashed()).toBe(true);
  });

  it("counts the bytes on disk from zero without a gap, partial segments included", () => {
    const plan = createSegmentPlan(segments, 0);
    expect(plan.contiguousBytes()).toBe(0);
    plan.advance(0, 60);
    plan.advance(2, 250);
    expect(plan.contiguousBytes()).toBe(60);
    plan.complete(0);
    plan.advance(1, 130);
    expect(plan.contiguousBytes()).toBe(130);
    plan.complete(1);
    expect(plan.contiguousBytes()).toBe(250);
  });

  it("starts from what a resume already has", () => {
    const resumed = createSegmentPlan(planSegments(300, 400, 200, 100), 200);
    expect(resumed.contiguousBytes()).toBe(200);
  });
});
