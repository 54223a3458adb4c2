import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { applyEndStatusChange, deriveRunStatus, endStatusChange, nextEndStatus, runDurationMs, type EndStatus } from "@/lib/domain/status";

const now = 1_700_000_000_000;
const nowS = now / 1000;

describe("run status", () => {
  it("follows the end step's attempt_ok", () => {
    expect(deriveRunStatus({ endStatus: "completed", lastHeartbeatTs: null }, now)).toBe("completed");
    expect(deriveRunStatus({ endStatus: "failed", lastHeartbeatTs: nowS }, now)).toBe("failed");
    expect(deriveRunStatus({ endStatus: "retrying", lastHeartbeatTs: null }, now)).toBe("running");
  });
  it("otherwise a heartbeat within 6 minutes means running, else failed", () => {
    expect(deriveRunStatus({ endStatus: null, lastHeartbeatTs: nowS - 359 }, now)).toBe("running");
    expect(deriveRunStatus({ endStatus: null, lastHeartbeatTs: nowS - 361 }, now)).toBe("failed");
    expect(deriveRunStatus({ endStatus: null, lastHeartbeatTs: null }, now)).toBe("failed");
  });
  it("a new end attempt after a failure is a retry", () => {
    expect(nextEndStatus(null, "attempt_ok", "True")).toBe("completed");
    expect(nextEndStatus(null, "attempt_ok", "False")).toBe("failed");
    expect(nextEndStatus("failed", "attempt", "1")).toBe("retrying");
    expect(nextEndStatus("retrying", "attempt_ok", "true")).toBe("completed");
    expect(nextEndStatus(null, "attempt_ok", "maybe")).toBeNull();
  });
  it("measures duration to the finish, to now, or to the last heartbeat", () => {
    expect(runDurationMs({ createdTs: now - 5000, finishedTs: now - 1000, lastHeartbeatTs: null }, "completed", now)).toBe(4000);
    expect(runDurationMs({ createdTs: now - 5000, finishedTs: null, lastHeartbeatTs: nowS }, "running", now)).toBe(5000);
    expect(runDurationMs({ createdTs: now - 5000, finishedTs: null, lastHeartbeatTs: nowS - 3 }, "failed", now)).toBe(2000);
  });
});

describe("end status changes computed without the stored status", () => {
  const field = fc.record({
    fieldName: fc.constantFrom("attempt", "attempt_ok", "attempt-done", "ds-root"),
    value: fc.constantFrom("True", "False", "true", "0", "1", "maybe", ""),
  });
  const stored = fc.constantFrom<EndStatus>(null, "completed", "failed", "retrying");

  it("applying endStatusChange equals folding nextEndStatus over the batch, whatever was stored", () => {
    fc.assert(
      fc.property(stored, fc.array(field, { maxLength: 8 }), (current, batch) => {
        const folded = batch.reduce<EndStatus>((s, m) => nextEndStatus(s, m.fieldName, m.value), current);
        expect(applyEndStatusChange(current, endStatusChange(batch))).toBe(folded);
      }),
    );
  });

  it("names the usual cases", () => {
    expect(endStatusChange([{ fieldName: "attempt_ok", value: "True" }])).toBe("completed");
    expect(endStatusChange([{ fieldName: "attempt", value: "1" }])).toBe("retry-if-failed");
    expect(
      endStatusChange([
        { fieldName: "attempt_ok", value: "False" },
        { fieldName: "attempt", value: "1" },
      ]),
    ).toBe("retrying");
    expect(endStatusChange([{ fieldName: "ds-root", value: "/x" }])).toBeNull();
  });
});
