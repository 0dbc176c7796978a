'use strict';
/**
 * Matchmaker helper: the "MatchmakerAdd" realtime before-hook on each ticket (envelope shaped like
 * BeforeRt's protojson output), the pipeline's ticket checks, then the matchmaker-matched hook.
 * No query matching: the caller passes the tickets that match.
 * @module
 */
const { RuntimeCallError } = require('./errors');
const { goIsInt } = require('./go-value');
const { parseUuid } = require('./nk/args');

/** rtapi.Error codes used on the socket. */
const RT = { UNRECOGNIZED_PAYLOAD: 1, BAD_INPUT: 3, RUNTIME_FUNCTION_EXCEPTION: 7 };
const NOT_COMPLETED = 'Could not complete runtime Before function.';

/**
 * @typedef {object} Ticket
 * @property {any} presence a presence, or a user id (the user's default session)
 * @property {Record<string, string|number>} [properties] string and numeric properties together
 * @property {string} [query] default "*"
 * @property {number} [minCount] default 2
 * @property {number} [maxCount] default minCount
 * @property {number} [countMultiple]
 * @property {string} [partyId]
 */

/**
 * The envelope a JS before-hook receives: protojson with JSON names and unpopulated fields emitted.
 * @param {Ticket} t
 */
function ticketEnvelope(t) {
  /** @type {Record<string, string>} */
  const stringProperties = {};
  /** @type {Record<string, number>} */
  const numericProperties = {};
  for (const [k, v] of Object.entries(t.properties || {})) {
    if (typeof v === 'number') numericProperties[k] = v;
    else stringProperties[k] = String(v);
  }
  const minCount = t.minCount === undefined ? 2 : t.minCount;
  return {
    cid: '',
    matchmakerAdd: {
      minCount, maxCount: t.maxCount === undefined ? minCount : t.maxCount, query: t.query === undefined ? '*' : t.query,
      stringProperties, numericProperties, countMultiple: t.countMultiple === undefined ? null : t.countMultiple,
    },
  };
}

/**
 * protojson.Unmarshal of the hook's result into an Envelope holding a MatchmakerAdd (DiscardUnknown false).
 * @param {any} env the returned value (plain data)
 * @returns {{minCount: number, maxCount: number, query: string, stringProperties: Record<string, string>, numericProperties: Record<string, number>, countMultiple: number|null}}
 */
function parseEnvelope(env) {
  const fail = () => new RuntimeCallError(RT.RUNTIME_FUNCTION_EXCEPTION, NOT_COMPLETED);
  if (!env || typeof env !== 'object' || Array.isArray(env)) throw fail();
  const pick = (/** @type {any} */ o, /** @type {string} */ json, /** @type {string} */ proto) => {
    if (json !== proto && json in o && proto in o) throw fail();
    return json in o ? o[json] : o[proto];
  };
  for (const k of Object.keys(env)) if (!['cid', 'matchmakerAdd', 'matchmaker_add'].includes(k)) throw fail();
  if (env.cid !== undefined && env.cid !== null && typeof env.cid !== 'string') throw fail();
  const m = pick(env, 'matchmakerAdd', 'matchmaker_add');
  if (!m || typeof m !== 'object' || Array.isArray(m)) throw fail();
  const allowed = ['minCount', 'min_count', 'maxCount', 'max_count', 'query', 'stringProperties', 'string_properties',
    'numericProperties', 'numeric_properties', 'countMultiple', 'count_multiple'];
  for (const k of Object.keys(m)) if (!allowed.includes(k)) throw fail();
  const int32 = (/** @type {unknown} */ v, /** @type {number|null} */ dflt) => {
    if (v === undefined || v === null) return dflt;
    const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
    if (!goIsInt(n) || /** @type {number} */ (n) > 2147483647 || /** @type {number} */ (n) < -2147483648) throw fail();
    return /** @type {number} */ (n);
  };
  const query = pick(m, 'query', 'query');
  if (query !== undefined && query !== null && typeof query !== 'string') throw fail();
  const sp = pick(m, 'stringProperties', 'string_properties') || {};
  const np = pick(m, 'numericProperties', 'numeric_properties') || {};
  if (typeof sp !== 'object' || Array.isArray(sp) || typeof np !== 'object' || Array.isArray(np)) throw fail();
  for (const v of Object.values(sp)) if (typeof v !== 'string') throw fail();
  /** @type {Record<string, number>} */
  const numeric = {};
  for (const [k, v] of Object.entries(np)) {
    const n = typeof v === 'string' ? Number(v) : v;
    if (typeof n !== 'number' || (typeof v === 'string' && v.trim() === '')) throw fail();
    numeric[k] = n;
  }
  return {
    minCount: /** @type {number} */ (int32(pick(m, 'minCount', 'min_count'), 0)),
    maxCount: /** @type {number} */ (int32(pick(m, 'maxCount', 'max_count'), 0)),
    query: query || '',
    stringProperties: { ...sp },
    numericProperties: numeric,
    countMultiple: int32(pick(m, 'countMultiple', 'count_multiple'), null),
  };
}

/**
 * pipeline_matchmaker.go checks, after the before-hook.
 * @param {ReturnType<typeof parseEnvelope>} t
 */
function checkTicket(t) {
  const bad = (/** @type {string} */ msg) => new RuntimeCallError(RT.BAD_INPUT, msg);
  if (t.minCount < 2) throw bad('Invalid minimum count, must be >= 2');
  if (t.maxCount < t.minCount) throw bad('Invalid maximum count, must be >= minimum count');
  if (t.countMultiple !== null) {
    if (t.countMultiple < 1) throw bad('Invalid count multiple, must be >= 1');
    if (t.minCount % t.countMultiple !== 0) throw bad('Invalid count multiple for minimum count, must divide');
    if (t.maxCount % t.countMultiple !== 0) throw bad('Invalid count multiple for maximum count, must divide');
  }
  return { ...t, query: t.query === '' ? '*' : t.query };
}

/**
 * RuntimeProviderJS.MatchmakerMatched's handling of the hook's return value.
 * @param {{error?: any, value?: unknown}} res
 * @returns {string|null}
 */
function matchedResult(res) {
  if (res.error) throw new RuntimeCallError(13, `Error running runtime Matchmaker Matched hook: ${res.error.message}`, res.error);
  if (res.value === null || res.value === undefined) return null;
  if (typeof res.value !== 'string') {
    throw new RuntimeCallError(13, 'Unexpected return type from runtime Matchmaker Matched hook, must be string, null or undefined.');
  }
  const dot = res.value.indexOf('.');
  if (dot === -1 || !parseUuid(res.value.slice(0, dot))) {
    throw new RuntimeCallError(13, 'Invalid return value from runtime Matchmaker Matched hook, not a valid match ID.');
  }
  return res.value;
}

module.exports = { ticketEnvelope, parseEnvelope, checkTicket, matchedResult, RT };
