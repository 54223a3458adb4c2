// Where "Go to pathspec" leads, and task status/current ids.
import { describe, expect, it } from "vitest";
import { pathspecTarget, runHref } from "@/components/ui/links";
import { deriveTaskStatus, taskCurrent } from "@/lib/domain/task";

describe("pathspecTarget", () => {
  it("opens a run page, keeping the namespace of the current URL", () => {
    expect(pathspecTarget("HelloFlow/2", "user:anne")).toBe("/runs/HelloFlow/2?namespace=user%3Aanne");
    expect(pathspecTarget(" HelloFlow/2/ ", null)).toBe("/runs/HelloFlow/2");
  });

  it("anchors steps and tasks on the run page", () => {
    expect(pathspecTarget("HelloFlow/2/hello", null)).toBe("/runs/HelloFlow/2#step-hello");
    expect(pathspecTarget("HelloFlow/2/hello/14", "global")).toBe("/runs/HelloFlow/2?namespace=global#task-14");
  });

  it("sends a bare flow to its runs", () => {
    expect(pathspecTarget("HelloFlow", "xyz_features")).toBe("/?namespace=xyz_features&flow=HelloFlow");
  });

  it("refuses a malformed pathspec with the parser's message", () => {
    expect(() => pathspecTarget("Hello Flow/2", null)).toThrow(/is not a flow name/);
    expect(() => pathspecTarget("", null)).toThrow(/Enter a pathspec/);
    expect(() => pathspecTarget("A/1/b/2/c", null)).toThrow(/at most four/);
  });

  it("encodes string run ids", () => {
    expect(runHref("F", "argo-1 x", "global")).toBe("/runs/F/argo-1%20x?namespace=global");
  });
});

describe("tasks", () => {
  const now = 1_000_000_000;
  it("take their status from attempt_ok, else the heartbeat", () => {
    expect(deriveTaskStatus({ attemptOk: true, lastHeartbeatTs: null }, now)).toBe("completed");
    expect(deriveTaskStatus({ attemptOk: false, lastHeartbeatTs: now / 1000 }, now)).toBe("failed");
    expect(deriveTaskStatus({ attemptOk: null, lastHeartbeatTs: now / 1000 - 60 }, now)).toBe("running");
    expect(deriveTaskStatus({ attemptOk: null, lastHeartbeatTs: now / 1000 - 7 * 60 }, now)).toBe("failed");
  });

  it("show Metaflow's current ids", () => {
    expect(taskCurrent({ flow: "HelloFlow", key: "6", originRunId: "5" }, "hello", { key: "14", userName: "will" })).toEqual({
      flow_name: "HelloFlow",
      run_id: "6",
      origin_run_id: "5",
      step_name: "hello",
      task_id: "14",
      pathspec: "HelloFlow/6/hello/14",
      username: "will",
    });
  });
});
