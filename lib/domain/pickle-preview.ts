// A preview of an artifact's pickle: Python's repr of a basic value, cut at
// a size a page can show. Anything else is "not previewable", with why.
import { PickleMalformed, PickleRefused, PyByteArray, PyDict, PyFloat, PySet, PyTuple, readPickle, type PyValue } from "./pickle";

export type PicklePreview = { previewable: true; type: string; repr: string; truncated: boolean } | { previewable: false; reason: string };

export const PREVIEW_LIMITS = { maxChars: 20_000, maxItems: 1_000, maxDepth: 20, maxValues: 2_000_000 };

export function pyTypeName(v: PyValue): string {
  if (v === null) return "NoneType";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number" || typeof v === "bigint") return "int";
  if (typeof v === "string") return "str";
  if (v instanceof Uint8Array) return "bytes";
  if (v instanceof PyByteArray) return "bytearray";
  if (v instanceof PyFloat) return "float";
  if (v instanceof PyTuple) return "tuple";
  if (v instanceof PySet) return v.frozen ? "frozenset" : "set";
  if (v instanceof PyDict) return "dict";
  return "list";
}

/** Python's repr of a str: single quotes unless the text holds one and no double quote. */
export function pyStr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === q || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + q;
}

/** Python's repr of a float: always a decimal point or exponent (1.0, 1e+16). */
export function pyFloat(n: number): string {
  if (Number.isNaN(n)) return "nan";
  if (!Number.isFinite(n)) return n > 0 ? "inf" : "-inf";
  if (Object.is(n, -0)) return "-0.0";
  const abs = Math.abs(n);
  if (abs >= 1e16 || (abs < 1e-4 && abs !== 0)) {
    const [m, e] = n.toExponential().split("e");
    const exp = Number(e);
    return `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  const s = String(n);
  return s.includes(".") ? s : `${s}.0`;
}

function pyBytes(b: Uint8Array, max: number): string {
  let s = "";
  for (const c of b.subarray(0, max)) {
    if (c === 0x5c) s += "\\\\";
    else if (c === 0x27) s += "\\'";
    else if (c === 0x0a) s += "\\n";
    else if (c === 0x0d) s += "\\r";
    else if (c === 0x09) s += "\\t";
    else if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
    else s += `\\x${c.toString(16).padStart(2, "0")}`;
  }
  return `b'${s}'`;
}

class TooDeep extends Error {}

class Repr {
  out = "";
  truncated = false;
  constructor(private readonly limits: typeof PREVIEW_LIMITS) {}
  private full() {
    return this.out.length >= this.limits.maxChars;
  }
  private put(s: string) {
    if (this.full()) this.truncated = true;
    else this.out += s;
  }
  private seq(open: string, close: string, items: readonly unknown[], each: (item: unknown) => void, oneTuple = false) {
    this.put(open);
    for (let i = 0; i < items.length; i++) {
      if (i > 0) this.put(", ");
      if (i >= this.limits.maxItems || this.full()) {
        this.truncated = true;
        this.put("...");
        break;
      }
      each(items[i]);
    }
    if (oneTuple && items.length === 1) this.put(",");
    this.put(close);
  }
  value(v: PyValue, depth: number): void {
    if (depth > this.limits.maxDepth) throw new TooDeep();
    if (this.full()) {
      this.truncated = true;
      return;
    }
    if (v === null) return this.put("None");
    if (typeof v === "boolean") return this.put(v ? "True" : "False");
    if (typeof v === "number" || typeof v === "bigint") return this.put(String(v));
    if (typeof v === "string") return this.put(pyStr(v.length > this.limits.maxChars ? ((this.truncated = true), v.slice(0, this.limits.maxChars)) : v));
    if (v instanceof PyFloat) return this.put(pyFloat(v.value));
    if (v instanceof Uint8Array) return this.put(pyBytes(v, this.limits.maxChars));
    if (v instanceof PyByteArray) return this.put(`bytearray(${pyBytes(v.bytes, this.limits.maxChars)})`);
    const next = (x: unknown) => this.value(x as PyValue, depth + 1);
    if (v instanceof PyTuple) return this.seq("(", ")", v.items, next, true);
    if (v instanceof PySet) {
      if (!v.items.length) return this.put(v.frozen ? "frozenset()" : "set()");
      if (v.frozen) this.put("frozenset(");
      this.seq("{", "}", v.items, next);
      if (v.frozen) this.put(")");
      return;
    }
    if (v instanceof PyDict) {
      return this.seq("{", "}", v.entries, (e) => {
        const [k, x] = e as [PyValue, PyValue];
        next(k);
        this.put(": ");
        next(x);
      });
    }
    return this.seq("[", "]", v, next);
  }
}

/** Previews decompressed pickle bytes; never throws, never executes anything. */
export function previewPickle(bytes: Uint8Array, limits = PREVIEW_LIMITS): PicklePreview {
  let value: PyValue;
  try {
    value = readPickle(bytes, limits.maxValues);
  } catch (e) {
    if (e instanceof PickleRefused) return { previewable: false, reason: `Not previewable: ${e.message}, not only basic values.` };
    if (e instanceof PickleMalformed) return { previewable: false, reason: `Not previewable: not a pickle Flowdeck can read (${e.message}).` };
    return { previewable: false, reason: "Not previewable: not a pickle Flowdeck can read." };
  }
  const repr = new Repr(limits);
  try {
    repr.value(value, 0);
  } catch (e) {
    if (e instanceof TooDeep) return { previewable: false, reason: `Not previewable: nested deeper than ${limits.maxDepth} levels.` };
    throw e;
  }
  return { previewable: true, type: pyTypeName(value), repr: repr.out, truncated: repr.truncated };
}
