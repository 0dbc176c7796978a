'use strict';
/**
 * Users and accounts: the harness's user factory plus nk.accountGetId / accountsGetId / usersGetId /
 * usersGetUsername, and the account part of nk.multiUpdate (core_account.go updateAccounts).
 * Output shapes follow accountToJsObject / userToJsObject in runtime_javascript_nakama.go.
 * @module
 */
const { typeError, goError } = require('../errors');
const { getString, isUndef, isNil, sliceOfStrings, parseUuid, isMap, NIL_UUID } = require('./args');
const { goJsonMarshal } = require('../gofmt');

/** Nakama's invalidUsernameRegex: control characters or whitespace. */
const INVALID_USERNAME = /[\u0000-\u001f\u007f\t\n\r\f\v ]/;

/**
 * Creates a user the way authenticateDevice/Custom would (harness API, not an nk function).
 * @param {import('./state').NkState} state
 * @param {{username?: string, deviceId?: string, customId?: string, email?: string, displayName?: string,
 *   metadata?: Record<string, unknown>, wallet?: Record<string, number>, userId?: string}} [opts]
 * @returns {string} the new user id
 */
function createUser(state, opts = {}) {
  const userId = opts.userId ? parseUuid(opts.userId) : state.rng.uuid('user');
  if (!userId) throw new Error(`createUser: invalid userId ${opts.userId}`);
  if (state.users.has(userId)) throw new Error(`createUser: user ${userId} already exists`);
  const username = opts.username !== undefined ? opts.username : state.rng.letters('username', 10);
  if (state.usernames.has(username)) throw new Error(`createUser: username "${username}" is already in use`);
  const now = state.clock.nowSec();
  state.set(state.users, userId, {
    userId, username, displayName: opts.displayName || '', avatarUrl: '', langTag: 'en', location: '', timezone: '',
    metadata: goJsonMarshal(opts.metadata || {}), wallet: { ...(opts.wallet || {}) }, email: opts.email || '',
    customId: opts.customId || '', devices: opts.deviceId ? [opts.deviceId] : [], createTime: now, updateTime: now,
    verifyTime: 0, disableTime: 0,
  });
  state.set(state.usernames, username, userId);
  return userId;
}

/**
 * userToJsObject.
 * @param {any} u user record
 */
function userObject(u) {
  return {
    userId: u.userId, username: u.username, displayName: u.displayName, avatarUrl: u.avatarUrl, langTag: u.langTag,
    location: u.location, timezone: u.timezone, online: false, edgeCount: 0, createTime: u.createTime,
    updateTime: u.updateTime, metadata: JSON.parse(u.metadata),
  };
}

/**
 * accountToJsObject.
 * @param {any} u user record
 */
function accountObject(u) {
  /** @type {Record<string, unknown>} */
  const a = { user: userObject(u), wallet: { ...u.wallet } };
  if (u.email) a.email = u.email;
  if (u.devices.length) a.devices = u.devices.map((/** @type {string} */ id) => ({ id }));
  if (u.customId) a.customId = u.customId;
  if (u.verifyTime) a.verifyTime = u.verifyTime;
  if (u.disableTime) a.disableTime = u.disableTime;
  return a;
}

/** @type {Record<string, (state: import('./state').NkState, args: unknown[]) => unknown>} */
/**
 * The optional list of user ids at args[index], parsed like Nakama (canonical UUIDs).
 * @param {unknown[]} args @param {number} index @returns {string[]}
 */
function userIdsArg(args, index) {
  if (isNil(args, index)) return [];
  const s = sliceOfStrings(args[index]);
  if (!s) throw typeError('expects an array of strings');
  for (const id of s) if (!parseUuid(id)) throw typeError(`invalid user id: ${id}`);
  return s.map((id) => /** @type {string} */ (parseUuid(id)));
}

const handlers = {
  accountGetId(state, args) {
    const userId = getString(args[0]);
    if (userId === '') throw typeError('expects user id');
    const uid = parseUuid(userId);
    if (!uid) throw typeError('invalid user id');
    const u = state.users.get(uid);
    if (!u) throw goError('error getting account: account not found');
    return accountObject(u);
  },

  accountsGetId(state, args) {
    const uids = userIdsArg(args, 0);
    /** @type {string[]} */
    let dids = [];
    if (!isNil(args, 1)) {
      const s = sliceOfStrings(args[1]);
      if (!s) throw typeError('expects an array of strings');
      dids = s;
    }
    const found = new Set();
    const out = [];
    for (const id of uids) {
      const u = state.users.get(id);
      if (u && !found.has(id)) { found.add(id); out.push(accountObject(u)); }
    }
    for (const u of state.users.values()) {
      if (!found.has(u.userId) && u.devices.some((/** @type {string} */ d) => dids.includes(d))) {
        found.add(u.userId);
        out.push(accountObject(u));
      }
    }
    return out;
  },

  usersGetId(state, args) {
    const uids = userIdsArg(args, 0);
    if (!isNil(args, 1) && !sliceOfStrings(args[1])) throw typeError('expects an array of strings');
    return dedupeUsers(uids.map((id) => state.users.get(id)));
  },

  usersGetUsername(state, args) {
    if (isNil(args, 0)) throw typeError('expects an array of usernames');
    const names = sliceOfStrings(args[0]);
    if (!names) throw typeError('expects an array of strings');
    return dedupeUsers(names.map((n) => state.users.get(state.usernames.get(n) || '')));
  },
};

/**
 * @param {any[]} users records or undefined, in request order
 */
function dedupeUsers(users) {
  const seen = new Set();
  const out = [];
  for (const u of users) {
    if (u && !seen.has(u.userId)) { seen.add(u.userId); out.push(userObject(u)); }
  }
  return out;
}

/**
 * Parses nk.multiUpdate's accountUpdates argument (the validation order and texts of runtime_javascript_nakama.go).
 * @param {unknown} arg
 * @returns {Array<Record<string, any>>}
 */
function parseAccountUpdates(arg) {
  if (!Array.isArray(arg) || !arg.every(isMap)) throw typeError('expects an array of account updates');
  return arg.map((/** @type {Record<string, unknown>} */ o) => {
    /** @type {Record<string, any>} */
    const u = { userId: NIL_UUID };
    if ('userId' in o) {
      if (typeof o.userId !== 'string') throw typeError("expects 'userId' value to be a string");
      const uid = parseUuid(o.userId);
      if (!uid) throw typeError("expects 'userId' value to be a valid id");
      u.userId = uid;
    }
    for (const k of ['username', 'displayName', 'timezone', 'location', 'langTag', 'avatarUrl']) {
      if (k in o) {
        if (typeof o[k] !== 'string') throw typeError('expects a string');
        u[k] = o[k];
      }
    }
    if ('metadata' in o) {
      if (!isMap(o.metadata)) throw typeError('expects metadata to be a key value object');
      u.metadata = marshalOrGoError(o.metadata, 'failed to convert metadata');
    }
    return u;
  });
}

/**
 * @param {unknown} v
 * @param {string} prefix
 * @returns {string}
 */
function marshalOrGoError(v, prefix) {
  try {
    return goJsonMarshal(v);
  } catch (e) {
    throw goError(`${prefix}: ${/** @type {Error} */ (e).message}`);
  }
}

/**
 * updateAccounts inside a transaction. Errors are returned as plain Error with Nakama's text.
 * @param {import('./state').NkState} state
 * @param {Array<Record<string, any>>} updates
 */
function updateAccountsTx(state, updates) {
  for (const up of updates) {
    if (up.username && INVALID_USERNAME.test(up.username)) {
      throw new Error('Username invalid, no spaces or control characters allowed.');
    }
    const fields = ['displayName', 'timezone', 'location', 'langTag', 'avatarUrl', 'metadata'];
    if (!up.username && !fields.some((k) => k in up)) throw new Error('No fields to update.');
    const u = state.users.get(up.userId);
    if (!u) continue; // UPDATE ... WHERE id = $1 matches nothing: no error.
    const next = { ...u };
    if (up.username && up.username !== u.username) {
      const owner = state.usernames.get(up.username);
      if (owner && owner !== u.userId) throw new Error('rpc error: code = AlreadyExists desc = Username is already in use.');
      state.delete(state.usernames, u.username);
      state.set(state.usernames, up.username, u.userId);
      next.username = up.username;
    }
    for (const k of fields) if (k in up) next[k] = up[k];
    next.updateTime = state.clock.nowSec();
    state.set(state.users, u.userId, next);
  }
}

module.exports = { createUser, handlers, parseAccountUpdates, updateAccountsTx, accountObject, userObject, marshalOrGoError };
