'use strict';
/**
 * "Go values": how a JavaScript value looks after goja's Value.Export() (what Nakama's Go code sees), and
 * how Go values come back through Runtime.ToValue(). Read from goja (object.go, builtin_map.go, builtin_set.go,
 * typedarrays.go, date.go) as vendored by Nakama 3.40.0.
 *
 * Representation (must survive isolated-vm's structured clone):
 * - nil -> null; bool, string, bigint as is; int64/float64 -> number (int64 iff goIsInt, goja's floatToInt rule);
 * - []interface{} -> Array; map[string]interface{} -> plain object (own enumerable string keys, getters invoked);
 * - goja.ArrayBuffer -> ArrayBuffer (a copy);
 * - anything else is a tagged value: a Map {goType: 'pairs'|'typed'|'time'|'func'|'symbol', ...}. A real JS Map
 *   never appears untagged because goja exports Maps as [][2]interface{} ("pairs").
 *
 * Every function here is self-contained (only globals and each other) because the same source is also injected
 * into the isolate contexts (see GO_VALUE_SOURCE).
 * @module
 */

/**
 * True if goja would export this number as int64 (integral, not -0, |n| <= 2^53). Otherwise it is a float64,
 * which Nakama rejects wherever it expects an int ("expects number").
 * @param {unknown} n
 * @returns {boolean}
 */
function goIsInt(n) {
  return typeof n === 'number' && Number.isInteger(n) && !(n === 0 && 1 / n < 0) &&
    n <= 9007199254740992 && n >= -9007199254740992;
}

/**
 * @param {string} goType
 * @param {Record<string, unknown>} fields
 * @returns {Map<string, unknown>}
 */
function goTag(goType, fields) {
  /** @type {Map<string, unknown>} */
  const m = new Map();
  m.set('goType', goType);
  for (const k of Object.keys(fields)) m.set(k, fields[k]);
  return m;
}

/**
 * @param {unknown} v
 * @returns {string|null} the tag type if v is a tagged Go value
 */
function goTagType(v) {
  return Object.prototype.toString.call(v) === '[object Map]' ? /** @type {any} */ (v).get('goType') : null;
}

/**
 * Emulates goja Value.Export() for values crossing into Go (nk arguments, returned match state, thrown values).
 * Cycles are reported with a TypeError (goja keeps them; Go's json.Marshal then fails).
 * @param {unknown} v
 * @param {unknown[]} [ancestors]
 * @returns {unknown}
 */
function goExport(v, ancestors) {
  if (v === undefined || v === null) return null;
  const t = typeof v;
  if (t === 'string' || t === 'boolean' || t === 'number' || t === 'bigint') return v;
  if (t === 'symbol') return goTag('symbol', { description: String(/** @type {symbol} */ (v).description) });
  if (t === 'function') return goTag('func', { name: String(/** @type {Function} */ (v).name) });
  const stack = ancestors || [];
  if (stack.indexOf(v) !== -1) throw new TypeError('harness: a cyclic value cannot cross into Go');
  stack.push(v);
  try {
    const o = /** @type {any} */ (v);
    if (Array.isArray(o)) {
      const out = new Array(o.length);
      for (let i = 0; i < o.length; i++) out[i] = goExport(o[i], stack);
      return out;
    }
    const tag = Object.prototype.toString.call(o);
    switch (tag) {
      case '[object ArrayBuffer]': return o.slice(0);
      case '[object Map]': {
        const items = [];
        o.forEach((/** @type {unknown} */ val, /** @type {unknown} */ key) => {
          items.push([goExport(key, stack), goExport(val, stack)]);
        });
        return goTag('pairs', { items });
      }
      case '[object Set]': {
        const items = [];
        o.forEach((/** @type {unknown} */ val) => { items.push(goExport(val, stack)); });
        return items;
      }
      case '[object Date]': {
        const ms = o.getTime();
        return ms === ms ? goTag('time', { ms }) : null;
      }
      case '[object Number]': case '[object String]': case '[object Boolean]': case '[object BigInt]':
        return o.valueOf();
      case '[object Uint8Array]': case '[object Uint8ClampedArray]': case '[object Int8Array]':
      case '[object Uint16Array]': case '[object Int16Array]': case '[object Uint32Array]':
      case '[object Int32Array]': case '[object Float32Array]': case '[object Float64Array]':
      case '[object BigInt64Array]': case '[object BigUint64Array]':
        return goTag('typed', { kind: tag.slice(8, -1), values: Array.from(o) });
      default: break;
    }
    const out = {};
    for (const k of Object.keys(o)) {
      Object.defineProperty(out, k, { value: goExport(o[k], stack), enumerable: true, writable: true, configurable: true });
    }
    return out;
  } finally {
    stack.pop();
  }
}

/**
 * Classifies a Go value the way Go type switches see it.
 * @param {unknown} v
 * @returns {'nil'|'bool'|'string'|'int64'|'float64'|'bigint'|'slice'|'map'|'arraybuffer'|'pairs'|'typed'|'time'|'func'|'symbol'}
 */
function goKind(v) {
  if (v === null || v === undefined) return 'nil';
  switch (typeof v) {
    case 'boolean': return 'bool';
    case 'string': return 'string';
    case 'number': return goIsInt(v) ? 'int64' : 'float64';
    case 'bigint': return 'bigint';
    default: break;
  }
  if (Array.isArray(v)) return 'slice';
  const tag = Object.prototype.toString.call(v);
  if (tag === '[object ArrayBuffer]') return 'arraybuffer';
  if (tag === '[object Map]') return /** @type {any} */ (goTagType(v));
  return 'map';
}

/**
 * Emulates goja Runtime.ToValue() for Go values handed to JavaScript (match state, params). Map keys come back
 * sorted: Go map iteration order is random, so nothing may depend on it.
 * @param {unknown} v
 * @returns {unknown}
 */
function goToValue(v) {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(goToValue);
  const tag = Object.prototype.toString.call(v);
  if (tag === '[object ArrayBuffer]') return v;
  if (tag === '[object Map]') {
    const m = /** @type {Map<string, any>} */ (v);
    switch (m.get('goType')) {
      case 'pairs': return m.get('items').map((/** @type {unknown[]} */ p) => [goToValue(p[0]), goToValue(p[1])]);
      case 'typed': return m.get('values').slice();
      case 'time': {
        // A Go time.Time wrapped by reflection: an object with Go methods, not a Date.
        const ms = m.get('ms');
        const t = {};
        Object.defineProperty(t, 'UnixMilli', { value: function UnixMilli() { return ms; } });
        Object.defineProperty(t, 'Unix', { value: function Unix() { return Math.floor(ms / 1000); } });
        Object.defineProperty(t, 'String', { value: function String() { return new Date(ms).toISOString(); } });
        return t;
      }
      case 'func': {
        const name = m.get('name');
        return function goWrappedFunction() {
          throw new Error('harness: function "' + name + '" crossed Go; the harness cannot call it back');
        };
      }
      case 'symbol': return Symbol(m.get('description'));
      default: return null;
    }
  }
  const o = /** @type {Record<string, unknown>} */ (v);
  const out = {};
  for (const k of Object.keys(o).sort()) {
    Object.defineProperty(out, k, { value: goToValue(o[k]), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Source of the functions above, for injection into isolate contexts. */
const GO_VALUE_SOURCE = [goIsInt, goTag, goTagType, goExport, goKind, goToValue].map((f) => f.toString()).join('\n');

module.exports = { goIsInt, goTag, goTagType, goExport, goKind, goToValue, GO_VALUE_SOURCE };
