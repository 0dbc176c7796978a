import { pack, unpack } from 'msgpackr';

/**
 * Match messages are msgpack. Nakama hands message data in as an ArrayBuffer and accepts only an
 * ArrayBuffer or a string from broadcastMessage (a Uint8Array is refused), hence the conversions.
 * A payload that is already an ArrayBuffer was encoded by the rules (intArrayHeader...) and goes as is.
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
 * (test/unit/codec.test.ts), several times cheaper in Goja. Dispatch is ordered by how often a type
 * byte comes (small integers, key strings, 16-bit integers, maps) to keep the comparisons per item
 * few. Returns UNHANDLED for anything else (floats, binary, long or non-ASCII strings, big containers).
 */
function readSmall(): unknown {
  if (pos >= end) return UNHANDLED;
  const b = buf;
  const t = b[pos++];
  if (t < 0x80) return t;
  if (t >= 0xe0) return t - 0x100;
  if (t >= 0xa0 && t <= 0xbf) return readString(t & 0x1f);
  if (t < 0xa0) return t <= 0x8f ? readMap(t & 0x0f) : readList(t & 0x0f);
  // Integers: uint8/16/32 (0xcc-0xce) and int8/16/32 (0xd0-0xd2, two's complement). A switch, not
  // a lookup table: numeric property keys are slow in Goja.
  const p = pos;
  switch (t) {
    case 0xcd: return p + 2 <= end ? ((pos = p + 2), (b[p] << 8) | b[p + 1]) : UNHANDLED;
    case 0xcc: return p + 1 <= end ? ((pos = p + 1), b[p]) : UNHANDLED;
    case 0xce: return p + 4 <= end ? ((pos = p + 4), ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0) : UNHANDLED;
    case 0xd0: return p + 1 <= end ? ((pos = p + 1), (b[p] << 24) >> 24) : UNHANDLED;
    case 0xd1: return p + 2 <= end ? ((pos = p + 2), (((b[p] << 8) | b[p + 1]) << 16) >> 16) : UNHANDLED;
    case 0xd2: return p + 4 <= end ? ((pos = p + 4), (b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) : UNHANDLED;
    // map16 / array16 with few entries (msgpackr writes every map as map16).
    case 0xde: return p + 2 <= end && b[p] === 0 && b[p + 1] < 16 ? ((pos = p + 2), readMap(b[p + 1])) : UNHANDLED;
    case 0xdc: return p + 2 <= end && b[p] === 0 && b[p + 1] < 16 ? ((pos = p + 2), readList(b[p + 1])) : UNHANDLED;
    case 0xc0: return null;
    case 0xc2: return false;
    case 0xc3: return true;
    default: return UNHANDLED;
  }
}

/**
 * A map of `size` entries. One-character keys and values 0..0xffff (a MOVE is {x, y}) are read
 * inline, without a call each: most of what a tick decodes.
 */
function readMap(size: number): unknown {
  const map: { [key: string]: unknown } = {};
  const b = buf;
  for (let i = 0; i < size; i++) {
    let key: unknown;
    if (pos + 2 <= end && b[pos] === 0xa1 && b[pos + 1] < 0x80) {
      key = ASCII[b[pos + 1]];
      pos += 2;
    } else {
      key = readSmall();
      if (typeof key !== 'string') return UNHANDLED;
    }
    let value: unknown;
    const t = pos < end ? b[pos] : 0xc1;
    if (t < 0x80) {
      value = t;
      pos += 1;
    } else if (t === 0xcd && pos + 3 <= end) {
      value = (b[pos + 1] << 8) | b[pos + 2];
      pos += 3;
    } else {
      value = readSmall();
      if (value === UNHANDLED) return UNHANDLED;
    }
    map[key as string] = value;
  }
  return map;
}

function readList(size: number): unknown {
  const list: unknown[] = [];
  for (let i = 0; i < size; i++) {
    const value = readSmall();
    if (value === UNHANDLED) return UNHANDLED;
    list.push(value);
  }
  return list;
}

/** An ASCII string of `length` bytes (a one-character key is one array read). */
function readString(length: number): unknown {
  const stop = pos + length;
  if (stop > end) return UNHANDLED;
  const b = buf;
  let text = '';
  for (let i = pos; i < stop; i++) {
    const c = b[i];
    if (c >= 0x80) return UNHANDLED;
    text += ASCII[c];
  }
  pos = stop;
  return text;
}

/** Field names (ASCII, 1 to 31 characters) as the msgpack bytes of each, for readIntFields. */
export function fieldKeys(names: string[]): number[][] {
  return names.map((name) => [0xa0 | name.length, ...Array.from(name, (c) => c.charCodeAt(0))]);
}

/**
 * Read bytes[0..length) as exactly the map {names[0]: int, names[1]: int, ...} (keys from
 * fieldKeys(names), in that order), with 32-bit integer values and nothing after it. Fills `into`
 * and returns true, or returns false for anything else (other keys or order, other value types,
 * extra bytes), which the caller then decodes the general way. For the hottest client messages (a
 * MOVE is {x, y}), read without building a payload object first.
 */
export function readIntFields(bytes: Uint8Array, length: number, keys: number[][], into: number[]): boolean {
  const b = bytes;
  const count = keys.length;
  let p = mapStart(b, length, count);
  for (let i = 0; i < count && p >= 0; i++) {
    const key = keys[i];
    const size = key.length;
    // Every key is at least its header and one character; a one-character key needs no loop.
    if (p + size >= length || b[p] !== key[0] || b[p + 1] !== key[1]) return false;
    for (let k = 2; k < size; k++) if (b[p + k] !== key[k]) return false;
    p = readInt(b, p + size, length);
    into[i] = intValue;
  }
  return p === length;
}

/**
 * readIntFields for the map {a: int, b: int} of two one-character keys (char codes a and b): the
 * same result, unrolled (a MOVE {x, y} comes from every player every tick), with fixint, uint16 and
 * uint32 values read inline. `bytes` must hold exactly `length` bytes: a read past the end gives
 * undefined, which fails the next key's check, so only the end needs a length check.
 */
export function readIntPair(bytes: Uint8Array, length: number, a: number, b: number, into: number[]): boolean {
  const bs = bytes;
  const h = bs[0];
  let p = h === 0x82 ? 1 : h === 0xde && bs[1] === 0 && bs[2] === 2 ? 3 : -1;
  if (p < 0 || bs[p] !== 0xa1 || bs[p + 1] !== a) return false;
  let t = bs[p + 2];
  if (t < 0x80) {
    into[0] = t;
    p += 3;
  } else if (t === 0xcd) {
    into[0] = (bs[p + 3] << 8) | bs[p + 4];
    p += 5;
  } else if (t === 0xce && bs[p + 3] < 0x80) {
    into[0] = (bs[p + 3] << 24) | (bs[p + 4] << 16) | (bs[p + 5] << 8) | bs[p + 6];
    p += 7;
  } else {
    p = readInt(bs, p + 2, length);
    if (p < 0) return false;
    into[0] = intValue;
  }
  if (bs[p] !== 0xa1 || bs[p + 1] !== b) return false;
  t = bs[p + 2];
  if (t < 0x80) {
    into[1] = t;
    return p + 3 === length;
  }
  if (t === 0xcd) {
    into[1] = (bs[p + 3] << 8) | bs[p + 4];
    return p + 5 === length;
  }
  if (t === 0xce && bs[p + 3] < 0x80) {
    into[1] = (bs[p + 3] << 24) | (bs[p + 4] << 16) | (bs[p + 5] << 8) | bs[p + 6];
    return p + 7 === length;
  }
  p = readInt(bs, p + 2, length);
  into[1] = intValue;
  return p === length;
}

/** Where the entries of a map of `count` (< 16) entries start: after a fixmap or map16 header; -1 if none is there. */
function mapStart(b: Uint8Array, length: number, count: number): number {
  if (length > 0 && b[0] === (0x80 | count)) return 1;
  if (length > 2 && b[0] === 0xde && b[1] === 0 && b[2] === count) return 3;
  return -1;
}

/** The integer read by the last readInt. */
let intValue = 0;

/** Read a 32-bit integer at p (p < length) into intValue; returns the position after it, or -1. */
function readInt(b: Uint8Array, p: number, length: number): number {
  const t = b[p];
  if (t < 0x80) { intValue = t; return p + 1; }
  if (t === 0xcd) { if (p + 3 > length) return -1; intValue = (b[p + 1] << 8) | b[p + 2]; return p + 3; }
  if (t === 0xce) { if (p + 5 > length || b[p + 1] >= 0x80) return -1; intValue = (b[p + 1] << 24) | (b[p + 2] << 16) | (b[p + 3] << 8) | b[p + 4]; return p + 5; }
  if (t >= 0xe0) { intValue = t - 0x100; return p + 1; }
  if (t === 0xcc) { if (p + 2 > length) return -1; intValue = b[p + 1]; return p + 2; }
  if (t === 0xd0) { if (p + 2 > length) return -1; intValue = (b[p + 1] << 24) >> 24; return p + 2; }
  if (t === 0xd1) { if (p + 3 > length) return -1; intValue = (((b[p + 1] << 8) | b[p + 2]) << 16) >> 16; return p + 3; }
  if (t === 0xd2) { if (p + 5 > length) return -1; intValue = (b[p + 1] << 24) | (b[p + 2] << 16) | (b[p + 3] << 8) | b[p + 4]; return p + 5; }
  return -1;
}

/** The one-character string of each ASCII code. */
const ASCII = Array.from({ length: 0x80 }, (_, code) => String.fromCharCode(code));

/** The most bytes one 32-bit integer takes in msgpack. */
export const MAX_INT_BYTES = 5;

/**
 * Encode values[from..to) (32-bit integers) into `bytes` at `p` (MAX_INT_BYTES of room per value);
 * returns the end. Plain arrays are the cheaper source in Goja: reading an integer over 255 back
 * from a typed array allocates.
 */
export function encodeInts(bytes: Uint8Array, p: number, values: ArrayLike<number>, from: number, to: number): number {
  const b = bytes;
  let v: number; // before the loop: see "Hot paths in Goja" in docs/architecture.md
  for (let i = from; i < to; i++) {
    v = values[i];
    if (v >= 0) {
      if (v < 0x80) b[p++] = v;
      else if (v < 0x100) { b[p] = 0xcc; b[p + 1] = v; p += 2; }
      else if (v < 0x10000) { b[p] = 0xcd; b[p + 1] = v >> 8; b[p + 2] = v; p += 3; }
      else { b[p] = 0xce; b[p + 1] = v >>> 24; b[p + 2] = v >> 16; b[p + 3] = v >> 8; b[p + 4] = v; p += 5; }
    } else if (v >= -0x20) b[p++] = v;
    else if (v >= -0x80) { b[p] = 0xd0; b[p + 1] = v; p += 2; }
    else if (v >= -0x8000) { b[p] = 0xd1; b[p + 1] = v >> 8; b[p + 2] = v; p += 3; }
    else { b[p] = 0xd2; b[p + 1] = v >> 24; b[p + 2] = v >> 16; b[p + 3] = v >> 8; b[p + 4] = v; p += 5; }
  }
  return p;
}

/**
 * Arrays of 32-bit integers for the hottest messages (battle royale snapshots) are written straight
 * to msgpack bytes: exactly the bytes msgpackr writes for the same number[] (test/unit/codec.test.ts),
 * at a fraction of the cost in Goja. The writer owns the buffer (intArrayRoom bytes at least): it
 * writes the header (intArrayHeader), then integers with encodeInts, and copies integers encoded
 * earlier (e.g. once per tick for a player that many snapshots show) with SET_BYTES.
 */
export function intArrayRoom(count: number): number {
  return 3 + MAX_INT_BYTES * count;
}

/** Write the header of an array of `count` items at the start of `bytes`; returns where the items start. */
export function intArrayHeader(bytes: Uint8Array, count: number): number {
  if (count < 16) {
    bytes[0] = 0x90 | count;
    return 1;
  }
  bytes[0] = 0xdc;
  bytes[1] = count >> 8;
  bytes[2] = count;
  return 3;
}

/** Uint8Array.prototype.set, called on a target (SET_BYTES.call(target, bytes, at)): no lookup of a named property of a typed array per call. */
export const SET_BYTES = Uint8Array.prototype.set;
