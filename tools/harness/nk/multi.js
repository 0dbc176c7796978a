'use strict';
/**
 * nk.multiUpdate (core_multi.go): accounts, storage writes, storage deletes and wallets in ONE transaction.
 * Any failure (version conflict, negative wallet, username clash...) rolls everything back.
 * @module
 */
const { typeError, goError } = require('../errors');
const { isNil, getBool, sliceOfMaps } = require('./args');
const { parseAccountUpdates, updateAccountsTx } = require('./accounts');
const { parseMultiWrites, parseDeletes } = require('./storage');
const { parseWalletUpdates, updateWalletsTx } = require('./wallet');
const { writeObjectsTx, deleteObjectsTx } = require('./storage-ops');

/** @type {Record<string, (state: import('./state').NkState, args: unknown[]) => unknown>} */
const handlers = {
  multiUpdate(state, args) {
    const accounts = isNil(args, 0) ? [] : parseAccountUpdates(args[0]);
    const writes = isNil(args, 1) ? [] : parseMultiWrites(args[1]);
    let deletes = [];
    if (!isNil(args, 2)) {
      const list = sliceOfMaps(args[2]);
      if (!list) throw typeError('expects a valid array of data');
      deletes = parseDeletes(list);
    }
    const wallets = isNil(args, 3) ? [] : parseWalletUpdates(args[3]);
    const updateLedger = isNil(args, 4) ? false : getBool(args[4]);
    if (!accounts.length && !writes.length && !deletes.length && !wallets.length) {
      return { walletUpdateAcks: [], storageWriteAcks: [] };
    }
    try {
      return state.tx(() => {
        updateAccountsTx(state, accounts);
        const storageWriteAcks = writeObjectsTx(state, writes);
        deleteObjectsTx(state, deletes);
        const walletUpdateAcks = updateWalletsTx(state, wallets, updateLedger);
        return { walletUpdateAcks, storageWriteAcks };
      });
    } catch (e) {
      throw goError(`error running multi update: ${/** @type {Error} */ (e).message}`);
    }
  },
};

module.exports = { handlers };
