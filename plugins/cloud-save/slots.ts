/**
 * Cloud save rules as pure data (docs/retention.md "Cloud save"): slot names, the caps, what a slot
 * may hold, and the conflict message clients parse to resolve a stale write.
 */
import { runtimeError, type RuntimeError } from '../../core/errors';
import { isPlainObject } from '../../core/shape';
import { isStorableText, utf8Length } from '../../core/validate';

/** A slot's name (its storage key): what the game calls the save, e.g. `main`, `profile-2`. */
export const SLOT_NAME = /^[a-z0-9_-]{1,32}$/;
/** Slots a player keeps per game. */
export const MAX_SLOTS = 5;
/** A slot's data, as JSON in UTF-8, is at most this many bytes. */
export const MAX_SAVE_BYTES = 64 * 1024;
/** save_put payloads may exceed the data cap by this much (game_id, slot, version, the JSON around them). */
export const PUT_ENVELOPE_BYTES = 1024;

/**
 * The size of a save's data in bytes of JSON, or why it cannot be saved: it must be a JSON object of
 * at most MAX_SAVE_BYTES whose text PostgreSQL can store (no NUL character, no unpaired surrogate, in
 * values or keys), with finite numbers (JSON.parse reads 1e999 as Infinity, which would be saved as
 * null), and no `__proto__` key (a JavaScript client merging the save would replace a prototype).
 */
export function measureSave(data: unknown): { bytes: number } | { problem: string } {
  if (!isPlainObject(data)) return { problem: 'data: must be a JSON object' };
  // Iterative: a save nests as deep as payloads may (16 levels), never deeper than a stack allows.
  const stack: [unknown, string][] = [[data, 'data']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (!isStorableText(value)) return { problem: `${path}: text with a NUL character or an unpaired surrogate` };
    } else if (typeof value === 'number') {
      if (!isFinite(value)) return { problem: `${path}: not a finite number` };
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) stack.push([value[i], `${path}[${i}]`]);
    } else if (isPlainObject(value)) {
      for (const key of Object.keys(value)) {
        if (key === '__proto__') return { problem: `${path}.__proto__: a reserved key` };
        if (!isStorableText(key)) return { problem: `${path}: a key with a NUL character or an unpaired surrogate` };
        stack.push([value[key], `${path}.${key}`]);
      }
    }
  }
  const json = JSON.stringify(data);
  // Every character is at least one byte: a longer text is too large without counting them.
  if (json.length > MAX_SAVE_BYTES) return { problem: `data: ${json.length} characters of JSON, more than ${MAX_SAVE_BYTES} bytes` };
  const bytes = utf8Length(json);
  if (bytes > MAX_SAVE_BYTES) return { problem: `data: ${bytes} bytes of JSON, at most ${MAX_SAVE_BYTES}` };
  return { bytes };
}

/**
 * A refused write of a slot that changed since the caller read it. The message ends with
 * `current_version=<version>`: the version to send with the next save_put or save_delete after
 * merging (empty when the slot holds no save: create it with version '').
 */
export function staleVersion(slot: string, given: string, current: string): RuntimeError {
  const why = given === ''
    ? `slot ${slot} holds a save already: read it with save_get and write with its version`
    : current === ''
      ? `slot ${slot} holds no save (deleted, or never written): create it with version ''`
      : `slot ${slot} changed since version ${given}: read it with save_get, merge, and write with its version`;
  return runtimeError('FAILED_PRECONDITION', `${why}; current_version=${current}`);
}

/** The version a conflict message names ('' when the slot holds no save), or null when the message names none. */
export function currentVersionIn(message: string): string | null {
  const found = /current_version=(\S*)$/.exec(message);
  return found ? found[1] : null;
}

/** A refused create: the player holds MAX_SLOTS slots in the game. */
export function tooManySlots(gameName: string, held: number): RuntimeError {
  return runtimeError('FAILED_PRECONDITION', `at most ${MAX_SLOTS} save slots per player in ${gameName} (${held} held): delete one first`);
}
