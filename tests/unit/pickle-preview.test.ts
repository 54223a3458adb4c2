// The pickle preview reads basic values exactly as Python writes them and
// refuses everything else without building it.
import { describe, expect, it } from "vitest";
import { previewPickle, pyFloat } from "@/lib/domain/pickle-preview";
import { PyDict, PyFloat, PySet, PyTuple, writePickle } from "@/lib/domain/pickle";

const b64 = (s: string) => Uint8Array.from(Buffer.from(s, "base64"));

// pickle.dumps(v, protocol=p) by CPython 3.11 for
// v = {"a": 1, "b": [1, 2.5, None, True], "c": ("x",), 3: b"hi\x00", "big": 2**70,
//      "neg": -5, "f": 1.0, "s": {1}, "fs": frozenset(), "q": "it's"}
const BY_PROTOCOL: Record<number, string> = {
  0: "KGRwMApWYQpwMQpJMQpzVmIKcDIKKGxwMwpJMQphRjIuNQphTmFJMDEKYXNWYwpwNAooVngKcDUKdHA2CnNJMwpjX2NvZGVjcwplbmNvZGUKcDcKKFZoaVx1MDAwMApwOApWbGF0aW4xCnA5CnRwMTAKUnAxMQpzVmJpZwpwMTIKTDExODA1OTE2MjA3MTc0MTEzMDM0MjRMCnNWbmVnCnAxMwpJLTUKc1ZmCnAxNApGMS4wCnNWcwpwMTUKY19fYnVpbHRpbl9fCnNldApwMTYKKChscDE3CkkxCmF0cDE4ClJwMTkKc1ZmcwpwMjAKY19fYnVpbHRpbl9fCmZyb3plbnNldApwMjEKKChscDIyCnRwMjMKUnAyNApzVnEKcDI1ClZpdCdzCnAyNgpzLg==",
  1: "fXEAKFgBAAAAYXEBSwFYAQAAAGJxAl1xAyhLAUdABAAAAAAAAE5JMDEKZVgBAAAAY3EEKFgBAAAAeHEFdHEGSwNjX2NvZGVjcwplbmNvZGUKcQcoWAMAAABoaQBxCFgGAAAAbGF0aW4xcQl0cQpScQtYAwAAAGJpZ3EMTDExODA1OTE2MjA3MTc0MTEzMDM0MjRMClgDAAAAbmVncQ1K+////1gBAAAAZnEORz/wAAAAAAAAWAEAAABzcQ9jX19idWlsdGluX18Kc2V0CnEQKF1xEUsBYXRxElJxE1gCAAAAZnNxFGNfX2J1aWx0aW5fXwpmcm96ZW5zZXQKcRUoXXEWdHEXUnEYWAEAAABxcRlYBAAAAGl0J3NxGnUu",
  2: "gAJ9cQAoWAEAAABhcQFLAVgBAAAAYnECXXEDKEsBR0AEAAAAAAAATohlWAEAAABjcQRYAQAAAHhxBYVxBksDY19jb2RlY3MKZW5jb2RlCnEHWAMAAABoaQBxCFgGAAAAbGF0aW4xcQmGcQpScQtYAwAAAGJpZ3EMigkAAAAAAAAAAEBYAwAAAG5lZ3ENSvv///9YAQAAAGZxDkc/8AAAAAAAAFgBAAAAc3EPY19fYnVpbHRpbl9fCnNldApxEF1xEUsBYYVxElJxE1gCAAAAZnNxFGNfX2J1aWx0aW5fXwpmcm96ZW5zZXQKcRVdcRaFcRdScRhYAQAAAHFxGVgEAAAAaXQnc3EadS4=",
  3: "gAN9cQAoWAEAAABhcQFLAVgBAAAAYnECXXEDKEsBR0AEAAAAAAAATohlWAEAAABjcQRYAQAAAHhxBYVxBksDQwNoaQBxB1gDAAAAYmlncQiKCQAAAAAAAAAAQFgDAAAAbmVncQlK+////1gBAAAAZnEKRz/wAAAAAAAAWAEAAABzcQtjYnVpbHRpbnMKc2V0CnEMXXENSwFhhXEOUnEPWAIAAABmc3EQY2J1aWx0aW5zCmZyb3plbnNldApxEV1xEoVxE1JxFFgBAAAAcXEVWAQAAABpdCdzcRZ1Lg==",
  4: "gASVeAAAAAAAAAB9lCiMAWGUSwGMAWKUXZQoSwFHQAQAAAAAAABOiGWMAWOUjAF4lIWUSwNDA2hpAJSMA2JpZ5SKCQAAAAAAAAAAQIwDbmVnlEr7////jAFmlEc/8AAAAAAAAIwBc5SPlChLAZCMAmZzlCiRlIwBcZSMBGl0J3OUdS4=",
  5: "gAWVeAAAAAAAAAB9lCiMAWGUSwGMAWKUXZQoSwFHQAQAAAAAAABOiGWMAWOUjAF4lIWUSwNDA2hpAJSMA2JpZ5SKCQAAAAAAAAAAQIwDbmVnlEr7////jAFmlEc/8AAAAAAAAIwBc5SPlChLAZCMAmZzlCiRlIwBcZSMBGl0J3OUdS4=",
};
const PYTHON_REPR = `{'a': 1, 'b': [1, 2.5, None, True], 'c': ('x',), 3: b'hi\\x00', 'big': 1180591620717411303424, 'neg': -5, 'f': 1.0, 's': {1}, 'fs': frozenset(), 'q': "it's"}`;

describe("pickle preview", () => {
  for (const p of [0, 1, 2, 3, 4, 5]) {
    it(`reads protocol ${p} as Python's repr`, () => {
      expect(previewPickle(b64(BY_PROTOCOL[p]))).toEqual({ previewable: true, type: "dict", repr: PYTHON_REPR, truncated: false });
    });
  }

  it("refuses classes and calls without building them", () => {
    // collections.OrderedDict(a=1), protocol 4; datetime.date(2020, 1, 1), protocol 2
    const od = previewPickle(b64("gASVKQAAAAAAAACMC2NvbGxlY3Rpb25zlIwLT3JkZXJlZERpY3SUk5QpUpSMAWGUSwFzLg=="));
    expect(od).toEqual({ previewable: false, reason: expect.stringContaining("collections.OrderedDict") });
    const date = previewPickle(b64("gAJjZGF0ZXRpbWUKZGF0ZQpxAGNfY29kZWNzCmVuY29kZQpxAVgFAAAAB8OkAQFxAlgGAAAAbGF0aW4xcQOGcQRScQWFcQZScQcu"));
    expect(date.previewable).toBe(false);
    // os.system("echo hi") in protocol 0: GLOBAL then REDUCE
    const evil = previewPickle(new TextEncoder().encode("cos\nsystem\n(S'echo hi'\ntR."));
    expect(evil).toEqual({ previewable: false, reason: expect.stringContaining("os.system") });
    // A known name used for something else is still refused.
    expect(previewPickle(new TextEncoder().encode("c_codecs\nencode\n(I1\ntR.")).previewable).toBe(false);
  });

  it("says so for bytes that are not a pickle", () => {
    expect(previewPickle(new Uint8Array([0x80, 4, 0x4a, 1]))).toEqual({ previewable: false, reason: expect.stringContaining("not a pickle") });
    expect(previewPickle(new Uint8Array([0xff])).previewable).toBe(false);
  });

  it("cuts long values at the limits and says it did", () => {
    const long = previewPickle(writePickle(Array.from({ length: 5000 }, (_, i) => i)), { maxChars: 20_000, maxItems: 100, maxDepth: 20, maxValues: 1e6 });
    expect(long.previewable && long.truncated).toBe(true);
    expect(long.previewable && long.repr.endsWith(", 99, ...]")).toBe(true);
    const wide = previewPickle(writePickle("x".repeat(50_000)), { maxChars: 1000, maxItems: 100, maxDepth: 20, maxValues: 1e6 });
    expect(wide.previewable && wide.repr.length).toBeLessThanOrEqual(1002);
    let deep: unknown = 1;
    for (let i = 0; i < 30; i++) deep = [deep];
    expect(previewPickle(writePickle(deep as never)).previewable).toBe(false);
    expect(previewPickle(writePickle(Array.from({ length: 50 }, () => 1)), { maxChars: 1e6, maxItems: 1e6, maxDepth: 20, maxValues: 10 }).previewable).toBe(
      false,
    );
  });

  it("round-trips what the demo's writer writes", () => {
    const value = new PyDict([
      ["n", 3],
      ["auc", new PyFloat(0.912)],
      ["one", new PyFloat(1)],
      ["t", new PyTuple([1, "a"])],
      ["s", new PySet(["x"])],
      ["neg", -(2 ** 40)],
      ["huge", 10n ** 30n],
      ["none", null],
      ["ok", false],
      ["text", "line\n'q'"],
    ]);
    const out = previewPickle(writePickle(value));
    expect(out).toEqual({
      previewable: true,
      type: "dict",
      truncated: false,
      repr: `{'n': 3, 'auc': 0.912, 'one': 1.0, 't': (1, 'a'), 's': {'x'}, 'neg': -1099511627776, 'huge': 1000000000000000000000000000000, 'none': None, 'ok': False, 'text': "line\\n'q'"}`,
    });
  });

  it("writes floats as Python does", () => {
    expect([1, 0.5, -0, 1e16, 1.5e-7, 123456.789].map(pyFloat)).toEqual(["1.0", "0.5", "-0.0", "1e+16", "1.5e-07", "123456.789"]);
  });
});
