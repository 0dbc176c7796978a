'use strict';
/**
 * Argument helpers mirroring Nakama's goja accessors (getJsString, getJsInt, getJsBool, exportToSlice, uuid parsing).
 * Arguments arrive as Go values (go-value.js); a top-level `undefined` is kept so `!= goja.Undefined()` checks
 * can be told apart from `null` ones.
 * @module
 */
const { goIsInt, goKind } = require('../go-value');
const { typeError } = require('../errors');

/**
 * @param {unknown[]} args
 * @param {number} i
 * @returns {boolean} f.Argument(i) == goja.Undefined()
 */
const isUndef = (args, i) => args[i] === undefined;
/**
 * @param {unknown[]} args
 * @param {number} i
 * @returns {boolean} undefined or null
 */
const isNil = (args, i) => args[i] === undefined || args[i] === null;

/**
 * getJsString: Export() must be a Go string.
 * @param {unknown} v
 * @returns {string}
 */
function getString(v) {
  if (typeof v !== 'string') throw typeError('expects string');
  return v;
}

/**
 * getJsInt: Export() must be an int64 (1.5, NaN, -0 and numbers beyond 2^53 are float64).
 * @param {unknown} v
 * @returns {number}
 */
function getInt(v) {
  if (!goIsInt(v)) throw typeError('expects number');
  return /** @type {number} */ (v);
}

/**
 * getJsFloat: any number.
 * @param {unknown} v
 * @returns {number}
 */
function getFloat(v) {
  if (typeof v !== 'number') throw typeError('expects number');
  return v;
}

/**
 * getJsBool.
 * @param {unknown} v
 * @returns {boolean}
 */
function getBool(v) {
  if (typeof v !== 'boolean') throw typeError('expects boolean');
  return v;
}

/**
 * @param {unknown} v
 * @returns {v is Record<string, unknown>} Export() is a map[string]interface{}
 */
const isMap = (v) => goKind(v) === 'map';

/**
 * getJsStringMap.
 * @param {unknown} v
 * @returns {Record<string, string>}
 */
function getStringMap(v) {
  if (!isMap(v)) throw typeError('expects object with string keys and values');
  for (const k of Object.keys(v)) if (typeof v[k] !== 'string') throw typeError('expects string');
  return /** @type {Record<string, string>} */ (v);
}

/**
 * exportToSlice[[]map[string]any]: an array whose every element is a map.
 * @param {unknown} v
 * @returns {Record<string, unknown>[]|null} null when Nakama's conversion fails
 */
function sliceOfMaps(v) {
  if (!Array.isArray(v)) return null;
  return v.every(isMap) ? v : null;
}

/**
 * exportToSlice[[]string].
 * @param {unknown} v
 * @returns {string[]|null}
 */
function sliceOfStrings(v) {
  if (!Array.isArray(v)) return null;
  return v.every((x) => typeof x === 'string') ? v : null;
}

const UUID_RE = /^(?:urn:uuid:)?\{?([0-9a-fA-F]{8})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{12})\}?$/;

/**
 * uuid.FromString (gofrs/uuid): canonical, braced, urn: or 32 hex digits. Returns the canonical lowercase form.
 * @param {unknown} s
 * @returns {string|null}
 */
function parseUuid(s) {
  if (typeof s !== 'string') return null;
  const m = UUID_RE.exec(s);
  if (!m) return null;
  if (s.startsWith('{') !== s.endsWith('}')) return null;
  return m.slice(1).join('-').toLowerCase();
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** Byte length of a string once goja exports it to Go (UTF-8). */
const utf8Length = (/** @type {string} */ s) => Buffer.byteLength(s, 'utf8');

module.exports = {
  isUndef, isNil, getString, getInt, getFloat, getBool, isMap, getStringMap, sliceOfMaps, sliceOfStrings,
  parseUuid, NIL_UUID, utf8Length,
};
