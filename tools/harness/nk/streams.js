'use strict';
/**
 * Stream presences (nk.streamUserJoin/Leave/List, streamCount) as Nakama's tracker keeps them: per stream
 * (mode, subject, subcontext, label), one presence per session, hidden ones listed only on request. Real
 * Nakama also drops a session's presences when it disconnects; the harness has no disconnects.
 * Argument checks follow runtime_javascript_nakama.go (jsObjectToPresenceStream and the stream functions).
 * @module
 */
const { typeError } = require('../errors');
const { getString, getBool, isUndef, isNil, parseUuid } = require('./args');

/**
 * @param {unknown} v
 * @returns {{mode: number, subject: string, subcontext: string, label: string}}
 */
function streamArg(v) {
  if (v === null || typeof v !== 'object') throw typeError('expects a stream object');
  const o = /** @type {Record<string, unknown>} */ (v);
  const stream = { mode: 0, subject: '', subcontext: '', label: '' };
  if (o.mode !== undefined) {
    if (typeof o.mode !== 'number' || !Number.isInteger(o.mode)) throw typeError('stream mode must be a number');
    stream.mode = o.mode & 0xff;
  }
  for (const key of /** @type {const} */ (['subject', 'subcontext'])) {
    if (o[key] === undefined) continue;
    if (typeof o[key] !== 'string') throw typeError(`stream ${key} must be a string`);
    if (!parseUuid(/** @type {string} */ (o[key]))) throw typeError(`stream ${key} must be a valid identifier`);
    stream[key] = /** @type {string} */ (o[key]);
  }
  if (o.label !== undefined) {
    if (typeof o.label !== 'string') throw typeError('stream label must be a string');
    stream.label = o.label;
  }
  return stream;
}

const streamKey = (s) => `${s.mode}|${s.subject}|${s.subcontext}|${s.label}`;

/**
 * @param {import('./state').NkState} state
 * @returns {Map<string, Map<string, any>>} stream key -> session id -> presence
 */
function streams(state) {
  if (!state.streams) state.streams = new Map();
  return state.streams;
}

function userSession(args) {
  const userId = getString(args[0]);
  if (userId === '') throw typeError('expects user id');
  if (!parseUuid(userId)) throw typeError('invalid user id');
  const sessionId = getString(args[1]);
  if (sessionId === '') throw typeError('expects session id');
  if (!parseUuid(sessionId)) throw typeError('invalid session id');
  return { userId, sessionId };
}

const handlers = {
  streamUserJoin(state, args) {
    const { userId, sessionId } = userSession(args);
    if (isNil(args, 2)) throw typeError('expects stream object');
    const stream = streamArg(args[2]);
    const hidden = isUndef(args, 3) ? false : getBool(args[3]);
    const persistence = isUndef(args, 4) ? true : getBool(args[4]);
    const status = isUndef(args, 5) ? '' : getString(args[5]);
    const key = streamKey(stream);
    const all = streams(state);
    if (!all.has(key)) all.set(key, new Map());
    const members = all.get(key);
    const user = state.users.get(userId);
    const existed = members.has(sessionId);
    members.set(sessionId, { userId, sessionId, nodeId: 'nakama', hidden, persistence, username: user ? user.username : '', status, reason: 0 });
    return !existed;
  },

  streamUserLeave(state, args) {
    const { sessionId } = userSession(args);
    if (isNil(args, 2)) throw typeError('expects stream object');
    const members = streams(state).get(streamKey(streamArg(args[2])));
    if (members) members.delete(sessionId);
    return undefined;
  },

  streamUserList(state, args) {
    if (isNil(args, 0)) throw typeError('expects stream object');
    const members = streams(state).get(streamKey(streamArg(args[0])));
    const includeHidden = isUndef(args, 1) ? true : getBool(args[1]);
    const includeNotHidden = isUndef(args, 2) ? true : getBool(args[2]);
    return [...(members ? members.values() : [])].filter((p) => (p.hidden ? includeHidden : includeNotHidden)).map((p) => ({ ...p }));
  },

  streamCount(state, args) {
    if (isNil(args, 0)) throw typeError('expects stream object');
    const members = streams(state).get(streamKey(streamArg(args[0])));
    return members ? members.size : 0;
  },
};

module.exports = { handlers };
