'use strict';
/**
 * Deterministic randomness for ids and nk.secureRandomBytes: independent named streams derived from one seed
 * (SHA-256 in counter mode), so adding a user does not shift match ids, etc.
 * @module
 */
const crypto = require('crypto');

class RandomStreams {
  /** @param {string|number} seed */
  constructor(seed) {
    this.seed = String(seed);
    /** @type {Map<string, {counter: number, buffer: Buffer}>} */
    this.streams = new Map();
  }

  /**
   * @param {string} stream
   * @param {number} n
   * @returns {Buffer}
   */
  bytes(stream, n) {
    let s = this.streams.get(stream);
    if (!s) { s = { counter: 0, buffer: Buffer.alloc(0) }; this.streams.set(stream, s); }
    while (s.buffer.length < n) {
      const block = crypto.createHash('sha256').update(`${this.seed}\u0000${stream}\u0000${s.counter++}`).digest();
      s.buffer = Buffer.concat([s.buffer, block]);
    }
    const out = s.buffer.subarray(0, n);
    s.buffer = s.buffer.subarray(n);
    return Buffer.from(out);
  }

  /**
   * A version 4 UUID string.
   * @param {string} stream
   * @returns {string}
   */
  uuid(stream) {
    const b = this.bytes(stream, 16);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /**
   * Lowercase letters, like Nakama's generated usernames.
   * @param {string} stream
   * @param {number} n
   * @returns {string}
   */
  letters(stream, n) {
    return Array.from(this.bytes(stream, n), (x) => String.fromCharCode(97 + (x % 26))).join('');
  }
}

module.exports = { RandomStreams };
