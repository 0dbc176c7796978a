'use strict';
/**
 * Utility nk functions: ids, encodings, hashes, binary/string conversion, secure random bytes (seeded), events,
 * metrics (captured in h.metrics) and the node-local cache (TTL against the harness clock).
 * @module
 */
const crypto = require('crypto');
const { typeError, goError } = require('../errors');
const { getString, getInt, getFloat, getBool, isUndef, isNil, getStringMap } = require('./args');
const { goKind } = require('../go-value');

/**
 * A string or ArrayBuffer argument as bytes (base64Encode, base16Encode...).
 * @param {unknown[]} args
 * @returns {Buffer}
 */
function bytesArg(args) {
  if (isNil(args, 0)) throw typeError('expects a string or ArrayBuffer object');
  const v = args[0];
  if (typeof v === 'string') return Buffer.from(v, 'utf8');
  if (goKind(v) === 'arraybuffer') return Buffer.from(/** @type {ArrayBuffer} */ (v));
  throw typeError('expects a string or ArrayBuffer object');
}

/**
 * @param {Buffer} b
 * @returns {ArrayBuffer}
 */
const toArrayBuffer = (b) => /** @type {ArrayBuffer} */ (b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

/**
 * Go's base64 decoders are strict about the alphabet and padding (they only skip \r and \n).
 * @param {string} input
 * @param {boolean} url
 * @returns {ArrayBuffer}
 */
function strictBase64(input, url) {
  const s = input.replace(/[\r\n]/g, '');
  const alphabet = url ? /^[A-Za-z0-9_-]*={0,2}$/ : /^[A-Za-z0-9+/]*={0,2}$/;
  if (s.length % 4 !== 0 || !alphabet.test(s) || /=[^=]/.test(s)) throw goError(`Failed to decode string: ${input}`);
  return toArrayBuffer(Buffer.from(s, url ? 'base64url' : 'base64'));
}

/** @type {Record<string, (state: import('./state').NkState, args: unknown[]) => unknown>} */
const handlers = {
  uuidv4(state) {
    return state.rng.uuid('uuidv4');
  },

  base64Encode(_state, args) {
    const b = bytesArg(args);
    const padding = isUndef(args, 1) ? true : getBool(args[1]);
    const s = b.toString('base64');
    return padding ? s : s.replace(/=+$/, '');
  },

  base64Decode(_state, args) {
    let input = getString(args[0]);
    const padding = isUndef(args, 1) ? true : getBool(args[1]);
    if (padding && input.length % 4 !== 0) input += '='.repeat(4 - (input.length % 4));
    return strictBase64(input, false);
  },

  base64UrlEncode(_state, args) {
    const b = bytesArg(args);
    const padding = isUndef(args, 1) ? true : getBool(args[1]);
    const s = b.toString('base64url');
    return padding && s.length % 4 !== 0 ? s + '='.repeat(4 - (s.length % 4)) : s;
  },

  base64UrlDecode(_state, args) {
    let input = getString(args[0]);
    const padding = isUndef(args, 1) ? true : getBool(args[1]);
    if (!padding && input.length % 4 !== 0) input += '='.repeat(4 - (input.length % 4));
    return strictBase64(input, true);
  },

  base16Encode(_state, args) {
    return bytesArg(args).toString('hex');
  },

  base16Decode(_state, args) {
    const input = getString(args[0]);
    if (input.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(input)) throw goError(`Failed to decode string: ${input}`);
    return toArrayBuffer(Buffer.from(input, 'hex'));
  },

  md5Hash(_state, args) {
    return crypto.createHash('md5').update(getString(args[0]), 'utf8').digest('hex');
  },

  sha256Hash(_state, args) {
    return crypto.createHash('sha256').update(getString(args[0]), 'utf8').digest('hex');
  },

  hmacSha256Hash(_state, args) {
    const input = getString(args[0]);
    const key = getString(args[1]);
    if (key === '') throw typeError('key cannot be empty');
    return toArrayBuffer(crypto.createHmac('sha256', Buffer.from(key, 'utf8')).update(input, 'utf8').digest());
  },

  binaryToString(_state, args) {
    if (isNil(args, 0)) throw typeError('expects a ArrayBuffer object');
    if (goKind(args[0]) !== 'arraybuffer') throw typeError('expects a ArrayBuffer object');
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(/** @type {ArrayBuffer} */ (args[0]));
    } catch {
      throw typeError('expects data to be UTF-8 encoded');
    }
  },

  stringToBinary(_state, args) {
    if (isNil(args, 0) || typeof args[0] !== 'string') throw typeError('expects a string');
    return toArrayBuffer(Buffer.from(args[0], 'utf8'));
  },

  secureRandomBytes(state, args) {
    const count = getInt(args[0]);
    if (count < 1 || count > 1000) throw typeError('count must be 1-1000');
    return toArrayBuffer(state.rng.bytes('secureRandomBytes', count));
  },

  event(state, args) {
    const name = getString(args[0]);
    const properties = getStringMap(args[1]);
    const timestamp = isNil(args, 2) ? state.clock.nowSec() : getInt(args[2]);
    const external = isUndef(args, 3) ? false : getBool(args[3]);
    state.events.push({ name, properties: { ...properties }, timestamp, external });
    return undefined;
  },

  metricsCounterAdd(state, args) {
    state.metrics.push({ kind: 'counter', name: getString(args[0]), tags: { ...getStringMap(args[1]) }, value: getInt(args[2]) });
    return undefined;
  },

  metricsGaugeSet(state, args) {
    state.metrics.push({ kind: 'gauge', name: getString(args[0]), tags: { ...getStringMap(args[1]) }, value: getFloat(args[2]) });
    return undefined;
  },

  metricsTimerRecord(state, args) {
    state.metrics.push({ kind: 'timer', name: getString(args[0]), tags: { ...getStringMap(args[1]) }, value: getInt(args[2]) });
    return undefined;
  },

  /** Returns {found, value}; the shim returns the caller's default value itself (Nakama returns that same object). */
  localcacheGet(state, args) {
    const key = getString(args[0]);
    if (key === '') throw typeError('expects non empty key string');
    const e = state.cache.get(key);
    if (!e) return { found: false };
    if (e.expiresAt !== 0 && e.expiresAt <= state.clock.now()) {
      state.cache.delete(key);
      return { found: false };
    }
    return { found: true, value: e.value };
  },

  localcachePut(state, args) {
    const key = getString(args[0]);
    if (key === '') throw typeError('expects non empty key string');
    if (isNil(args, 1)) throw typeError('expects a non empty value');
    const ttl = isNil(args, 2) ? 0 : getInt(args[2]);
    if (ttl < 0) throw typeError('ttl must be 0 or more');
    const v = args[1];
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      throw typeError('unsupported value type: must be string, numeric or boolean');
    }
    state.cache.set(key, { value: v, expiresAt: ttl > 0 ? state.clock.now() + ttl * 1000 : 0 });
    return undefined;
  },

  localcacheDelete(state, args) {
    const key = getString(args[0]);
    if (key === '') throw typeError('expects non empty key string');
    state.cache.delete(key);
    return undefined;
  },

  localcacheClear(state) {
    state.cache.clear();
    return undefined;
  },
};

module.exports = { handlers };
