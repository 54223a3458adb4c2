// A pickle reader and writer for basic Python values only: None, bool, int,
// float, str, bytes, list, tuple, set, frozenset, dict (protocols 0–5).
// Objects (BUILD, INST, OBJ, NEWOBJ, extensions, persistent ids, out-of-band
// buffers) are refused, and so is every name but the few that protocols 0–3
// use to spell sets and bytes: nothing in a pickle is ever looked up or executed.

export class PyFloat {
  constructor(readonly value: number) {}
}
export class PyTuple {
  constructor(readonly items: PyValue[]) {}
}
export class PySet {
  constructor(
    readonly items: PyValue[],
    readonly frozen = false,
  ) {}
}
export class PyDict {
  constructor(readonly entries: [PyValue, PyValue][] = []) {}
}
export class PyByteArray {
  constructor(readonly bytes: Uint8Array) {}
}
export type PyValue = null | boolean | number | bigint | string | Uint8Array | PyFloat | PyTuple | PySet | PyDict | PyByteArray | PyValue[];

export class PickleRefused extends Error {}
export class PickleMalformed extends Error {}

const REFUSED: Record<number, string> = {
  0x62: "an object's state (BUILD)",
  0x69: "an object (INST)",
  0x6f: "an object (OBJ)",
  0x81: "an object (NEWOBJ)",
  0x92: "an object (NEWOBJ_EX)",
  0x82: "an extension",
  0x83: "an extension",
  0x84: "an extension",
  0x50: "a persistent id",
  0x51: "a persistent id",
  0x97: "an out-of-band buffer",
  0x98: "an out-of-band buffer",
};

const MARK = Symbol("mark");
/**
 * The only names a pickle may use: how protocols 0–3 spell sets and bytes
 * (builtins.set([...]), _codecs.encode("...", "latin1")). Flowdeck builds
 * these itself; the name is never looked up.
 */
class Known {
  constructor(readonly name: "set" | "frozenset" | "bytearray" | "encode") {}
}
const KNOWN: Record<string, Known["name"]> = {
  "builtins.set": "set",
  "__builtin__.set": "set",
  "builtins.frozenset": "frozenset",
  "__builtin__.frozenset": "frozenset",
  "builtins.bytearray": "bytearray",
  "__builtin__.bytearray": "bytearray",
  "_codecs.encode": "encode",
};
type Slot = PyValue | Known | typeof MARK;

function known(module: string, name: string): Known {
  const k = KNOWN[`${module}.${name}`];
  if (!k) throw new PickleRefused(`it holds a ${module}.${name} object`);
  return new Known(k);
}

function reduce(fn: Slot, args: Slot): PyValue {
  if (!(fn instanceof Known) || !(args instanceof PyTuple)) throw new PickleRefused("it holds a call that is not a basic value");
  const [a, b] = args.items;
  if (fn.name === "encode" && typeof a === "string" && (b === "latin1" || b === "latin-1")) {
    return Uint8Array.from(a, (c) => c.charCodeAt(0) & 0xff);
  }
  if ((fn.name === "set" || fn.name === "frozenset") && (a === undefined || Array.isArray(a))) return new PySet(a ?? [], fn.name === "frozenset");
  if (fn.name === "bytearray" && a instanceof Uint8Array) return new PyByteArray(a);
  if (fn.name === "bytearray" && args.items.length === 0) return new PyByteArray(new Uint8Array());
  if (fn.name === "bytearray" && typeof a === "string" && (b === "latin1" || b === "latin-1")) {
    return new PyByteArray(Uint8Array.from(a, (c) => c.charCodeAt(0) & 0xff));
  }
  throw new PickleRefused("it holds a call that is not a basic value");
}

class Reader {
  pos = 0;
  private readonly view: DataView;
  constructor(private readonly b: Uint8Array) {
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }
  need(n: number) {
    if (n < 0 || this.pos + n > this.b.length) throw new PickleMalformed("the pickle ends too early");
  }
  u8() {
    this.need(1);
    return this.b[this.pos++];
  }
  u16() {
    this.need(2);
    const v = this.view.getUint16(this.pos, true);
    this.pos += 2;
    return v;
  }
  i32() {
    this.need(4);
    const v = this.view.getInt32(this.pos, true);
    this.pos += 4;
    return v;
  }
  u32() {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }
  u64() {
    this.need(8);
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    if (v > BigInt(this.b.length)) throw new PickleMalformed("a length runs past the end of the pickle");
    return Number(v);
  }
  f64be() {
    this.need(8);
    const v = this.view.getFloat64(this.pos, false);
    this.pos += 8;
    return v;
  }
  bytes(n: number) {
    this.need(n);
    const v = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
  line() {
    const end = this.b.indexOf(0x0a, this.pos);
    if (end < 0) throw new PickleMalformed("the pickle ends too early");
    const v = new TextDecoder("latin1").decode(this.b.subarray(this.pos, end));
    this.pos = end + 1;
    return v;
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Little-endian two's complement, as LONG1/LONG4 store ints. */
function decodeLong(bytes: Uint8Array): number | bigint {
  if (!bytes.length) return 0;
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
  if (bytes[bytes.length - 1] & 0x80) v -= 1n << BigInt(bytes.length * 8);
  return smallInt(v);
}

const smallInt = (v: bigint): number | bigint => (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);

function textInt(s: string): number | bigint | boolean {
  const t = s.trim().replace(/L$/, "");
  if (t === "01") return true;
  if (t === "00") return false;
  if (!/^[-+]?\d+$/.test(t)) throw new PickleMalformed("a malformed integer");
  return smallInt(BigInt(t));
}

/** Reads one pickled value; throws PickleRefused for anything that is not a basic value. */
export function readPickle(data: Uint8Array, maxItems = 10_000_000): PyValue {
  const r = new Reader(data);
  let stack: Slot[] = [];
  const marks: Slot[][] = [];
  const memo = new Map<number, Slot>();
  let count = 0;
  const push = (v: PyValue) => {
    if (++count > maxItems) throw new PickleRefused(`it holds more than ${maxItems} values`);
    stack.push(v);
  };
  const popAny = (): PyValue | Known => {
    if (!stack.length) throw new PickleMalformed("the pickle pops an empty stack");
    const v = stack.pop()!;
    if (v === MARK) throw new PickleMalformed("unexpected mark");
    return v as PyValue | Known;
  };
  const pop = (): PyValue => {
    const v = popAny();
    if (v instanceof Known) throw new PickleRefused("it holds a function");
    return v;
  };
  const top = (): PyValue => {
    const v = stack.at(-1);
    if (v === undefined || v === MARK || v instanceof Known) throw new PickleMalformed("the pickle reads an empty stack");
    return v;
  };
  const topSlot = (): Slot => {
    const v = stack.at(-1);
    if (v === undefined || v === MARK) throw new PickleMalformed("the pickle memoizes an empty stack");
    return v;
  };
  const popMark = (): PyValue[] => {
    if (stack.some((x) => x instanceof Known)) throw new PickleRefused("it holds a function");
    const items = stack as PyValue[];
    const prev = marks.pop();
    if (!prev) throw new PickleMalformed("no mark to return to");
    stack = prev;
    return items;
  };
  const get = (k: number) => {
    if (!memo.has(k)) throw new PickleMalformed("the pickle reads a memo entry it never wrote");
    const v = memo.get(k)!;
    if (v instanceof Known) stack.push(v);
    else push(v as PyValue);
  };
  const setItems = (d: PyValue, items: PyValue[]) => {
    if (!(d instanceof PyDict)) throw new PickleMalformed("SETITEMS on something that is not a dict");
    for (let i = 0; i + 1 < items.length; i += 2) d.entries.push([items[i], items[i + 1]]);
  };
  const append = (l: PyValue, items: PyValue[]) => {
    if (!Array.isArray(l)) throw new PickleMalformed("APPEND on something that is not a list");
    for (const x of items) l.push(x);
  };
  for (;;) {
    const op = r.u8();
    if (REFUSED[op]) throw new PickleRefused(`it holds ${REFUSED[op]}`);
    switch (op) {
      case 0x80:
        r.u8();
        break; // PROTO
      case 0x63:
        stack.push(known(r.line(), r.line()));
        break; // GLOBAL
      case 0x93: {
        const name = pop();
        const moduleName = pop();
        stack.push(known(String(moduleName), String(name)));
        break;
      } // STACK_GLOBAL
      case 0x52: {
        const args = popAny();
        const fn = popAny();
        push(reduce(fn, args));
        break;
      } // REDUCE
      case 0x95:
        r.u64();
        break; // FRAME
      case 0x2e: {
        // STOP
        const v = pop();
        return v;
      }
      case 0x28:
        marks.push(stack);
        stack = [];
        break; // MARK
      case 0x30:
        pop();
        break; // POP
      case 0x31:
        popMark();
        break; // POP_MARK
      case 0x32:
        stack.push(stack.at(-1) ?? null);
        break; // DUP
      case 0x4e:
        push(null);
        break;
      case 0x88:
        push(true);
        break;
      case 0x89:
        push(false);
        break;
      case 0x4a:
        push(r.i32());
        break; // BININT
      case 0x4b:
        push(r.u8());
        break; // BININT1
      case 0x4d:
        push(r.u16());
        break; // BININT2
      case 0x8a:
        push(decodeLong(r.bytes(r.u8())));
        break; // LONG1
      case 0x8b: {
        const n = r.i32();
        push(decodeLong(r.bytes(n)));
        break;
      } // LONG4
      case 0x49:
        push(textInt(r.line()));
        break; // INT
      case 0x4c:
        push(textInt(r.line()) as number | bigint);
        break; // LONG
      case 0x47:
        push(new PyFloat(r.f64be()));
        break; // BINFLOAT
      case 0x46: {
        // FLOAT
        const v = Number(r.line());
        if (Number.isNaN(v)) throw new PickleMalformed("a malformed float");
        push(new PyFloat(v));
        break;
      }
      case 0x58:
        push(decodeUtf8(r.bytes(r.u32())));
        break; // BINUNICODE
      case 0x8c:
        push(decodeUtf8(r.bytes(r.u8())));
        break; // SHORT_BINUNICODE
      case 0x8d:
        push(decodeUtf8(r.bytes(r.u64())));
        break; // BINUNICODE8
      case 0x56:
        push(rawUnicodeEscape(r.line()));
        break; // UNICODE
      case 0x42: {
        const n = r.i32();
        push(r.bytes(n).slice());
        break;
      } // BINBYTES
      case 0x43:
        push(r.bytes(r.u8()).slice());
        break; // SHORT_BINBYTES
      case 0x8e:
        push(r.bytes(r.u64()).slice());
        break; // BINBYTES8
      case 0x96:
        push(new PyByteArray(r.bytes(r.u64()).slice()));
        break; // BYTEARRAY8
      case 0x55:
        push(new TextDecoder("latin1").decode(r.bytes(r.u8())));
        break; // SHORT_BINSTRING
      case 0x54: {
        const n = r.i32();
        push(new TextDecoder("latin1").decode(r.bytes(n)));
        break;
      } // BINSTRING
      case 0x29:
        push(new PyTuple([]));
        break; // EMPTY_TUPLE
      case 0x74:
        push(new PyTuple(popMark()));
        break; // TUPLE
      case 0x85:
        push(new PyTuple([pop()]));
        break;
      case 0x86: {
        const b = pop();
        const a = pop();
        push(new PyTuple([a, b]));
        break;
      }
      case 0x87: {
        const c = pop();
        const b = pop();
        const a = pop();
        push(new PyTuple([a, b, c]));
        break;
      }
      case 0x5d:
        push([]);
        break; // EMPTY_LIST
      case 0x6c:
        push(popMark());
        break; // LIST
      case 0x61: {
        const x = pop();
        append(top(), [x]);
        break;
      } // APPEND
      case 0x65: {
        const items = popMark();
        append(top(), items);
        break;
      } // APPENDS
      case 0x7d:
        push(new PyDict());
        break; // EMPTY_DICT
      case 0x64: {
        const d = new PyDict();
        setItems(d, popMark());
        push(d);
        break;
      } // DICT
      case 0x73: {
        const v = pop();
        const k = pop();
        setItems(top(), [k, v]);
        break;
      } // SETITEM
      case 0x75: {
        const items = popMark();
        setItems(top(), items);
        break;
      } // SETITEMS
      case 0x8f:
        push(new PySet([]));
        break; // EMPTY_SET
      case 0x90: {
        // ADDITEMS
        const items = popMark();
        const s = top();
        if (!(s instanceof PySet)) throw new PickleMalformed("ADDITEMS on something that is not a set");
        s.items.push(...items);
        break;
      }
      case 0x91:
        push(new PySet(popMark(), true));
        break; // FROZENSET
      case 0x70:
        memo.set(Number(r.line()), topSlot());
        break; // PUT
      case 0x71:
        memo.set(r.u8(), topSlot());
        break; // BINPUT
      case 0x72:
        memo.set(r.u32(), topSlot());
        break; // LONG_BINPUT
      case 0x94:
        memo.set(memo.size, topSlot());
        break; // MEMOIZE
      case 0x67:
        get(Number(r.line()));
        break; // GET
      case 0x68:
        get(r.u8());
        break; // BINGET
      case 0x6a:
        get(r.u32());
        break; // LONG_BINGET
      default:
        throw new PickleMalformed(`unknown opcode 0x${op.toString(16)}`);
    }
  }
}

function decodeUtf8(b: Uint8Array): string {
  try {
    return utf8.decode(b);
  } catch {
    // Python writes lone surrogates with surrogatepass; show them replaced.
    return new TextDecoder("utf-8").decode(b);
  }
}

function rawUnicodeEscape(s: string): string {
  return s.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_, a, b) => String.fromCodePoint(parseInt(a ?? b, 16)));
}

// ---- writer (protocol 4 without frames), for the demo's datastore and the tests ----

/** What the writer takes: JS values, with PyFloat/PyTuple/PyDict/PySet for what JS cannot say. */
export function writePickle(value: PyValue | Record<string, unknown>): Uint8Array {
  const out: number[] = [0x80, 4];
  const bytes = (b: ArrayLike<number>) => {
    for (let i = 0; i < b.length; i++) out.push(b[i]);
  };
  const u32 = (n: number) => bytes([n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]);
  const enc = new TextEncoder();
  const w = (v: unknown): void => {
    if (v === null || v === undefined) return void out.push(0x4e);
    if (v === true) return void out.push(0x88);
    if (v === false) return void out.push(0x89);
    if (typeof v === "number" && !Number.isInteger(v)) return w(new PyFloat(v));
    if (typeof v === "number" && v >= -(2 ** 31) && v < 2 ** 31) {
      out.push(0x4a);
      return u32(v >>> 0);
    }
    if (typeof v === "number" || typeof v === "bigint") {
      let n = BigInt(v);
      const b: number[] = [];
      do {
        b.push(Number(n & 0xffn));
        n >>= 8n;
      } while (!(n === 0n && !(b.at(-1)! & 0x80)) && !(n === -1n && b.at(-1)! & 0x80));
      out.push(0x8a, b.length);
      return bytes(b);
    }
    if (v instanceof PyFloat) {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setFloat64(0, v.value, false);
      out.push(0x47);
      return bytes(b);
    }
    if (typeof v === "string") {
      const b = enc.encode(v);
      out.push(0x58);
      u32(b.length);
      return bytes(b);
    }
    if (v instanceof Uint8Array) {
      out.push(0x42);
      u32(v.length);
      return bytes(v);
    }
    if (v instanceof PyTuple) {
      out.push(0x28);
      v.items.forEach(w);
      return void out.push(0x74);
    }
    if (Array.isArray(v)) {
      out.push(0x5d, 0x28);
      v.forEach(w);
      return void out.push(0x65);
    }
    if (v instanceof PySet) {
      if (v.frozen) {
        out.push(0x28);
        v.items.forEach(w);
        return void out.push(0x91);
      }
      out.push(0x8f, 0x28);
      v.items.forEach(w);
      return void out.push(0x90);
    }
    const entries = v instanceof PyDict ? v.entries : Object.entries(v as Record<string, unknown>);
    out.push(0x7d, 0x28);
    for (const [k, x] of entries) {
      w(k);
      w(x);
    }
    out.push(0x75);
  };
  w(value);
  out.push(0x2e);
  return Uint8Array.from(out);
}

/** A basic value as plain JSON-like JS (dicts with string keys become objects): for reading _graph_info. */
export function toPlain(v: PyValue): unknown {
  if (v instanceof PyFloat) return v.value;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof PyTuple) return v.items.map(toPlain);
  if (v instanceof PySet) return v.items.map(toPlain);
  if (v instanceof PyByteArray) return v.bytes;
  if (v instanceof PyDict) return Object.fromEntries(v.entries.map(([k, x]) => [String(toPlain(k)), toPlain(x)]));
  if (Array.isArray(v)) return v.map(toPlain);
  return v;
}
