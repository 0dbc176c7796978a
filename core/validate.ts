import { runtimeError } from './errors';
import { isUuid } from './game-registry';
import { SYSTEM_USER } from './scope';

/**
 * Payload schemas: one small declarative approach for every RPC. Plain functions over plain data,
 * so it works under Nakama's frozen globals. Errors name the field and the rule.
 */
export type FieldSpec =
  | { type: 'string'; required?: boolean; maxLength?: number; pattern?: RegExp }
  | { type: 'integer'; required?: boolean; min?: number; max?: number }
  | { type: 'boolean'; required?: boolean }
  | { type: 'uuid'; required?: boolean }
  /** A player's user id: a UUID other than the system user's; the dispatcher also checks the user exists. */
  | { type: 'user'; required?: boolean }
  /**
   * A JSON object passed to the handler as is; the handler checks its contents (e.g. definitions).
   * freeForm: its content is the caller's to choose (e.g. remote config), not a definition with fields.
   */
  | { type: 'object'; required?: boolean; freeForm?: boolean }
  | { type: 'array'; required?: boolean; maxItems?: number };

/** Field name -> rule. Fields not listed are refused, so typos surface at once. */
export type Schema = { [field: string]: FieldSpec };

/** The first rule the value breaks, as `field: rule`, or null when it is valid. */
export function checkPayload(schema: Schema, payload: { [key: string]: unknown }): string | null {
  for (const field of Object.keys(payload)) {
    if (!Object.prototype.hasOwnProperty.call(schema, field)) return `${field}: unknown field`;
  }
  for (const field of Object.keys(schema)) {
    const spec = schema[field];
    const value = payload[field];
    if (value === undefined || value === null) {
      if (spec.required) return `${field}: required`;
      continue;
    }
    const problem = checkField(spec, value);
    if (problem) return `${field}: ${problem}`;
  }
  return null;
}

function checkField(spec: FieldSpec, value: unknown): string | null {
  switch (spec.type) {
    case 'string':
      if (typeof value !== 'string') return 'must be a string';
      if (spec.maxLength !== undefined && value.length > spec.maxLength) return `must be at most ${spec.maxLength} characters`;
      if (spec.pattern && !spec.pattern.test(value)) return `must match ${spec.pattern}`;
      return null;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be an integer';
      if (spec.min !== undefined && value < spec.min) return `must be >= ${spec.min}`;
      if (spec.max !== undefined && value > spec.max) return `must be <= ${spec.max}`;
      return null;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be a boolean';
    case 'uuid':
      return isUuid(value) ? null : 'must be a lowercase UUID';
    case 'user':
      return playerIdProblem(value);
    case 'object':
      return typeof value === 'object' && !Array.isArray(value) ? null : 'must be a JSON object';
    case 'array':
      if (!Array.isArray(value)) return 'must be a JSON array';
      if (spec.maxItems !== undefined && value.length > spec.maxItems) return `must have at most ${spec.maxItems} items`;
      return null;
  }
}

/** Why a value is no player's user id (a UUID other than the system user's), or null when it is one. */
export function playerIdProblem(value: unknown): string | null {
  if (!isUuid(value)) return 'must be a lowercase UUID';
  return value === SYSTEM_USER ? 'must be a player, not the system user' : null;
}

/** Parse and check an RPC payload string; throws INVALID_PAYLOAD / INVALID_FIELD. */
export function parsePayload(schema: Schema, payload: string, maxBytes: number): { [key: string]: unknown } {
  // Characters first (more characters than bytes allowed is too large anyway); bytes only when they
  // could exceed the limit (a UTF-16 unit is at most 3 bytes of UTF-8): loops over the text cost goja.
  if (payload.length > maxBytes || (payload.length * 3 > maxBytes && utf8Length(payload) > maxBytes)) throw runtimeError('INVALID_PAYLOAD', `payload is larger than ${maxBytes} bytes`);
  let parsed: unknown = {};
  if (payload !== '') {
    try {
      parsed = JSON.parse(payload);
    } catch (e) {
      throw runtimeError('INVALID_PAYLOAD', 'payload is not valid JSON');
    }
  }
  if (nestsDeeper(parsed, MAX_DEPTH)) throw runtimeError('INVALID_PAYLOAD', `payload nests deeper than ${MAX_DEPTH} levels`);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw runtimeError('INVALID_PAYLOAD', 'payload must be a JSON object');
  }
  const problem = checkPayload(schema, parsed as { [key: string]: unknown });
  if (problem) throw runtimeError('INVALID_FIELD', problem);
  return parsed as { [key: string]: unknown };
}

/** Objects and arrays in payloads nest at most this deep (checked before parsing). */
const MAX_DEPTH = 16;

/**
 * Whether objects and arrays nest deeper than `max` in a parsed value (the top level counts 1).
 * Iterative, so no nesting can exhaust a stack; visits values, not characters.
 */
function nestsDeeper(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) return true;
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) stack.push([v[i], depth + 1]);
    else for (const k of Object.keys(v)) stack.push([(v as { [key: string]: unknown })[k], depth + 1]);
  }
  return false;
}

/** Bytes of a string in UTF-8 (what Nakama received). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4; // a surrogate pair: one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Whether PostgreSQL's JSONB (Nakama's storage, the analytics table) can hold the text: no NUL
 * character and no unpaired UTF-16 surrogate (both are refused there, and would fail the write).
 */
export function isStorableText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next < 0xdc00 || next > 0xdfff) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}
