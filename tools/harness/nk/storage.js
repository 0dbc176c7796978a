'use strict';
/**
 * nk.storageRead / storageWrite / storageList / storageDelete (and the host half of storageWriteRetry), with the
 * argument checks and error texts of runtime_javascript_nakama.go. The engine is storage-ops.js.
 * @module
 */
const { typeError, goError } = require('../errors');
const { getString, getInt, isNil, isMap, sliceOfMaps, parseUuid, NIL_UUID } = require('./args');
const { goIsInt } = require('../go-value');
const { goJsonMarshal } = require('../gofmt');
const ops = require('./storage-ops');

/**
 * @param {Record<string, unknown>} o
 * @param {string} k
 */
const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Object ids for storageRead and storageWriteRetry.
 * @param {unknown} arg
 * @returns {Array<{collection: string, key: string, userId: string}>}
 */
function parseReadIds(arg) {
  if (arg === undefined || arg === null) throw typeError('expects an array of keys');
  const list = sliceOfMaps(arg);
  if (!list) throw typeError('expects an array of keys');
  return list.map((o) => {
    const id = { collection: '', key: '', userId: '' };
    if (has(o, 'collection')) {
      if (typeof o.collection !== 'string') throw typeError("expects 'collection' value to be a string");
      if (o.collection === '') throw typeError("expects 'collection' value to be a non empty string");
      id.collection = o.collection;
    }
    if (has(o, 'key')) {
      if (typeof o.key !== 'string') throw typeError("expects 'key' value to be a string");
      id.key = o.key;
    }
    if (has(o, 'userId')) {
      if (typeof o.userId !== 'string') throw typeError("expects 'userId' value to be a string");
      const uid = parseUuid(o.userId);
      if (!uid) throw typeError("expects 'userId' value to be a valid id");
      id.userId = uid;
    }
    if (id.userId === '') id.userId = NIL_UUID;
    return id;
  });
}

/**
 * Shared tail of the write parsers: value, version and permissions.
 * @param {Record<string, unknown>} o
 * @param {{collection: string, key: string, ownerId: string}} base
 * @param {(msg: string) => Error} valueErr how a json.Marshal failure is raised
 */
function writeTail(o, base, valueErr) {
  if (!isMap(o.value)) throw typeError("expects 'value' value to be an object");
  let valueJson;
  try {
    valueJson = goJsonMarshal(o.value);
  } catch (e) {
    throw valueErr(`failed to convert value: ${/** @type {Error} */ (e).message}`);
  }
  let version = '';
  if (o.version !== undefined && o.version !== null) {
    if (typeof o.version !== 'string') throw typeError("expects 'version' value to be a string");
    if (o.version === '') throw typeError("expects 'version' value to be a non-empty string");
    version = o.version;
  }
  const perm = (/** @type {string} */ k) => {
    if (!has(o, k)) return 1;
    if (!goIsInt(o[k])) throw typeError(`expects '${k}' value to be a number`);
    return /** @type {number} */ (o[k]);
  };
  const op = { ...base, valueJson, version, read: perm('permissionRead'), write: perm('permissionWrite') };
  if (op.collection === '') throw typeError('expects collection to be supplied');
  return op;
}

/**
 * jsArrayToStorageOpWrites (storageWrite) and jsArrayToStorageWrites (storageWriteRetry): same checks.
 * @param {Record<string, unknown>[]} list
 */
function parseWrites(list) {
  return list.map((o) => {
    let collection = '';
    if (has(o, 'collection')) {
      if (typeof o.collection !== 'string') throw typeError("expects 'collection' value to be a string");
      if (o.collection === '') throw typeError("expects 'collection' value to be non-empty");
      collection = o.collection;
    }
    if (typeof o.key !== 'string') throw typeError("expects 'key' value to be a string");
    if (o.key === '') throw typeError("expects 'key' value to be non-empty");
    let ownerId = NIL_UUID;
    if (o.userId !== undefined && o.userId !== null) {
      if (typeof o.userId !== 'string') throw typeError("expects 'userId' value to be a string");
      const uid = parseUuid(o.userId);
      if (!uid) throw typeError("expects 'userId' value to be a valid id");
      ownerId = uid;
    }
    return writeTail(o, { collection, key: o.key, ownerId }, typeError);
  });
}

/**
 * multiUpdate's storage writes: every field is checked only when its key is present, in Nakama's order
 * (collection, key, userId, value, version, permissions, then the "supplied" checks).
 * @param {unknown} arg
 */
function parseMultiWrites(arg) {
  const list = sliceOfMaps(arg);
  if (!list) throw typeError('expects a valid array of data');
  return list.map((o) => {
    const op = { collection: '', key: '', ownerId: NIL_UUID, valueJson: '', version: '', read: 1, write: 1 };
    if (has(o, 'collection')) {
      if (typeof o.collection !== 'string') throw typeError("expects 'collection' value to be a string");
      if (o.collection === '') throw typeError("expects 'collection' value to be non-empty");
      op.collection = o.collection;
    }
    if (has(o, 'key')) {
      if (typeof o.key !== 'string') throw typeError("expects 'key' value to be a string");
      if (o.key === '') throw typeError("expects 'key' value to be non-empty");
      op.key = o.key;
    }
    if (has(o, 'userId')) {
      if (typeof o.userId !== 'string') throw typeError("expects 'userId' value to be a string");
      const uid = parseUuid(o.userId);
      if (!uid) throw typeError("expects 'userId' value to be a valid id");
      op.ownerId = uid;
    }
    if (has(o, 'value')) {
      if (!isMap(o.value)) throw typeError("expects 'value' value to be an object");
      try {
        op.valueJson = goJsonMarshal(o.value);
      } catch (e) {
        throw goError(`failed to convert value: ${/** @type {Error} */ (e).message}`);
      }
    }
    if (has(o, 'version')) {
      if (typeof o.version !== 'string') throw typeError("expects 'version' value to be a string");
      if (o.version === '') throw typeError("expects 'version' value to be a non-empty string");
      op.version = o.version;
    }
    for (const [k, field] of /** @type {const} */ ([['permissionRead', 'read'], ['permissionWrite', 'write']])) {
      if (has(o, k)) {
        if (!goIsInt(o[k])) throw typeError(`expects '${k}' value to be a number`);
        op[field] = /** @type {number} */ (o[k]);
      }
    }
    if (op.collection === '') throw typeError('expects collection to be supplied');
    if (op.key === '') throw typeError('expects key to be supplied');
    if (op.valueJson === '') throw typeError('expects value to be supplied');
    return op;
  });
}

/**
 * storageDelete / multiUpdate deletes.
 * @param {Record<string, unknown>[]} list
 */
function parseDeletes(list) {
  return list.map((o) => {
    const op = { collection: '', key: '', ownerId: NIL_UUID, version: '' };
    if (has(o, 'collection')) {
      if (typeof o.collection !== 'string') throw typeError("expects 'collection' value to be a string");
      if (o.collection === '') throw typeError("expects 'collection' value to be non-empty");
      op.collection = o.collection;
    }
    if (has(o, 'key')) {
      if (typeof o.key !== 'string') throw typeError("expects 'key' value to be a string");
      if (o.key === '') throw typeError("expects 'key' value to be non-empty");
      op.key = o.key;
    }
    if (has(o, 'userId')) {
      if (typeof o.userId !== 'string') throw typeError("expects 'userId' value to be a string");
      const uid = parseUuid(o.userId);
      if (!uid) throw typeError("expects 'userId' value to be a valid id");
      op.ownerId = uid;
    }
    if (has(o, 'version')) {
      if (typeof o.version !== 'string') throw typeError("expects 'version' value to be a string");
      if (o.version === '') throw typeError("expects 'version' value to be a non-empty string");
      op.version = o.version;
    }
    if (op.collection === '') throw typeError('expects collection to be supplied');
    if (op.key === '') throw typeError('expects key to be supplied');
    return op;
  });
}

/**
 * Runs fn in a transaction, turning engine errors into GoErrors with a prefix.
 * @template T
 * @param {import('./state').NkState} state
 * @param {string} prefix
 * @param {() => T} fn
 * @returns {T}
 */
function txOrGoError(state, prefix, fn) {
  try {
    return state.tx(fn);
  } catch (e) {
    if (e instanceof Error && e.name === 'NkError') throw e;
    throw goError(`${prefix}: ${/** @type {Error} */ (e).message}`);
  }
}

/** @type {Record<string, (state: import('./state').NkState, args: unknown[]) => unknown>} */
const handlers = {
  storageRead(state, args) {
    const ids = parseReadIds(args[0]);
    return ops.readObjects(state, ids);
  },

  storageWrite(state, args) {
    if (isNil(args, 0)) throw typeError('expects a valid array of data');
    const list = sliceOfMaps(args[0]);
    if (!list) throw typeError('expects an array of storage write objects');
    const writes = parseWrites(list);
    return txOrGoError(state, 'failed to write storage objects', () => ops.writeObjectsTx(state, writes));
  },

  storageDelete(state, args) {
    if (args[0] === undefined) throw typeError('expects an array of keys');
    const list = sliceOfMaps(args[0]);
    if (!list) throw typeError('expects an array of keys');
    const dels = parseDeletes(list);
    txOrGoError(state, 'failed to remove storage', () => ops.deleteObjectsTx(state, dels));
    return undefined;
  },

  storageList(state, args) {
    let ownerId = null;
    if (!isNil(args, 0)) {
      ownerId = parseUuid(getString(args[0]));
      if (!ownerId) throw typeError('expects empty or valid user id');
    }
    const collection = isNil(args, 1) ? '' : getString(args[1]);
    const limit = isNil(args, 2) ? 100 : getInt(args[2]);
    if (limit < 0) throw typeError('limit must not be negative');
    const cursor = isNil(args, 3) ? '' : getString(args[3]);
    let callerId = NIL_UUID;
    if (!isNil(args, 4)) {
      const cid = parseUuid(getString(args[4]));
      if (!cid) throw typeError('expects caller id to be valid identifier');
      callerId = cid;
    }
    const list = txOrGoError(state, 'failed to list storage objects', () => {
      const all = ops.listObjects(state, ownerId, collection, limit, cursor);
      if (callerId === NIL_UUID) return all;
      // Client-style listing (callerId given): only objects the caller may read. Approximation: filters the page.
      const readable = (/** @type {any} */ o) => o.permissionRead === 2 || (o.permissionRead === 1 && o.userId === callerId);
      return { objects: all.objects.filter(readable), cursor: all.cursor };
    });
    return { objects: list.objects, cursor: list.cursor === '' ? null : list.cursor };
  },

  /** storageWriteRetry step 1 (host half): validate the object ids. */
  __swrKeys(_state, args) {
    return parseReadIds(args[0]);
  },

  /** storageWriteRetry step 2: read the current objects. */
  __swrRead(state, args) {
    return ops.readObjects(state, /** @type {any} */ (args[0]));
  },

  /** storageWriteRetry step 3: write what updateFn returned; {retry: true} on a version conflict. */
  __swrWrite(state, args) {
    const list = sliceOfMaps(args[0]);
    if (!list) throw typeError('expects an array of storage write objects');
    const writes = parseWrites(list);
    try {
      return { acks: state.tx(() => ops.writeObjectsTx(state, writes)) };
    } catch (e) {
      if (/** @type {Error} */ (e).message === ops.ERR_VERSION) return { retry: true };
      throw goError(`failed to write storage objects with retry: ${/** @type {Error} */ (e).message}`);
    }
  },
};

module.exports = { handlers, parseMultiWrites, parseDeletes, txOrGoError };
