'use strict';
/**
 * Wallets and the wallet ledger (core_wallet.go + runtime_javascript_nakama.go): nk.walletUpdate, walletsUpdate,
 * walletLedgerList, walletLedgerUpdate, and the wallet part of multiUpdate. The ledger is written only when
 * updateLedger is true. Ledger listing is newest first (ORDER BY create_time DESC).
 * @module
 */
const { typeError, goError } = require('../errors');
const { getString, getInt, getBool, isUndef, isNil, isMap, sliceOfMaps, parseUuid } = require('./args');
const { goIsInt } = require('../go-value');
const { goJsonMarshal, goStringCompare } = require('../gofmt');

/**
 * @param {unknown} changeset
 * @returns {Record<string, number>}
 */
function parseChangeset(changeset) {
  const cs = /** @type {Record<string, unknown>} */ (changeset);
  for (const k of Object.keys(cs)) if (!goIsInt(cs[k])) throw typeError('expects changeset values to be whole numbers');
  return /** @type {Record<string, number>} */ ({ ...cs });
}

/**
 * @param {unknown} metadata a Go map
 * @returns {string} JSON
 */
function marshalMetadata(metadata) {
  try {
    return goJsonMarshal(metadata);
  } catch (e) {
    throw goError(`failed to convert metadata: ${/** @type {Error} */ (e).message}`);
  }
}

/**
 * walletsUpdate / multiUpdate wallet updates.
 * @param {unknown} arg
 * @returns {Array<{userId: string, changeset: Record<string, number>, metadataJson: string}>}
 */
function parseWalletUpdates(arg) {
  const list = sliceOfMaps(arg);
  if (!list) throw typeError('expects an array of wallet update objects');
  return list.map((o) => {
    if (!Object.prototype.hasOwnProperty.call(o, 'userId')) throw typeError('expects a user id');
    if (typeof o.userId !== 'string') throw typeError('expects a valid user id');
    const userId = parseUuid(o.userId);
    if (!userId) throw typeError('expects a valid user id');
    if (!isMap(o.changeset)) throw typeError('expects changeset object');
    const changeset = parseChangeset(o.changeset);
    let metadataJson = '{}';
    if (Object.prototype.hasOwnProperty.call(o, 'metadata')) {
      if (!isMap(o.metadata)) throw typeError('expects metadata object');
      metadataJson = marshalMetadata(o.metadata);
    }
    return { userId, changeset, metadataJson };
  });
}

/**
 * updateWallets inside a transaction. Several updates of one user apply in sequence to the same wallet map, so
 * their `updated` results all show the final wallet (as in Go, where they share the map).
 * @param {import('./state').NkState} state
 * @param {Array<{userId: string, changeset: Record<string, number>, metadataJson: string}>} updates
 * @param {boolean} updateLedger
 */
function updateWalletsTx(state, updates, updateLedger) {
  /** @type {Map<string, Record<string, number>>} */
  const wallets = new Map();
  const results = [];
  const now = state.clock.nowSec();
  for (const up of updates) {
    const user = state.users.get(up.userId);
    if (!user) continue; // a wallet update for a user that does not exist is skipped
    let w = wallets.get(up.userId);
    if (!w) { w = { ...user.wallet }; wallets.set(up.userId, w); }
    const previous = { ...w };
    for (const k of Object.keys(up.changeset).sort(goStringCompare)) {
      const next = (w[k] || 0) + up.changeset[k];
      if (next < 0) throw new Error(`wallet update rejected negative value at path '${k}'`);
      w[k] = next;
    }
    results.push({ updated: w, previous, userId: up.userId });
    if (updateLedger) {
      const id = state.rng.uuid('ledger');
      state.set(state.ledger, id, {
        id, userId: up.userId, changeset: { ...up.changeset }, metadataJson: up.metadataJson, createTime: now, updateTime: now,
      });
    }
  }
  for (const [userId, w] of wallets) {
    state.set(state.users, userId, { ...state.users.get(userId), wallet: { ...w }, updateTime: now });
  }
  return results.map((r) => ({ updated: { ...r.updated }, previous: r.previous, userId: r.userId }));
}

/**
 * @param {any} item ledger record
 * @param {string} userId as the caller spelled it
 */
const ledgerOut = (item, userId) => ({
  id: item.id, userId, createTime: item.createTime, updateTime: item.updateTime,
  changeset: { ...item.changeset }, metadata: JSON.parse(item.metadataJson),
});

/** @type {Record<string, (state: import('./state').NkState, args: unknown[]) => unknown>} */
const handlers = {
  walletUpdate(state, args) {
    const userId = getString(args[0]);
    const uid = userId === '' ? null : parseUuid(userId);
    if (!uid) throw typeError('expects a valid user id');
    if (!isMap(args[1])) throw typeError('expects a changeset object');
    const changeset = parseChangeset(args[1]);
    let metadataJson = '{}';
    if (!isNil(args, 2)) {
      if (!isMap(args[2])) throw typeError('expects metadata to be a key value object');
      metadataJson = marshalMetadata(args[2]);
    }
    const updateLedger = isUndef(args, 3) ? false : getBool(args[3]);
    let results;
    try {
      results = state.tx(() => updateWalletsTx(state, [{ userId: uid, changeset, metadataJson }], updateLedger));
    } catch (e) {
      throw goError(`failed to update user wallet: ${/** @type {Error} */ (e).message}`);
    }
    if (results.length === 0) throw typeError('user not found');
    return results[0];
  },

  walletsUpdate(state, args) {
    const updates = parseWalletUpdates(args[0]);
    const updateLedger = isUndef(args, 1) ? false : getBool(args[1]);
    try {
      return state.tx(() => updateWalletsTx(state, updates, updateLedger));
    } catch (e) {
      throw goError(`failed to update user wallet: ${/** @type {Error} */ (e).message}`);
    }
  },

  walletLedgerList(state, args) {
    const userId = getString(args[0]);
    const uid = userId === '' ? null : parseUuid(userId);
    if (!uid) throw typeError('expects a valid user id');
    const limit = isUndef(args, 1) ? 100 : getInt(args[1]);
    const cursor = isUndef(args, 2) ? '' : getString(args[2]);
    let offset = 0;
    if (cursor !== '') {
      let c = null;
      try { c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')); } catch { c = null; }
      if (!c || c.u !== uid || !Number.isInteger(c.o)) throw goError('failed to retrieve user wallet ledger: wallet ledger cursor invalid');
      offset = c.o;
    }
    const all = [...state.ledger.values()].filter((i) => i.userId === uid).reverse();
    const page = all.slice(offset, offset + Math.max(limit, 0));
    const more = offset + page.length < all.length;
    const next = more ? Buffer.from(JSON.stringify({ u: uid, o: offset + page.length })).toString('base64url') : null;
    return { items: page.map((i) => ledgerOut(i, userId)), cursor: next };
  },

  walletLedgerUpdate(state, args) {
    const itemId = getString(args[0]);
    const iid = itemId === '' ? null : parseUuid(itemId);
    if (!iid) throw typeError('expects a valid id');
    if (!isMap(args[1])) throw typeError('expects metadata object');
    const merged = JSON.parse(marshalMetadata(args[1]));
    const item = state.ledger.get(iid);
    if (!item) throw goError('failed to update user wallet ledger: sql: no rows in result set');
    const now = state.clock.nowSec();
    const next = { ...item, metadataJson: JSON.stringify({ ...JSON.parse(item.metadataJson), ...merged }), updateTime: now };
    state.set(state.ledger, iid, next);
    // Nakama returns the new metadata under "changeset" and a nil "metadata" (runtime_javascript_nakama.go).
    return { id: itemId, userId: item.userId, createTime: item.createTime, updateTime: now, changeset: args[1], metadata: null };
  },
};

module.exports = { handlers, parseWalletUpdates, updateWalletsTx };
