import { MAX_DIRECTION, OP } from './protocol';
import type { BrSettings } from './settings';

/** A client message the rules accept, after decode checked every field. */
export type BrInput =
  | { kind: 'move'; userId: string; x: number; y: number }
  | { kind: 'shoot'; userId: string; dx: number; dy: number; weapon: number };

/** Op code of each input kind (for rejections from the rules). */
export const INPUT_OP = { move: OP.MOVE, shoot: OP.SHOOT } as const;

/** An integer in lo..hi, normalised (-0 becomes 0), or the reason it is not (a string). */
function intField(body: { [key: string]: unknown }, name: string, lo: number, hi: number): number | string {
  const v = body[name];
  if (v === undefined) return `${name}: required`;
  if (typeof v !== 'number' || !Number.isInteger(v)) return `${name}: must be an integer`;
  if (v < lo || v > hi) return `${name}: must be ${lo}..${hi}`;
  return v + 0;
}

/**
 * Check an already msgpack-decoded client payload completely. Returns the input, or the reason it
 * is refused, naming the field. Extra fields are ignored.
 */
export function decodeBrInput(settings: BrSettings, userId: string, opCode: number, payload: unknown): BrInput | string {
  if (opCode !== OP.MOVE && opCode !== OP.SHOOT) return `unknown op code ${opCode}`;
  const shape = opCode === OP.MOVE ? '{x, y}' : '{dx, dy, weapon}';
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload) || payload instanceof Uint8Array) {
    return `payload: must be a map ${shape}`;
  }
  const body = payload as { [key: string]: unknown };
  if (opCode === OP.MOVE) {
    const x = intField(body, 'x', 0, settings.mapSize);
    if (typeof x === 'string') return x;
    const y = intField(body, 'y', 0, settings.mapSize);
    if (typeof y === 'string') return y;
    return { kind: 'move', userId, x, y };
  }
  const dx = intField(body, 'dx', -MAX_DIRECTION, MAX_DIRECTION);
  if (typeof dx === 'string') return dx;
  const dy = intField(body, 'dy', -MAX_DIRECTION, MAX_DIRECTION);
  if (typeof dy === 'string') return dy;
  if (dx === 0 && dy === 0) return 'dx: direction (dx, dy) must not be (0, 0)';
  const weapon = intField(body, 'weapon', 0, settings.weapons.length - 1);
  if (typeof weapon === 'string') return weapon;
  return { kind: 'shoot', userId, dx, dy, weapon };
}
