import { OP } from '../../matches/br/protocol';
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
