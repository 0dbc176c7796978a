import { fieldKeys, readIntFields, readIntPair } from '../shared/codec';
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

const SHOOT_KEYS = fieldKeys(['dx', 'dy', 'weapon']);

/**
 * The common case read straight from the message bytes: a valid MOVE {x, y} or SHOOT {dx, dy,
 * weapon} with its fields in that order and nothing else. The decoder returns what decodeBrInput
 * returns for the same message, or null for anything else (which then takes the general path with
 * its reasons). A closure over the settings' bounds: the adapter calls it directly for every
 * message, with no call in between.
 */
export function brBytesDecoder(settings: BrSettings): (userId: string, opCode: number, bytes: Uint8Array, length: number) => BrInput | null {
  const max = settings.mapSize;
  const weapons = settings.weapons.length;
  // A plain array: reading an integer over 255 back from a typed array allocates in Goja.
  const f = [0, 0, 0];
  return (userId, opCode, bytes, length) => {
    if (opCode === OP.MOVE) {
      if (!readIntPair(bytes, length, 0x78, 0x79, f)) return null; // {x, y}
      const x = f[0];
      const y = f[1];
      return x >= 0 && x <= max && y >= 0 && y <= max ? { kind: 'move', userId, x, y } : null;
    }
    if (opCode !== OP.SHOOT || !readIntFields(bytes, length, SHOOT_KEYS, f)) return null;
    const dx = f[0];
    const dy = f[1];
    const weapon = f[2];
    const ok = dx >= -MAX_DIRECTION && dx <= MAX_DIRECTION && dy >= -MAX_DIRECTION && dy <= MAX_DIRECTION && (dx !== 0 || dy !== 0) && weapon >= 0 && weapon < weapons;
    return ok ? { kind: 'shoot', userId, dx, dy, weapon } : null;
  };
}
