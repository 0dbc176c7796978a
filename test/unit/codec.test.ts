import { pack, unpack } from 'msgpackr';
import { decodeMessage, encodeInts, encodeMessage, intArrayHeader, intArrayRoom, MAX_INT_BYTES, SET_BYTES } from '../../matches/shared/codec';
import { createRng, seedRng } from '../../matches/shared/rng';

const bytes = (b: ArrayBuffer) => Array.from(new Uint8Array(b));

/** The first `count` values as one array, the way snapshots are written: the first half as values, the rest as bytes encoded before. */
function encodeIntArray(values: Int32Array, count: number): ArrayBuffer {
  const half = count >> 1;
  const encoded = new Uint8Array(MAX_INT_BYTES * (count - half));
  const length = encodeInts(encoded, 0, values, half, count);
  const out = new Uint8Array(intArrayRoom(count));
  const p = encodeInts(out, intArrayHeader(out, count), values, 0, half);
  // The whole buffer, as snapshots copy their groups: bytes past `length` are overwritten or cut off.
  SET_BYTES.call(out, encoded, p);
  return out.buffer.slice(0, p + length);
}

describe('match message codec', () => {
  test('integer arrays written from an Int32Array and from bytes encoded before are exactly msgpackr bytes, at every boundary', () => {
    const edges = [0, 1, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x10000, 0x7fffffff, -1, -0x20, -0x21, -0x80, -0x81, -0x8000, -0x8001, -0x80000000];
    const rng = createRng(seedRng('codec'));
    const cases = [[], edges, Array.from({ length: 15 }, (_, i) => i), Array.from({ length: 16 }, (_, i) => i * 1000)];
    for (let i = 0; i < 200; i++) cases.push(Array.from({ length: rng.int(60) }, () => rng.int(0x100000000) - 0x80000000));
    // A long one: array16, several KB.
    cases.push(Array.from({ length: 1000 }, () => rng.int(0x100000000) - 0x80000000));
    for (const c of cases) {
      // Spare room after `count`: only the first `count` values are encoded.
      const values = new Int32Array(c.length + 3).fill(77);
      values.set(c);
      expect(bytes(encodeIntArray(values, c.length))).toEqual(Array.from(pack(c)));
      expect(decodeMessage(encodeIntArray(values, c.length))).toEqual(c);
    }
  });

  test('an ArrayBuffer payload is sent as is; anything else goes through msgpackr unchanged', () => {
    const encoded = encodeIntArray(new Int32Array([1, 2, 3]), 3);
    expect(encodeMessage(encoded)).toBe(encoded);
    for (const value of [[1, 2, 3], [1.5, 2], [1, 'a'], [0x100000000], { a: [1, 2] }, 'text', null]) {
      expect(bytes(encodeMessage(value))).toEqual(Array.from(pack(value)));
    }
  });

  test('client messages decode exactly as msgpackr decodes them; anything else falls back to msgpackr', () => {
    const rng = createRng(seedRng('decode'));
    const samples: unknown[] = [
      { x: 12345, y: -7 }, { round: 3, choice: 2 }, { dx: -1000, dy: 999, weapon: 1 }, [1, -1, 0x80, -0x81, 0xffffffff, -0x80000000],
      { nested: { a: [true, false, null] } }, 'plain', 0, -32, 127, 128,
      { price: 1.5 }, 'héllo', 'x'.repeat(40), Array.from({ length: 20 }, (_, i) => i), [0.25, -1e9],
      [0xff, 0x100, 0xffff, 0x10000, 0x7fffffff, 0x80000000, -0x20, -0x21, -0x80, -0x81, -0x8000, -0x8001, -0x7fffffff],
    ];
    for (let i = 0; i < 300; i++) samples.push({ x: rng.int(200000) - 100000, y: rng.int(0x100000000) - 0x80000000 });
    for (const value of samples) {
      const encoded = pack(value);
      expect(decodeMessage(encoded.buffer.slice(encoded.byteOffset, encoded.byteOffset + encoded.byteLength) as ArrayBuffer)).toEqual(unpack(encoded));
    }
    // Other encoders write small containers as fixmap/fixarray, msgpackr as map16/array16: both read.
    expect(decodeMessage(new Uint8Array([0x82, 0xa1, 0x78, 0x05, 0xa1, 0x79, 0xd1, 0xfc, 0x18]).buffer)).toEqual({ x: 5, y: -1000 });
    expect(decodeMessage(new Uint8Array([0xdc, 0x00, 0x02, 0x01, 0xff]).buffer)).toEqual([1, -1]);
    expect(() => decodeMessage(new Uint8Array([0x92, 0x01]).buffer)).toThrow();
    expect(() => decodeMessage(new Uint8Array([0xde, 0x00, 0x01, 0xa1]).buffer)).toThrow();
  });
});
