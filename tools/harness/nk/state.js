'use strict';
/**
 * The in-memory "database" shared by every context of one Harness, with all-or-nothing transactions.
 * Records stored in the maps are treated as immutable: code replaces them through `set`, so the undo journal
 * can restore the previous record when a transaction fails.
 * @module
 */
const { NIL_UUID } = require('./args');
const { SqlConnection } = require('../sql');

class NkState {
  /**
   * @param {import('../clock').Clock} clock
   * @param {import('../rng').RandomStreams} rng
   */
  constructor(clock, rng) {
    this.clock = clock;
    this.rng = rng;
    /** @type {Map<string, any>} userId -> user record */
    this.users = new Map();
    /** @type {Map<string, string>} username -> userId (unique, case-sensitive like the users_username_key index) */
    this.usernames = new Map();
    /** @type {Map<string, any>} storage key -> storage record */
    this.storage = new Map();
    /** @type {Map<string, any>} ledger item id -> item (insertion order = creation order) */
    this.ledger = new Map();
    /** @type {Map<string, {value: string|number|boolean, expiresAt: number}>} */
    this.cache = new Map();
    /** @type {any[]} */
    this.notifications = [];
    /** @type {any[]} */
    this.metrics = [];
    /** @type {any[]} */
    this.events = [];
    /** @type {Array<{map: Map<any, any>, key: any, had: boolean, prev: any}>|null} */
    this.journal = null;
    /** nk.sqlExec / sqlQuery: a schema of this harness's own on a real PostgreSQL, opened on first use. */
    this.sql = new SqlConnection();
    const now = clock.nowSec();
    // The system user exists in every Nakama database (migrations insert it) and owns server data.
    this.users.set(NIL_UUID, {
      userId: NIL_UUID, username: '', displayName: '', avatarUrl: '', langTag: 'en', location: '', timezone: '',
      metadata: '{}', wallet: {}, email: '', customId: '', devices: [], createTime: now, updateTime: now,
      verifyTime: 0, disableTime: 0,
    });
  }

  /**
   * Sets a record, journaling the previous one when inside a transaction.
   * @template K, V
   * @param {Map<K, V>} map
   * @param {K} key
   * @param {V} value
   */
  set(map, key, value) {
    if (this.journal) this.journal.push({ map, key, had: map.has(key), prev: map.get(key) });
    map.set(key, value);
  }

  /**
   * @template K, V
   * @param {Map<K, V>} map
   * @param {K} key
   */
  delete(map, key) {
    if (!map.has(key)) return;
    if (this.journal) this.journal.push({ map, key, had: true, prev: map.get(key) });
    map.delete(key);
  }

  /**
   * Runs fn as one transaction: if it throws, every change made through set/delete is rolled back.
   * Nested calls join the outer transaction.
   * @template T
   * @param {() => T} fn
   * @returns {T}
   */
  tx(fn) {
    if (this.journal) return fn();
    this.journal = [];
    try {
      const result = fn();
      this.journal = null;
      return result;
    } catch (err) {
      const journal = this.journal;
      this.journal = null;
      for (let i = journal.length - 1; i >= 0; i--) {
        const e = journal[i];
        if (e.had) e.map.set(e.key, e.prev); else e.map.delete(e.key);
      }
      throw err;
    }
  }
}

module.exports = { NkState };
