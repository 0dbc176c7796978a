'use strict';
/**
 * Argument checks of the match dispatcher (runtime_javascript_match_core.go validateBroadcast, matchKick,
 * matchLabelUpdate), over Go values. Pure functions: the Match applies the results.
 * @module
 */
const { typeError, goError } = require('./errors');
const { getInt, getBool, getString, isNil, isMap, sliceOfMaps, parseUuid, utf8Length } = require('./nk/args');
const { goKind } = require('./go-value');

const MATCH_LABEL_MAX_BYTES = 2048;

/**
 * @typedef {{userId: string, sessionId: string, username: string, node: string}} Presence
 * @typedef {{sessionId: string, node: string}} PresenceId
 */

/**
 * validateBroadcast. Returns null when there is nobody to send to.
 * @param {unknown[]} args [opCode, data, presences, sender, reliable]
 * @param {(id: PresenceId) => boolean} isMember
 * @returns {{targets: PresenceId[]|null, opCode: number, data: Buffer, sender: {userId: string, sessionId: string, username: string}|null, reliable: boolean}|null}
 *   targets null = every presence in the match
 */
function validateBroadcast(args, isMember) {
  const opCode = getInt(args[0]);
  let data = Buffer.alloc(0);
  if (!isNil(args, 1)) {
    const kind = goKind(args[1]);
    if (kind === 'string') data = Buffer.from(/** @type {string} */ (args[1]), 'utf8');
    else if (kind === 'arraybuffer') data = Buffer.from(/** @type {ArrayBuffer} */ (args[1]));
    else throw typeError('expects data to be an ArrayBuffer, a string or nil');
  }
  /** @type {PresenceId[]|null} */
  let targets = null;
  if (!isNil(args, 2)) {
    const list = sliceOfMaps(args[2]);
    if (!list) throw typeError('expects an array of presences or nil');
    targets = list.map((p) => {
      if (p.sessionId === null || p.sessionId === undefined) throw typeError("presence is expected to contain a 'sessionId'");
      if (typeof p.sessionId !== 'string') throw typeError("expects a 'sessionId' string");
      const sid = parseUuid(p.sessionId);
      if (!sid) throw typeError("expects a valid 'sessionId'");
      if (p.node === null || p.node === undefined) throw typeError("expects presence to contain a 'node'");
      if (typeof p.node !== 'string') throw typeError("expects a 'nodeId' string");
      return { sessionId: sid, node: p.node };
    });
    if (targets.length === 0) return null; // [] = nobody
  }
  let sender = null;
  if (!isNil(args, 3)) {
    const s = args[3];
    if (!isMap(s)) throw typeError('expects sender to be an object');
    if (s.userId === null || s.userId === undefined) throw typeError("expects presence to contain 'userId'");
    if (typeof s.userId !== 'string') throw typeError("expects presence to contain 'userId' string");
    if (!parseUuid(s.userId)) throw typeError('expects presence to contain valid userId');
    if (s.sessionId === null || s.sessionId === undefined) throw typeError("presence is expected to contain a 'sessionId'");
    if (typeof s.sessionId !== 'string') throw typeError("expects a 'sessionId' string");
    if (!parseUuid(s.sessionId)) throw typeError("expects a valid 'sessionId'");
    if (s.username === null || s.username === undefined) throw typeError("presence is expected to contain a 'username'");
    // Nakama 3.40 reads the username from the sessionId value (`username, ok := sidVal.(string)`).
    sender = { userId: s.userId, sessionId: s.sessionId, username: s.sessionId };
  }
  if (targets !== null) {
    targets = targets.filter(isMember);
    if (targets.length === 0) return null;
  }
  const reliable = isNil(args, 4) ? true : getBool(args[4]);
  return { targets, opCode, data, sender, reliable };
}

/**
 * matchKick: presences to remove (only those on this node are untracked).
 * @param {unknown[]} args
 * @returns {Presence[]}
 */
function parseKick(args) {
  if (isNil(args, 0)) return [];
  const list = sliceOfMaps(args[0]);
  if (!list) throw typeError('expects an array of presence objects');
  return list.map((p) => {
    if (p.userId === null || p.userId === undefined) throw typeError("expects presence to contain 'userId'");
    if (typeof p.userId !== 'string') throw typeError("expects presence to contain 'userId' string");
    const uid = parseUuid(p.userId);
    if (!uid) throw typeError('expects presence to contain valid userId');
    if (p.sessionId === null || p.sessionId === undefined) throw typeError("presence is expected to contain a 'sessionId'");
    if (typeof p.sessionId !== 'string') throw typeError("expects a 'sessionId' string");
    const sid = parseUuid(p.sessionId);
    if (!sid) throw typeError("expects a valid 'sessionId'");
    if (p.node === null || p.node === undefined) throw typeError("expects presence to contain a 'node'");
    if (typeof p.node !== 'string') throw typeError("expects a 'node' string");
    return { userId: uid, sessionId: sid, username: '', node: p.node };
  });
}

/**
 * matchLabelUpdate / matchInit label rule.
 * @param {unknown} v
 * @returns {string}
 */
function parseLabelUpdate(v) {
  const label = getString(v);
  if (utf8Length(label) > MATCH_LABEL_MAX_BYTES) {
    throw goError('error updating match label: match label too long, must be 0-2048 bytes');
  }
  return label;
}

module.exports = { validateBroadcast, parseKick, parseLabelUpdate, MATCH_LABEL_MAX_BYTES };
