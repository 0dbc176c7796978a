import { pack, unpack } from 'msgpackr';

/**
 * Match messages are msgpack. Nakama hands message data in as an ArrayBuffer and accepts only an
 * ArrayBuffer or a string from broadcastMessage (a Uint8Array is refused), hence the conversions.
 * A payload that is already an ArrayBuffer was encoded by the rules (encodeIntArray) and goes as is.
 */
export function encodeMessage(value: unknown): ArrayBuffer {
  if (value instanceof ArrayBuffer) return value;
  const bytes = pack(value);
  // Why slice: pack may return a view into a larger reused buffer; send exactly these bytes.
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Decode a client message; throws on bytes that are not msgpack. */
export function decodeMessage(data: ArrayBuffer): unknown {
  const bytes = new Uint8Array(data);
  buf = bytes;
  pos = 0;
  end = data.byteLength;
  const value = readSmall();
  // Anything the small reader does not handle, or trailing bytes, goes to msgpackr (which also
  // produces the errors for malformed input).
  return value !== UNHANDLED && pos === end ? value : unpack(bytes);
}

const UNHANDLED = {};

/**
 * The small reader's input: the bytes, the read position and the length. Module-level `let`s, not
 * an object, and the length kept apart: in Goja, a variable is cheaper than a property, and a named
 * property of a typed array (`bytes.length`) is looked up by first trying to parse the name as an
 * index. Safe: a match VM runs one handler at a time, and Nakama does not freeze `let` bindings.
 */
let buf = new Uint8Array(0);
let pos = 0;
let end = 0;

/**
 * Client messages are small maps and arrays (under 16 entries, as fix or 16-bit containers) of
 * integers and short ASCII strings; this reads just those, with the same results as msgpackr
 * (test/unit/codec.test.ts), about 3x cheaper in Goja.
 * Returns UNHANDLED for anything else (floats, binary, long or non-ASCII strings, big containers).
 */
function readSmall(): unknown {
  const b = buf;
  if (pos >= end) return UNHANDLED;
  const t = b[pos++];
  if (t < 0x80) return t;
  if (t >= 0xe0) return t - 0x100;
  // fixmap, or map16 with few entries (msgpackr writes every map as map16).
  const mapSize = t <= 0x8f ? t & 0x0f : t === 0xde && pos + 2 <= end && b[pos] === 0 && b[pos + 1] < 16 ? b[(pos += 2) - 1] : -1;
  if (mapSize >= 0) {
    const map: { [key: string]: unknown } = {};
    for (let i = 0; i < mapSize; i++) {
      const key = readSmall();
      if (typeof key !== 'string') return UNHANDLED;
      const value = readSmall();
      if (value === UNHANDLED) return UNHANDLED;
      map[key] = value;
    }
    return map;
  }
  const listSize = t >= 0x90 && t <= 0x9f ? t & 0x0f : t === 0xdc && pos + 2 <= end && b[pos] === 0 && b[pos + 1] < 16 ? b[(pos += 2) - 1] : -1;
  if (listSize >= 0) {
    const list: unknown[] = [];
    for (let i = 0; i < listSize; i++) {
      const value = readSmall();
      if (value === UNHANDLED) return UNHANDLED;
      list.push(value);
    }
    return list;
  }
  if (t >= 0xa0 && t <= 0xbf) {
    const stop = pos + (t & 0x1f);
    if (stop > end) return UNHANDLED;
    let text = '';
    for (let i = pos; i < stop; i++) {
      if (b[i] >= 0x80) return UNHANDLED;
      text += String.fromCharCode(b[i]);
    }
    pos = stop;
    return text;
  }
  if (t === 0xc0) return null;
  if (t === 0xc2 || t === 0xc3) return t === 0xc3;
  // Integers: uint8/16/32 (0xcc-0xce) and int8/16/32 (0xd0-0xd2, two's complement). A switch, not
  // a lookup table: numeric property keys are slow in Goja.
  const p = pos;
  switch (t) {
    case 0xcc: return p + 1 <= end ? ((pos = p + 1), b[p]) : UNHANDLED;
    case 0xcd: return p + 2 <= end ? ((pos = p + 2), (b[p] << 8) | b[p + 1]) : UNHANDLED;
    case 0xce: return p + 4 <= end ? ((pos = p + 4), ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0) : UNHANDLED;
    case 0xd0: return p + 1 <= end ? ((pos = p + 1), (b[p] << 24) >> 24) : UNHANDLED;
    case 0xd1: return p + 2 <= end ? ((pos = p + 2), (((b[p] << 8) | b[p + 1]) << 16) >> 16) : UNHANDLED;
    case 0xd2: return p + 4 <= end ? ((pos = p + 4), (b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) : UNHANDLED;
    default: return UNHANDLED;
  }
}

/**
 * The first `count` integers of `values` as a msgpack array: exactly the bytes msgpackr writes for
 * the same number[] (test/unit/codec.test.ts compares them). Why: the hottest messages (battle
 * royale snapshots) are such arrays, and filling a reused Int32Array and encoding it here costs Goja
 * about half of building a number[] and encoding that (no push per value, no type check per value:
 * an Int32Array holds only 32-bit integers).
 */
export function encodeIntArray(values: Int32Array, count: number): ArrayBuffer {
  const out = 3 + 5 * count <= SCRATCH_SIZE ? SCRATCH : new Uint8Array(3 + 5 * count);
  let p = 0;
  if (count < 16) out[p++] = 0x90 | count;
  else { out[0] = 0xdc; out[1] = count >> 8; out[2] = count; p = 3; }
  for (let i = 0; i < count; i++) {
    const v = values[i];
    if (v >= 0) {
      if (v < 0x80) out[p++] = v;
      else if (v < 0x100) { out[p] = 0xcc; out[p + 1] = v; p += 2; }
      else if (v < 0x10000) { out[p] = 0xcd; out[p + 1] = v >> 8; out[p + 2] = v; p += 3; }
      else { out[p] = 0xce; out[p + 1] = v >>> 24; out[p + 2] = v >> 16; out[p + 3] = v >> 8; out[p + 4] = v; p += 5; }
    } else if (v >= -0x20) out[p++] = v;
    else if (v >= -0x80) { out[p] = 0xd0; out[p + 1] = v; p += 2; }
    else if (v >= -0x8000) { out[p] = 0xd1; out[p + 1] = v >> 8; out[p + 2] = v; p += 3; }
    else { out[p] = 0xd2; out[p + 1] = v >> 24; out[p + 2] = v >> 16; out[p + 3] = v >> 8; out[p + 4] = v; p += 5; }
  }
  // SCRATCH_BUFFER, not out.buffer: a named property of a typed array is slow in Goja.
  return (out === SCRATCH ? SCRATCH_BUFFER : out.buffer).slice(0, p) as ArrayBuffer;
}

/**
 * Reused output buffer of encodeIntArray (the bytes are copied out by slice). Module-level: safe,
 * as Nakama freezes only objects held by properties of the global object, and a match VM runs one
 * handler at a time.
 */
const SCRATCH_SIZE = 4096;
const SCRATCH = new Uint8Array(SCRATCH_SIZE);
const SCRATCH_BUFFER = SCRATCH.buffer;
