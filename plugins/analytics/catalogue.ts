import { isPlainObject } from '../../core/shape';
import { isStorableText } from '../../core/validate';

/**
 * The typed event catalogue of a game (docs/live-ops-data.md): every event a client may send, with
 * its properties, their types and limits. The server's own events (from matches, rewards and
 * experiments) are recorded by the server only; a client sending one is refused.
 */
export type PropertySpec =
  | { type: 'string'; maxLength: number; values?: string[]; required?: boolean }
  | { type: 'integer'; min: number; max: number; required?: boolean }
  | { type: 'number'; min: number; max: number; required?: boolean }
  | { type: 'boolean'; required?: boolean };

export interface EventSpec { description: string; properties: { [name: string]: PropertySpec } }
export type Catalogue = { [eventName: string]: EventSpec };

/** An event as a client sends it in analytics_collect_events. */
export interface ClientEvent { name: string; event_id?: string; client_time?: number; properties?: { [key: string]: unknown } }

const NAME = /^[a-z][a-z0-9_]{0,47}$/;
const EVENT_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const FIELDS = ['name', 'event_id', 'client_time', 'properties'];
const MAX_PROPERTIES = 20;
/** A client clock may be this far behind the server's (offline play sent later) or ahead. */
export const CLIENT_TIME_BEHIND_MS = 7 * 24 * 3600 * 1000;
export const CLIENT_TIME_AHEAD_MS = 3600 * 1000;


/** Why a client's event is refused (the first reason, naming the field), or null when it is valid. */
export function clientEventProblem(e: unknown, catalogue: Catalogue, serverEvents: string[], gameName: string, now: number): string | null {
  if (!isPlainObject(e)) return 'event: must be a JSON object';
  for (const k of Object.keys(e)) if (FIELDS.indexOf(k) < 0) return `${k}: unknown field (${FIELDS.join(', ')})`;
  if (typeof e.name !== 'string' || !NAME.test(e.name)) return 'name: snake_case, at most 48 characters';
  if (serverEvents.indexOf(e.name) >= 0) return `name: ${e.name} is recorded by the server, not sent by clients`;
  const spec = Object.prototype.hasOwnProperty.call(catalogue, e.name) ? catalogue[e.name] : undefined;
  if (!spec) return `name: ${e.name} is not in ${gameName}'s event catalogue`;
  if (e.event_id !== undefined && (typeof e.event_id !== 'string' || !EVENT_ID.test(e.event_id))) return 'event_id: 1-64 of A-Z a-z 0-9 _ . : -';
  if (e.client_time !== undefined) {
    const t = e.client_time;
    if (typeof t !== 'number' || !Number.isInteger(t)) return 'client_time: an integer (ms since the epoch)';
    if (t < now - CLIENT_TIME_BEHIND_MS || t > now + CLIENT_TIME_AHEAD_MS) return 'client_time: more than 7 days behind or 1 hour ahead of the server clock';
  }
  const props = e.properties === undefined ? {} : e.properties;
  if (!isPlainObject(props)) return 'properties: must be a JSON object';
  for (const k of Object.keys(props)) {
    if (!Object.prototype.hasOwnProperty.call(spec.properties, k)) return `properties.${k}: not a property of ${e.name} (${Object.keys(spec.properties).join(', ') || 'none'})`;
  }
  for (const k of Object.keys(spec.properties)) {
    const problem = propertyProblem(spec.properties[k], props[k]);
    if (problem) return `properties.${k}: ${problem}`;
  }
  return null;
}

function propertyProblem(spec: PropertySpec, v: unknown): string | null {
  if (v === undefined || v === null) return spec.required ? 'required' : null;
  switch (spec.type) {
    case 'string':
      if (typeof v !== 'string') return 'must be a string';
      if (!isStorableText(v)) return 'text with a NUL character or an unpaired surrogate';
      if (v.length > spec.maxLength) return `at most ${spec.maxLength} characters`;
      if (spec.values && spec.values.indexOf(v) < 0) return `one of ${spec.values.join(', ')}`;
      return null;
    case 'integer':
      if (typeof v !== 'number' || !Number.isInteger(v)) return 'must be an integer';
      return v < spec.min || v > spec.max ? `between ${spec.min} and ${spec.max}` : null;
    case 'number':
      if (typeof v !== 'number' || !isFinite(v)) return 'must be a number';
      return v < spec.min || v > spec.max ? `between ${spec.min} and ${spec.max}` : null;
    case 'boolean':
      return typeof v === 'boolean' ? null : 'must be a boolean';
  }
}

/** Problems with a catalogue (checked at start), each naming the event and property. */
export function catalogueProblems(catalogue: Catalogue, serverEvents: string[]): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(catalogue)) {
    const where = `event ${name}`;
    if (!NAME.test(name)) problems.push(`${where}: name must be snake_case, at most 48 characters`);
    if (serverEvents.indexOf(name) >= 0) problems.push(`${where}: the server records it; clients cannot send it`);
    const props = catalogue[name].properties;
    if (Object.keys(props).length > MAX_PROPERTIES) problems.push(`${where}: at most ${MAX_PROPERTIES} properties`);
    for (const p of Object.keys(props)) {
      const s = props[p];
      if (!NAME.test(p)) problems.push(`${where}.${p}: property names are snake_case`);
      if (s.type === 'string' && !(s.maxLength >= 1 && s.maxLength <= 1024)) problems.push(`${where}.${p}: maxLength 1-1024`);
      if ((s.type === 'integer' || s.type === 'number') && !(s.min <= s.max)) problems.push(`${where}.${p}: min must not exceed max`);
    }
  }
  return problems;
}
