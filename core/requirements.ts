import { int, isPlainObject, list, num, obj, optional, unknownFields } from './shape';

/**
 * The one requirement engine: what counts towards progress, for achievements, live-event missions,
 * quests and daily missions. Progress only ever comes from domain events the server derived.
 */

/** What counts: events of one type whose data meets every condition. */
export interface Counter {
  /** Domain event type, e.g. answer_correct, kill, match_won. */
  event: string;
  /** Data fields that must equal these values, e.g. `{category: 'science'}`. */
  equals?: { [field: string]: string | number | boolean };
  /** Numeric data fields that must be at least these values, e.g. `{streak: 10}`. */
  atLeast?: { [field: string]: number };
  /** Numeric data fields that must be at most these values, e.g. `{response_ticks: 5}`. */
  atMost?: { [field: string]: number };
  /** An event type that sets the progress back to 0 (streaks: "10 in a row"), until it is reached. */
  resetOn?: string;
}

export const OPERATORS = ['gt', 'gte', 'lt', 'lte', 'eq'] as const;
export type Operator = (typeof OPERATORS)[number];

/** What a requirement measures over the counted events: their number, or the sum, max or min of a numeric data field. */
export type Metric = 'count' | { sum: string } | { max: string } | { min: string };

/**
 * A metric of counted events compared with a threshold, e.g. "win 3 duels within 24 hours":
 * `{counter: {event: 'match_won', equals: {mode: 'duel'}}, threshold: 3, timeframe_seconds: 86400}`,
 * or "answer within 2 seconds": `{counter: {event: 'answer_correct'}, metric: {min: 'response_ms'},
 * operator: 'lte', threshold: 2000}`. It is judged each time an event counts (so `lt` and `lte` on a
 * count mean "after at least one event, still under"), and once met it stays met.
 */
export interface Requirement {
  counter: Counter;
  /** Default 'count'. */
  metric?: Metric;
  /** Default 'gte'. */
  operator?: Operator;
  threshold: number;
  /** Only events of the last this many seconds count (a sliding window); none: every event since the start. */
  timeframe_seconds?: number;
}

/** Progress towards one requirement. */
export interface RequirementState {
  /** The metric now (over the window when there is a timeframe). */
  value: number;
  /** Events counted since the start or the last reset. */
  events?: number;
  /** When it was met (ms); absent: not yet. */
  met_at?: number;
  /** With a timeframe: [time ms, amount] of the counted events still inside it. */
  window?: [number, number][];
}

/** With a timeframe, at most this many events are remembered (and thresholds of counts are capped to it). */
export const MAX_WINDOW_EVENTS = 200;

/** A stored RequirementState (untrusted when read back: the documents that hold one use this shape). */
export const REQUIREMENT_STATE = obj({ value: num(), events: optional(int(0)), met_at: optional(int(0)), window: optional(list(list(num(), 2), MAX_WINDOW_EVENTS)) });

/** True when the event counts towards the counter. */
export function counts(counter: Counter, type: string, data: { [key: string]: unknown }): boolean {
  if (counter.event !== type) return false;
  for (const f of Object.keys(counter.equals || {})) if (data[f] !== counter.equals![f]) return false;
  for (const f of Object.keys(counter.atLeast || {})) if (!(typeof data[f] === 'number' && (data[f] as number) >= counter.atLeast![f])) return false;
  for (const f of Object.keys(counter.atMost || {})) if (!(typeof data[f] === 'number' && (data[f] as number) <= counter.atMost![f])) return false;
  return true;
}

export const emptyState = (): RequirementState => ({ value: 0 });

/** The metric's field, or null for a count. */
const fieldOf = (m: Metric | undefined): string | null => (!m || m === 'count' ? null : (m as { [k: string]: string })[Object.keys(m)[0]]);
const kindOf = (m: Metric | undefined): 'count' | 'sum' | 'max' | 'min' => (!m || m === 'count' ? 'count' : (Object.keys(m)[0] as 'sum' | 'max' | 'min'));

export function compare(value: number, operator: Operator, threshold: number): boolean {
  switch (operator) {
    case 'gt': return value > threshold;
    case 'gte': return value >= threshold;
    case 'lt': return value < threshold;
    case 'lte': return value <= threshold;
    default: return value === threshold;
  }
}

/**
 * The state after an event (a new object), or null when the event does not touch the requirement
 * (not counted, no numeric field for the metric, or met already). A `resetOn` event sets it back to 0.
 */
export function advance(r: Requirement, state: RequirementState, type: string, data: { [key: string]: unknown }, now: number): RequirementState | null {
  if (state.met_at !== undefined) return null;
  if (r.counter.resetOn === type && !counts(r.counter, type, data)) return state.events ? emptyState() : null;
  if (!counts(r.counter, type, data)) return null;
  const field = fieldOf(r.metric);
  const amount = field === null ? 1 : data[field];
  if (typeof amount !== 'number' || !isFinite(amount)) return null;
  const kind = kindOf(r.metric);
  let value: number;
  let window: [number, number][] | undefined;
  if (r.timeframe_seconds) {
    const since = now - r.timeframe_seconds * 1000;
    window = (state.window || []).filter(([t]) => t > since).concat([[now, amount]]).slice(-MAX_WINDOW_EVENTS);
    value = aggregate(kind, window.map(([, a]) => a));
  } else {
    value = kind === 'count' ? state.value + 1 : state.events ? aggregate(kind, [state.value, amount]) : amount;
  }
  const next: RequirementState = { value, events: (state.events || 0) + 1 };
  if (window) next.window = window;
  if (compare(value, r.operator || 'gte', r.threshold)) next.met_at = now;
  return next;
}

/** The metric over the amounts of counted events (or over the value so far and a new amount). */
function aggregate(kind: 'count' | 'sum' | 'max' | 'min', amounts: number[]): number {
  if (kind === 'count') return amounts.length;
  if (kind === 'sum') return amounts.reduce((a, b) => a + b, 0);
  return kind === 'max' ? Math.max.apply(null, amounts) : Math.min.apply(null, amounts);
}

const ID = /^[a-z][a-z0-9_]*$/;
const FIELD = /^[a-z][a-zA-Z0-9_]*$/;
const COUNTER_FIELDS = ['event', 'equals', 'atLeast', 'atMost', 'resetOn'];
const REQUIREMENT_FIELDS = ['counter', 'metric', 'operator', 'threshold', 'timeframe_seconds'];


/** Problems with a counter, each naming `at` and the field. */
export function validateCounter(at: string, c: Counter): string[] {
  if (!isPlainObject(c)) return [`${at}: {event, equals?, atLeast?, atMost?, resetOn?}`];
  const problems = unknownFields(at, c, COUNTER_FIELDS);
  if (typeof c.event !== 'string' || !ID.test(c.event)) problems.push(`${at}.event: must be an event type (snake_case)`);
  if (c.resetOn !== undefined && (typeof c.resetOn !== 'string' || !ID.test(c.resetOn))) problems.push(`${at}.resetOn: must be an event type (snake_case)`);
  if (c.equals !== undefined) {
    if (!isPlainObject(c.equals)) problems.push(`${at}.equals: an object {field: value}`);
    else for (const f of Object.keys(c.equals)) if (['string', 'number', 'boolean'].indexOf(typeof c.equals[f]) < 0) problems.push(`${at}.equals.${f}: a string, number or boolean`);
  }
  for (const k of ['atLeast', 'atMost'] as const) {
    const bounds = c[k];
    if (bounds === undefined) continue;
    if (!isPlainObject(bounds)) problems.push(`${at}.${k}: an object {field: number}`);
    else for (const f of Object.keys(bounds)) if (typeof bounds[f] !== 'number') problems.push(`${at}.${k}.${f}: must be a number`);
  }
  return problems;
}

/** Problems with a requirement, each naming `at` and the field. */
export function validateRequirement(at: string, r: Requirement): string[] {
  if (!isPlainObject(r)) return [`${at}: {counter, metric?, operator?, threshold, timeframe_seconds?}`];
  const problems = unknownFields(at, r, REQUIREMENT_FIELDS).concat(validateCounter(`${at}.counter`, r.counter));
  const m = r.metric;
  if (m !== undefined && m !== 'count') {
    const keys = isPlainObject(m) ? Object.keys(m) : [];
    if (keys.length !== 1 || ['sum', 'max', 'min'].indexOf(keys[0]) < 0 || typeof fieldOf(m) !== 'string' || !FIELD.test(fieldOf(m)!)) problems.push(`${at}.metric: 'count', or {sum | max | min: <numeric data field>}`);
  }
  if (r.operator !== undefined && OPERATORS.indexOf(r.operator) < 0) problems.push(`${at}.operator: one of ${OPERATORS.join(', ')}`);
  if (typeof r.threshold !== 'number' || !isFinite(r.threshold)) problems.push(`${at}.threshold: a number`);
  else if (kindOf(m) === 'count' && (!Number.isInteger(r.threshold) || r.threshold < 1 || (r.timeframe_seconds && r.threshold > MAX_WINDOW_EVENTS))) problems.push(`${at}.threshold: a count is an integer >= 1${r.timeframe_seconds ? ` and at most ${MAX_WINDOW_EVENTS} within a timeframe` : ''}`);
  if (r.timeframe_seconds !== undefined && !(Number.isInteger(r.timeframe_seconds) && r.timeframe_seconds >= 1 && r.timeframe_seconds <= 366 * 86400)) problems.push(`${at}.timeframe_seconds: an integer from 1 to ${366 * 86400}`);
  return problems;
}
