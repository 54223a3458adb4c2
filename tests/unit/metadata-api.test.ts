// Pure parts of the metadata API: the runs-list grammar, the router's
// matching, API keys, mflog parsing and the guard on log file paths.
import { describe, expect, it } from "vitest";
import { isPaginatedRunList, parseRunListQuery, encodeRunCursor } from "@/lib/metadata-api/run-list-query";
import { matchPattern } from "@/lib/metadata-api/router";
import { checkApiKey, apiKeySettings } from "@/lib/metadata-api/api-keys";
import { HttpError } from "@/lib/metadata-api/http";
import { logFilePath, mergeByTime, parseMflog } from "@/lib/data/logs-read";

const q = (s: string) => new URLSearchParams(s);

describe("runs list parameters", () => {
  it("keeps old clients on the plain array", () => {
    expect(isPaginatedRunList(q(""))).toBe(false);
    expect(isPaginatedRunList(q("foo=1"))).toBe(false);
    for (const s of ["_limit=5", "_cursor=x", "_tags:any=a", "user_name=anne", "status:eq=running"]) {
      expect([s, isPaginatedRunList(q(s))]).toEqual([s, true]);
    }
  });

  it("reads tags, terms, limit and cursor", () => {
    const parsed = parseRunListQuery(
      q(`_tags=a,b&_tags:any=c&_tags:likeall=d&user_name:ne=will,null&ts_epoch:ge=5&_limit=900&_cursor=${encodeRunCursor({ ts: 7, runNumber: 3 })}`),
    );
    expect(parsed).toEqual({
      tagsAll: ["a", "b"],
      tagsAny: ["c"],
      likeAll: ["d"],
      likeAny: [],
      terms: [
        { field: "user_name", op: "ne", values: ["will", null] },
        { field: "ts_epoch", op: "ge", values: [5] },
      ],
      limit: 500,
      cursor: { ts: 7, runNumber: 3 },
    });
    expect(parseRunListQuery(q("")).limit).toBe(50);
  });

  it("refuses what it cannot mean with a 400 naming the problem", () => {
    const cases: [string, RegExp][] = [
      ["status=sleeping", /unsupported status filter: sleeping/],
      ["ts_epoch:gt=noon", /expected integer epoch milliseconds/],
      ["run_number:co=1", /unsupported operator 'co'/],
      ["tags:lt=a", /unsupported operator 'lt'/],
      ["user_name:is=anne", /only takes null/],
      ["_limit=-1", /_limit/],
      ["_cursor=zzz", /Invalid cursor/],
    ];
    for (const [s, message] of cases) {
      const e = (() => {
        try {
          parseRunListQuery(q(s));
        } catch (err) {
          return err as HttpError;
        }
      })();
      expect([s, e?.status]).toEqual([s, 400]);
      expect(e?.message).toMatch(message);
    }
  });
});

describe("router patterns", () => {
  it("matches {params} by position and static segments exactly", () => {
    expect(matchPattern("/flows/{flow}/runs/{run}", ["flows", "F", "runs", "argo-1"])).toEqual({ flow: "F", run: "argo-1" });
    expect(matchPattern("/flows/{flow}/run", ["flows", "F", "runs"])).toBeNull();
    expect(matchPattern("/flows/{flow}", ["flows", "F", "x"])).toBeNull();
  });
});

describe("API keys", () => {
  const req = (key?: string) => (name: string) => (name === "x-api-key" ? (key ?? null) : null);
  const status = (fn: () => void) => {
    try {
      fn();
      return 200;
    } catch (e) {
      return (e as HttpError).status;
    }
  };
  it("lets everything through when no keys are configured", () => {
    const off = apiKeySettings({});
    expect(status(() => checkApiKey(req(), true, off))).toBe(200);
  });
  it("guards writes, and reads only when asked", () => {
    const on = apiKeySettings({ FLOWDECK_API_KEYS: " a , b " });
    expect(status(() => checkApiKey(req(), true, on))).toBe(401);
    expect(status(() => checkApiKey(req("c"), true, on))).toBe(401);
    expect(status(() => checkApiKey(req("b"), true, on))).toBe(200);
    expect(status(() => checkApiKey(req(), false, on))).toBe(200);
    const reads = apiKeySettings({ FLOWDECK_API_KEYS: "a", FLOWDECK_API_KEYS_FOR_READS: "1" });
    expect(status(() => checkApiKey(req(), false, reads))).toBe(401);
    expect(status(() => checkApiKey(req("a"), false, reads))).toBe(200);
  });
});

describe("Metaflow's mflog files", () => {
  it("parses the prefix into time, source and text, and keeps other lines", () => {
    const text = "[MFLOG|0|2024-06-01T12:00:00.250000Z|runtime|abc]Task is starting.\nplain line\n[![MFLOG|0|2024-06-01T12:00:01.000000Z|task|x]persisted\n";
    expect(parseMflog(text, "task")).toEqual([
      { ts: Date.parse("2024-06-01T12:00:00.250Z"), line: "Task is starting.", source: "runtime" },
      { ts: null, line: "plain line", source: "task" },
      { ts: Date.parse("2024-06-01T12:00:01Z"), line: "persisted", source: "task" },
    ]);
  });

  it("merges sources in time order", () => {
    const a = [
      { ts: 1, line: "a1", source: "runtime" },
      { ts: 5, line: "a5", source: "runtime" },
    ];
    const b = [
      { ts: 3, line: "b3", source: "task" },
      { ts: null, line: "bx", source: "task" },
    ];
    expect(mergeByTime([a, b]).map((l) => l.line)).toEqual(["a1", "b3", "a5", "bx"]);
  });

  it("builds log paths only inside the ds-root", () => {
    expect(logFilePath("/ds/.metaflow", ["HelloFlow", "5", "start", "12"], "0.runtime_stdout.log")).toBe(
      "/ds/.metaflow/HelloFlow/5/start/12/0.runtime_stdout.log",
    );
    expect(logFilePath("/ds", ["..", "5", "start", "12"], "0.stdout.log")).toBeNull();
    expect(logFilePath("/ds", ["F", "a/../../etc", "s", "t"], "0.stdout.log")).toBeNull();
    expect(logFilePath("relative/root", ["F", "1", "s", "t"], "0.stdout.log")).toBeNull();
    expect(logFilePath("/", ["F", "1", "s", "t"], "0.stdout.log")).toBeNull();
  });
});
