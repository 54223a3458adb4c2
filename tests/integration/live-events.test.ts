// The server-sent-events stream on both databases: a viewer of one namespace
// hears its new runs (not other namespaces'), tag and status changes, and
// heartbeats; closing the request ends the subscription.
import { expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import { createFlow, createRun } from "@/lib/data/ingest";
import { mutateRunTags } from "@/lib/data/tags-write";
import { changeStreamResponse } from "@/lib/live/sse";
import { subscribeChanges } from "@/lib/live/subscribe";
import { parseNamespace } from "@/lib/domain/namespace";
import { readEvents as reader, type Frame } from "./fixtures/sse-reader";

const created = (flow: string, runNumber: number) => (f: Frame) =>
  f.event === "change" &&
  (f.data as { kind: string; flow: string; runNumber: number }).kind === "run_created" &&
  (f.data as { flow: string }).flow === flow &&
  (f.data as { runNumber: number }).runNumber === runNumber;

forEachDatabase("live events stream", (t) => {
  it("streams the namespace's changes and heartbeats until the viewer leaves", async () => {
    await createFlow(t.db, "StreamFlow", { userName: "anne" });
    const viewer = new AbortController();
    const response = changeStreamResponse({
      namespace: parseNamespace("user:anne"),
      signal: viewer.signal,
      subscribe: (listener) => subscribeChanges(listener, t.config),
      heartbeatMs: 100,
    });
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const stream = reader(response);
    await stream.waitFor((f) => f.event === "ready", "ready event");

    const wills = await createRun(t.db, "StreamFlow", { userName: "will", systemTags: ["user:will"] });
    const annes = await createRun(t.db, "StreamFlow", { userName: "anne", systemTags: ["user:anne"] });
    await stream.waitFor(created("StreamFlow", annes.runNumber), "anne's new run");
    await mutateRunTags(t.db, "StreamFlow", String(annes.runNumber), ["reviewed"], [], { user: "tester", source: "api" });
    await stream.waitFor((f) => (f.data as { kind?: string })?.kind === "tags_changed", "the tag change");
    await stream.waitFor((f) => f.comment?.startsWith("heartbeat") ?? false, "a heartbeat");
    expect(stream.frames.some(created("StreamFlow", wills.runNumber))).toBe(false);

    viewer.abort();
    await stream.pump;
    expect(stream.done).toBe(true);
  });

  it("the global namespace hears every new run", async () => {
    const viewer = new AbortController();
    const stream = reader(
      changeStreamResponse({
        namespace: parseNamespace("global"),
        signal: viewer.signal,
        subscribe: (listener) => subscribeChanges(listener, t.config),
      }),
    );
    await stream.waitFor((f) => f.event === "ready", "ready event");
    const run = await createRun(t.db, "StreamFlow", { userName: "will", systemTags: ["user:will"] });
    await stream.waitFor(created("StreamFlow", run.runNumber), "will's run");
    viewer.abort();
    await stream.pump;
  });
});
