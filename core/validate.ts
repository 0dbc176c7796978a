import { runtimeError } from './errors';
import { isUuid } from './game-registry';

/**
 * Payload schemas: one small declarative approach for every RPC. Plain functions over plain data,
 * so it works under Nakama's frozen globals. Errors name the field and the rule.
 */
export type FieldSpec =
  | { type: 'string'; required?: boolean; maxLength?: number; pattern?: RegExp }
  | { type: 'integer'; required?: boolean; min?: number; max?: number }
  | { type: 'boolean'; required?: boolean }
  | { type: 'uuid'; required?: boolean }
  /** A JSON object or array passed to the handler as is; the handler checks its contents (e.g. definitions). */
  | { type: 'object'; required?: boolean }
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
    case 'object':
      return typeof value === 'object' && !Array.isArray(value) ? null : 'must be a JSON object';
    case 'array':
      if (!Array.isArray(value)) return 'must be a JSON array';
      if (spec.maxItems !== undefined && value.length > spec.maxItems) return `must have at most ${spec.maxItems} items`;
      return null;
  }
}

/** Parse and check an RPC payload string; throws INVALID_PAYLOAD / INVALID_FIELD. */
export function parsePayload(schema: Schema, payload: string, maxBytes: number): { [key: string]: unknown } {
  if (payload.length > maxBytes) throw runtimeError('INVALID_PAYLOAD', `payload is larger than ${maxBytes} bytes`);
  let parsed: unknown = {};
  if (payload !== '') {
    try {
      parsed = JSON.parse(payload);
    } catch (e) {
      throw runtimeError('INVALID_PAYLOAD', 'payload is not valid JSON');
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw runtimeError('INVALID_PAYLOAD', 'payload must be a JSON object');
  }
  const problem = checkPayload(schema, parsed as { [key: string]: unknown });
  if (problem) throw runtimeError('INVALID_FIELD', problem);
  return parsed as { [key: string]: unknown };
}
