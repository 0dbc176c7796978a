'use strict';
/**
 * Checks of match handler return values (runtime_javascript_match_core.go), over Go values. Each returns the
 * outcome or throws an Error whose text is Nakama's; texts include Nakama's own copy-paste slips on purpose.
 * @module
 */
const { goKind, goIsInt } = require('./go-value');
const { utf8Length } = require('./nk/args');
const { MATCH_LABEL_MAX_BYTES } = require('./match-dispatch');

/**
 * @param {unknown} v
 * @returns {v is Record<string, any>}
 */
const isMap = (v) => goKind(v) === 'map';
/**
 * @param {Record<string, unknown>} o
 * @param {string} k
 */
const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * MatchInit.
 * @param {unknown} ret
 * @returns {{state: Record<string, unknown>, tickRate: number, label: string}}
 */
function checkInit(ret) {
  if (!isMap(ret)) throw new Error("matchInit is expected to return an object with 'state', 'tickRate' and 'label' properties");
  if (!has(ret, 'tickRate')) throw new Error("matchInit return value has no 'tickRate' property");
  const rate = ret.tickRate;
  if (!goIsInt(rate) || rate < 1 || rate > 60) throw new Error("matchInit 'tickRate' must be a number between 1 and 60");
  let label = '';
  if (has(ret, 'label')) {
    if (typeof ret.label !== 'string') throw new Error("matchInit 'label' value must be a string");
    label = ret.label;
  }
  if (!has(ret, 'state')) throw new Error("matchInit is expected to return an object with a 'state' property");
  if (ret.state === null) throw new Error('Match initial state must not be nil');
  if (utf8Length(label) > MATCH_LABEL_MAX_BYTES) throw new Error('match label too long, must be 0-2048 bytes');
  if (!isMap(ret.state)) {
    // Nakama accepts it here and then panics on the next handler call (state.(map[string]any)).
    throw new Error(`harness: matchInit state must be an object, got ${goKind(ret.state)} (Nakama would panic on the next call)`);
  }
  return { state: ret.state, tickRate: rate, label };
}

/**
 * MatchJoinAttempt. null state means "stop the match".
 * @param {unknown} ret
 * @returns {{state: Record<string, unknown>|null, accept: boolean, rejectMessage: string}}
 */
function checkJoinAttempt(ret) {
  if (ret === null) return { state: null, accept: false, rejectMessage: '' };
  if (!isMap(ret)) throw new Error("matchJoinAttempt is expected to return an object with 'state' and 'accept' properties");
  if (!has(ret, 'accept')) throw new Error("matchJoinAttempt return value has an 'accept' property");
  if (typeof ret.accept !== 'boolean') throw new Error("matchJoinAttempt 'accept' property must be a boolean");
  let rejectMessage = '';
  if (!ret.accept && has(ret, 'rejectMessage')) {
    if (typeof ret.rejectMessage !== 'string') throw new Error("matchJoinAttempt 'rejectMessage' property must be a string");
    rejectMessage = ret.rejectMessage;
  }
  if (!has(ret, 'state') || !isMap(ret.state)) {
    throw new Error("matchJoinAttempt is expected to return an object with 'state' object property");
  }
  return { state: ret.state, accept: ret.accept, rejectMessage };
}

/**
 * MatchJoin, MatchLeave, MatchLoop: null ends the match.
 * @param {'matchJoin'|'matchLeave'|'matchLoop'} handler
 * @param {unknown} ret
 * @returns {Record<string, unknown>|null}
 */
function checkState(handler, ret) {
  if (ret === null) return null;
  if (!isMap(ret)) throw new Error(`${handler} is expected to return an object with 'state' property`);
  if (!has(ret, 'state')) throw new Error(`${handler} is expected to return an object with 'state' object property`);
  if (!isMap(ret.state)) {
    const name = handler === 'matchLoop' ? 'matchLeave' : handler; // sic, runtime_javascript_match_core.go
    throw new Error(`${name} is expected to return an object with 'state' object property`);
  }
  return ret.state;
}

/**
 * MatchTerminate: null is an error here (the map check comes first).
 * @param {unknown} ret
 * @returns {Record<string, unknown>}
 */
function checkTerminate(ret) {
  if (!isMap(ret)) throw new Error("matchTerminate is expected to return an object with 'state' property");
  if (!has(ret, 'state') || !isMap(ret.state)) throw new Error("matchTerminate is expected to return an object with 'state' object property");
  return ret.state;
}

/**
 * MatchSignal: null is an error too; `data` must be a string when present.
 * @param {unknown} ret
 * @returns {{state: Record<string, unknown>, data: string}}
 */
function checkSignal(ret) {
  if (!isMap(ret)) throw new Error("matchSignal is expected to return an object with 'state' property");
  if (!has(ret, 'state')) throw new Error("matchSignal is expected to return an object with 'state' property");
  if (!isMap(ret.state)) throw new Error("matchSignal is expected to return an object with 'state' object property");
  let data = '';
  if (has(ret, 'data')) {
    if (typeof ret.data !== 'string') throw new Error("matchSignal 'data' property must be a string");
    data = ret.data;
  }
  return { state: ret.state, data };
}

module.exports = { checkInit, checkJoinAttempt, checkState, checkTerminate, checkSignal };
