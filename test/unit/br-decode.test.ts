import { pack } from 'msgpackr';
import { OP } from '../../matches/br/protocol';
import { decodeMessage } from '../../matches/shared/codec';
import { createRng, seedRng } from '../../matches/shared/rng';
import { BR_RULES } from '../../matches/br/rules';
import { MALFORMED } from '../../matches/br/bots';

describe('decode', () => {
  const decode = (opCode: number, payload: unknown) => BR_RULES.decode('u0', opCode, payload);
  test.each([
    [OP.MOVE, { x: 'north', y: 0 }, 'x: must be an integer'],
    [OP.MOVE, { x: 1.5, y: 0 }, 'x: must be an integer'],
    [OP.MOVE, { x: -1, y: 0 }, 'x: must be 0..100000'],
    [OP.MOVE, { y: 0 }, 'x: required'],
    [OP.MOVE, { x: 0, y: 1e12 }, 'y: must be 0..100000'],
    [OP.MOVE, [1, 2], 'payload: must be a map {x, y}'],
    [OP.MOVE, null, 'payload: must be a map {x, y}'],
    [OP.SHOOT, { dx: 0, dy: 0, weapon: 0 }, 'dx: direction (dx, dy) must not be (0, 0)'],
    [OP.SHOOT, { dx: 1, dy: 5000, weapon: 0 }, 'dy: must be -1000..1000'],
    [OP.SHOOT, { dx: 1, dy: 1, weapon: 99 }, 'weapon: must be 0..2'],
    [OP.SHOOT, { dx: 1, dy: 1 }, 'weapon: required'],
    [OP.SHOOT, 'bang', 'payload: must be a map {dx, dy, weapon}'],
    [7, {}, 'unknown op code 7'],
  ])('op %s %j is refused: %s', (opCode, payload, reason) => {
    expect(decode(opCode, payload)).toBe(reason);
  });

  test('a 64-bit integer (decoded as a BigInt) is refused like any non-number', () => {
    expect(decode(OP.MOVE, { x: 0, y: BigInt(5) })).toBe('y: must be an integer');
  });

  test('every malformed message the bots send is refused with a reason naming the field', () => {
    for (const m of MALFORMED) expect(decode(m.opCode, m.payload)).toMatch(/^(payload|x|y|dx|dy|weapon): |^unknown op code \d+$/);
  });

  test('valid payloads become inputs (extra fields ignored, -0 normalised)', () => {
    expect(decode(OP.MOVE, { x: 10, y: 100000, extra: true })).toEqual({ kind: 'move', userId: 'u0', x: 10, y: 100000 });
    const input = decode(OP.SHOOT, { dx: -0, dy: -1000, weapon: 2 }) as { dx: number };
    expect(input).toEqual({ kind: 'shoot', userId: 'u0', dx: 0, dy: -1000, weapon: 2 });
    expect(Object.is(input.dx, 0)).toBe(true);
  });
});

describe('decode from bytes (the fast path the adapter tries first)', () => {
  const general = (opCode: number, bytes: Uint8Array) => {
    try {
      return BR_RULES.decode('u0', opCode, decodeMessage(new Uint8Array(bytes).buffer as ArrayBuffer));
    } catch {
      return 'payload is not valid msgpack';
    }
  };
  const fast = (opCode: number, bytes: Uint8Array) => BR_RULES.decodeBytes!('u0', opCode, bytes, bytes.length);

  test('valid MOVEs and SHOOTs as clients encode them take the fast path, with the inputs decode gives', () => {
    const rng = createRng(seedRng('fast-decode'));
    for (let i = 0; i < 500; i++) {
      const move = { x: rng.int(100001), y: rng.int(100001) };
      expect(fast(OP.MOVE, pack(move))).toEqual({ kind: 'move', userId: 'u0', ...move });
      const shot = { dx: rng.int(2001) - 1000, dy: rng.int(2001) - 1000 || 1, weapon: rng.int(3) };
      expect(fast(OP.SHOOT, pack(shot))).toEqual({ kind: 'shoot', userId: 'u0', ...shot });
    }
    // The same maps as fixmaps, as other msgpack encoders write them.
    expect(fast(OP.MOVE, new Uint8Array([0x82, 0xa1, 0x78, 0x05, 0xa1, 0x79, 0xce, 0x00, 0x01, 0x86, 0xa0]))).toEqual({ kind: 'move', userId: 'u0', x: 5, y: 100000 });
  });

  test('anything else is left to the general path (null), never decoded differently', () => {
    const rng = createRng(seedRng('fast-decode-other'));
    const values = [0, 1, -1, 127, 128, 255, 256, 65535, 65536, 100000, 100001, -1000, -1001, 0x7fffffff, 0x80000000, -0x80000000, 1.5, 'x', null, true];
    const pick = () => values[rng.int(values.length)];
    const samples: unknown[] = [
      { y: 1, x: 1 }, { x: 1 }, { x: 1, y: 2, z: 3 }, [1, 2], 'move', { dx: 0, dy: 0, weapon: 0 }, { dy: 1, dx: 1, weapon: 0 },
    ];
    for (let i = 0; i < 2000; i++) samples.push({ x: pick(), y: pick() }, { dx: pick(), dy: pick(), weapon: pick() });
    let taken = 0;
    for (const opCode of [OP.MOVE, OP.SHOOT, 7]) {
      for (const sample of samples) {
        const bytes = pack(sample);
        const result = fast(opCode, bytes);
        if (result !== null) {
          taken += 1;
          expect(result).toEqual(general(opCode, bytes));
        }
        // Truncated or padded bytes are never read as an input.
        expect(fast(opCode, bytes.subarray(0, bytes.length - 1))).toBeNull();
        const padded = new Uint8Array(bytes.length + 1);
        padded.set(bytes);
        expect(fast(opCode, padded)).toBeNull();
      }
    }
    expect(taken).toBeGreaterThan(100);
  });
});
