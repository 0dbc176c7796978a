'use strict';
/**
 * Storage engine (core_storage.go): writes, deletes and reads against NkState, with Nakama's version rules.
 * Argument parsing lives in storage.js; this file only knows validated operations.
 *
 * A write op: {collection, key, ownerId, valueJson, version ('' | '*' | hash), read, write}.
 * Errors are plain Errors carrying Nakama's (or PostgreSQL's, via pgx) text; callers add their prefix.
 * @module
 */
const crypto = require('crypto');
const { goStringCompare } = require('../gofmt');
const { NIL_UUID } = require('./args');

const ERR_VERSION = 'Storage write rejected - version check failed.';
const ERR_DELETE = 'Storage delete rejected - not found, version check failed, or permission denied.';
const ERR_FK = 'ERROR: insert or update on table "storage" violates foreign key constraint "storage_user_id_fkey" (SQLSTATE 23503)';
const ERR_VARCHAR = 'ERROR: value too long for type character varying(128) (SQLSTATE 22001)';

/**
 * @param {string} collection
 * @param {string} key
 * @param {string} ownerId
 */
const storageKey = (collection, key, ownerId) => `${collection}\u0000${key}\u0000${ownerId}`;

/** @param {string} valueJson */
const versionOf = (valueJson) => crypto.createHash('md5').update(valueJson, 'utf8').digest('hex');

/**
 * Sort order of StorageOpWrites / StorageOpDeletes: collection, key, owner.
 * @param {{collection: string, key: string, ownerId: string}} a
 * @param {{collection: string, key: string, ownerId: string}} b
 */
function opOrder(a, b) {
  return goStringCompare(a.collection, b.collection) || goStringCompare(a.key, b.key) || goStringCompare(a.ownerId, b.ownerId);
}

/**
 * Storage object as runtime reads return it.
 * @param {any} rec
 */
function objectOut(rec) {
  return {
    key: rec.key,
    collection: rec.collection,
    userId: rec.userId,
    version: rec.version,
    permissionRead: rec.read,
    permissionWrite: rec.write,
    createTime: rec.createTime,
    updateTime: rec.updateTime,
    value: JSON.parse(rec.valueJson),
  };
}

/**
 * collection and key are VARCHAR(128) columns.
 * @param {string} s
 */
function checkColumn(s) {
  if ([...s].length > 128) throw new Error(ERR_VARCHAR);
}

/**
 * storageWriteObjects (authoritative): processes ops in sorted order; the first failure aborts (the caller's
 * transaction rolls everything back). Returns acks in input order.
 * @param {import('./state').NkState} state
 * @param {Array<any>} ops
 * @returns {Array<{collection: string, key: string, userId: string, version: string}>}
 */
function writeObjectsTx(state, ops) {
  const acks = new Array(ops.length);
  const order = ops.map((op, i) => ({ op, i })).sort((a, b) => opOrder(a.op, b.op));
  const now = state.clock.nowSec();
  for (const { op, i } of order) {
    checkColumn(op.collection);
    checkColumn(op.key);
    if (op.read < 0) throw new Error('ERROR: new row for relation "storage" violates check constraint "storage_read_check" (SQLSTATE 23514)');
    if (op.write < 0) throw new Error('ERROR: new row for relation "storage" violates check constraint "storage_write_check" (SQLSTATE 23514)');
    const k = storageKey(op.collection, op.key, op.ownerId);
    const existing = state.storage.get(k);
    const version = versionOf(op.valueJson);
    let rec;
    if (op.version && op.version !== '*') {
      if (!existing || existing.version !== op.version) throw new Error(ERR_VERSION);
      rec = { ...existing, valueJson: op.valueJson, version, read: op.read, write: op.write, updateTime: now };
    } else if (op.version === '*') {
      if (existing) throw new Error(ERR_VERSION);
      if (!state.users.has(op.ownerId)) throw new Error(ERR_FK);
      rec = newRecord(op, version, now);
    } else if (existing) {
      // "last write wins", but an identical row is left untouched (update_time unchanged).
      const same = existing.version === version && existing.read === op.read && existing.write === op.write;
      rec = same ? existing : { ...existing, valueJson: op.valueJson, version, read: op.read, write: op.write, updateTime: now };
    } else {
      if (!state.users.has(op.ownerId)) throw new Error(ERR_FK);
      rec = newRecord(op, version, now);
    }
    if (rec !== existing) state.set(state.storage, k, rec);
    acks[i] = { collection: op.collection, key: op.key, userId: op.ownerId, version: rec.version };
  }
  return acks;
}

/**
 * @param {any} op
 * @param {string} version
 * @param {number} now
 */
function newRecord(op, version, now) {
  return {
    collection: op.collection, key: op.key, userId: op.ownerId, valueJson: op.valueJson, version,
    read: op.read, write: op.write, createTime: now, updateTime: now,
  };
}

/**
 * storageDeleteObjects (authoritative): a conditional delete that matches nothing fails the batch.
 * @param {import('./state').NkState} state
 * @param {Array<{collection: string, key: string, ownerId: string, version: string}>} ops
 */
function deleteObjectsTx(state, ops) {
  for (const op of [...ops].sort(opOrder)) {
    const k = storageKey(op.collection, op.key, op.ownerId);
    const existing = state.storage.get(k);
    if (op.version) {
      if (!existing || existing.version !== op.version) throw new Error(ERR_DELETE);
    }
    if (existing) state.delete(state.storage, k);
  }
}

/**
 * StorageReadObjects: existing objects, in request order, without duplicates.
 * @param {import('./state').NkState} state
 * @param {Array<{collection: string, key: string, userId: string}>} ids
 */
function readObjects(state, ids) {
  const seen = new Set();
  const out = [];
  for (const id of ids) {
    const k = storageKey(id.collection, id.key, id.userId || NIL_UUID);
    const rec = state.storage.get(k);
    if (rec && !seen.has(k)) { seen.add(k); out.push(objectOut(rec)); }
  }
  return out;
}

/**
 * StorageListObjects for the runtime (authoritative): all read permissions.
 * Ordering: (read, key, user_id) across users, (read, key) for one user. Cursor: opaque, base64url.
 * @param {import('./state').NkState} state
 * @param {string|null} ownerId
 * @param {string} collection
 * @param {number} limit
 * @param {string} cursor
 * @returns {{objects: any[], cursor: string}}
 */
function listObjects(state, ownerId, collection, limit, cursor) {
  if (limit <= 0) return { objects: [], cursor: '' };
  /** @type {{r: number, k: string, u: string}|null} */
  let after = null;
  if (cursor !== '') {
    try {
      after = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (!after || typeof after.k !== 'string' || typeof after.r !== 'number') throw new Error('bad');
    } catch {
      throw new Error('Malformed cursor was used.');
    }
  }
  const cmp = (/** @type {any} */ a, /** @type {any} */ b) => (a.read - b.read) || goStringCompare(a.key, b.key) ||
    (ownerId === null ? goStringCompare(a.userId, b.userId) : 0);
  const rows = [...state.storage.values()]
    .filter((r) => r.collection === collection && (ownerId === null || r.userId === ownerId))
    .sort(cmp)
    .filter((r) => !after || cmp(r, { read: after.r, key: after.k, userId: after.u }) > 0);
  const page = rows.slice(0, limit);
  let next = '';
  if (rows.length > limit) {
    const last = page[page.length - 1];
    next = Buffer.from(JSON.stringify({ r: last.read, k: last.key, u: last.userId })).toString('base64url');
  }
  if (cursor !== '' && next === cursor) next = '';
  return { objects: page.map(objectOut), cursor: next };
}

module.exports = {
  writeObjectsTx, deleteObjectsTx, readObjects, listObjects, objectOut, storageKey, versionOf, ERR_VERSION, ERR_DELETE,
};
