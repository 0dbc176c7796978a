'use strict';
/**
 * nk.notificationSend / notificationsSend / notificationSendAll. Sent notifications are captured in
 * h.notifications as {id, userId ('*' for send-all), subject, content (object), code, senderId, persistent, createTime}.
 * @module
 */
const { typeError, goError } = require('../errors');
const { getString, getInt, getBool, isUndef, isNil, isMap, sliceOfMaps, parseUuid, NIL_UUID } = require('./args');
const { goIsInt } = require('../go-value');
const { goJsonMarshal } = require('../gofmt');

/**
 * @param {unknown} content a Go map
 * @returns {string}
 */
function contentJson(content) {
  try {
    return goJsonMarshal(content);
  } catch (e) {
    throw goError(`failed to convert content: ${/** @type {Error} */ (e).message}`);
  }
}

/**
 * @param {number} code
 * @returns {boolean} Nakama accepts positive codes and the reserved -2000..-1000 range
 */
const validCode = (code) => code > 0 || (code >= -2000 && code <= -1000);

/**
 * @param {import('./state').NkState} state
 * @param {{userId: string, subject: string, contentJson: string, code: number, senderId: string, persistent: boolean}} n
 */
function record(state, n) {
  state.notifications.push({
    id: state.rng.uuid('notification'), userId: n.userId, subject: n.subject, content: JSON.parse(n.contentJson),
    code: n.code, senderId: n.senderId, persistent: n.persistent, createTime: state.clock.nowSec(),
  });
}

/** @type {Record<string, (state: import('./state').NkState, args: unknown[]) => unknown>} */
const handlers = {
  notificationSend(state, args) {
    const userId = parseUuid(getString(args[0]));
    if (!userId) throw typeError('expects valid user id');
    const subject = getString(args[1]);
    if (subject === '') throw typeError('expects subject to be a non empty string');
    if (isUndef(args, 2)) throw typeError('expects content');
    if (!isMap(args[2])) throw typeError('expects content to be an object');
    const json = contentJson(args[2]);
    const code = getInt(args[3]);
    if (!validCode(code)) throw goError('expects code number to be a positive integer');
    let senderId = NIL_UUID;
    if (!isNil(args, 4)) {
      const sid = parseUuid(getString(args[4]));
      if (!sid) throw typeError('expects senderId to either be not set, empty string or a valid UUID');
      senderId = sid;
    }
    const persistent = isUndef(args, 5) ? false : getBool(args[5]);
    record(state, { userId, subject, contentJson: json, code, senderId, persistent });
    return undefined;
  },

  notificationsSend(state, args) {
    if (isNil(args, 0)) throw typeError('expects a valid array of notifications');
    const list = sliceOfMaps(args[0]);
    if (!list) throw typeError('expects notifications to be an array');
    const parsed = list.map((o) => {
      const n = { userId: NIL_UUID, subject: '', contentJson: '', code: 0, senderId: NIL_UUID, persistent: false };
      const has = (/** @type {string} */ k) => Object.prototype.hasOwnProperty.call(o, k);
      if (has('persistent')) {
        if (typeof o.persistent !== 'boolean') throw typeError("expects 'persistent' value to be a boolean");
        n.persistent = o.persistent;
      }
      if (has('subject')) {
        if (typeof o.subject !== 'string') throw typeError("expects 'subject' value to be a string");
        n.subject = o.subject;
      }
      if (has('content')) {
        if (!isMap(o.content)) throw typeError("expects 'content' value to be an object");
        n.contentJson = contentJson(o.content);
      }
      if (has('code')) {
        if (!goIsInt(o.code)) throw typeError("expects 'code' value to be a number");
        if (!validCode(/** @type {number} */ (o.code))) throw typeError("expects 'code' value to be a positive integer.");
        n.code = /** @type {number} */ (o.code);
      }
      if (has('userId')) {
        if (typeof o.userId !== 'string') throw typeError("expects 'userId' value to be a string");
        const uid = parseUuid(o.userId);
        if (!uid) throw typeError("expects 'userId' value to be a valid id");
        n.userId = uid;
      }
      if (has('senderId')) {
        if (typeof o.senderId !== 'string') throw typeError("expects 'senderId' value to be a string");
        const sid = parseUuid(o.senderId);
        if (!sid) throw typeError("expects 'senderId' value to be a valid id");
        n.senderId = sid;
      }
      if (n.subject === '') throw typeError('expects subject to be provided and to be non-empty');
      if (n.contentJson === '') throw typeError('expects content to be provided and be valid JSON');
      if (n.userId === NIL_UUID) throw typeError('expects userId to be provided and be a valid UUID');
      if (n.code === 0) throw typeError('expects code to be provided and be a number above 0');
      return n;
    });
    for (const n of parsed) record(state, n);
    return undefined;
  },

  notificationSendAll(state, args) {
    const subject = getString(args[0]);
    if (subject === '') throw typeError('expects subject to be a non empty string');
    if (isUndef(args, 1)) throw typeError('expects content');
    if (!isMap(args[1])) throw typeError('expects content to be an object');
    const json = contentJson(args[1]);
    const code = getInt(args[2]);
    if (code <= 0) throw goError('expects code number to be a positive integer');
    const persistent = isUndef(args, 3) ? false : getBool(args[3]);
    record(state, { userId: '*', subject, contentJson: json, code, senderId: NIL_UUID, persistent });
    return undefined;
  },
};

module.exports = { handlers };
