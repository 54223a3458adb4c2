// The metadata API's admission (lib/server/metadata-admission.ts): a few
// requests start per turn of the event loop, in arrival order, every one
// eventually; a long turn lets more start in the next; 0 means no limit.
import { expect, it } from "vitest";
import { metadataAdmission, metadataPerTurn } from "@/lib/server/metadata-admission";

const nextTurn = () => new Promise((r) => setImmediate(r));

it("starts at most N requests per turn, in arrival order, and all of them in the end", async () => {
  const admit = metadataAdmission(4);
  const started: number[] = [];
  const done = Array.from({ length: 10 }, (_, i) => admit(async () => (started.push(i), i)));
  expect(started).toEqual([0, 1, 2, 3]);
  await nextTurn();
  // At least 4 more (more when the turn took longer than 4 ms), still in order.
  expect(started.length).toBeGreaterThanOrEqual(8);
  expect(started).toEqual([...started].sort((a, b) => a - b));
  expect(await Promise.all(done)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

it("passes a failure through to its request only", async () => {
  const admit = metadataAdmission(1);
  const failing = admit(async () => {
    throw new Error("no");
  });
  const fine = admit(async () => "yes");
  await expect(failing).rejects.toThrow("no");
  expect(await fine).toBe("yes");
});

it("lets as many start after a long turn as it took milliseconds", async () => {
  const admit = metadataAdmission(2);
  const started: number[] = [];
  const all = Array.from({ length: 40 }, (_, i) => admit(async () => void started.push(i)));
  expect(started).toHaveLength(2);
  const busyUntil = performance.now() + 12; // a page rendering for 12 ms in this turn
  while (performance.now() < busyUntil);
  await nextTurn();
  expect(started.length).toBeGreaterThanOrEqual(2 + 12);
  await Promise.all(all);
});

it("reads FLOWDECK_METADATA_PER_TURN: a default, 0 for no limit, and a clear error", async () => {
  expect(metadataPerTurn(undefined)).toBe(4);
  expect(metadataPerTurn("16")).toBe(16);
  expect(metadataPerTurn("0")).toBe(Infinity);
  expect(() => metadataPerTurn("-1")).toThrow(/whole number ≥ 0/);
  expect(() => metadataPerTurn("lots")).toThrow(/FLOWDECK_METADATA_PER_TURN/);
  const unlimited = metadataAdmission(Infinity);
  const started: number[] = [];
  await Promise.all(Array.from({ length: 100 }, (_, i) => unlimited(async () => void started.push(i))));
  expect(started).toHaveLength(100);
});
