'use strict';
/**
 * nk.matchCreate / matchGet / matchList / matchSignal, delegating to the harness's match registry.
 * @module
 */
const { typeError, goError, NkError } = require('../errors');
const { getString, getInt, getBool, isUndef, isNil, isMap } = require('./args');

/**
 * @typedef {object} MatchesApi
 * @property {(module: string, params: Record<string, unknown>) => string} create throws Error with Nakama's text
 * @property {(id: string) => any} get null when not found; throws Error('match id invalid')
 * @property {(q: {limit: number, authoritative: boolean|null, label: string|null, minSize: number|null, maxSize: number|null}) => any[]} list
 * @property {(id: string, data: string) => string} signal throws Error with Nakama's text
 */

/** @type {Record<string, (state: any, args: unknown[], env: {matches: MatchesApi}) => unknown>} */
const handlers = {
  matchCreate(_state, args, env) {
    const module = getString(args[0]);
    if (module === '') throw typeError('expects module name');
    /** @type {Record<string, unknown>} */
    let params = {};
    if (!isUndef(args, 1)) {
      if (!isMap(args[1])) throw typeError('expects params to be an object');
      params = args[1];
    }
    try {
      return env.matches.create(module, params);
    } catch (e) {
      if (e instanceof Error && e.name === 'HarnessError') throw e;
      throw goError(`error creating match: ${/** @type {Error} */ (e).message}`);
    }
  },

  matchGet(_state, args, env) {
    const id = getString(args[0]);
    try {
      return env.matches.get(id);
    } catch (e) {
      throw goError(`failed to get match: ${/** @type {Error} */ (e).message}`);
    }
  },

  matchList(_state, args, env) {
    const limit = isUndef(args, 0) ? 1 : getInt(args[0]);
    const authoritative = isNil(args, 1) ? null : getBool(args[1]);
    const label = isNil(args, 2) ? null : getString(args[2]);
    const minSize = isNil(args, 3) ? null : getInt(args[3]);
    const maxSize = isNil(args, 4) ? null : getInt(args[4]);
    const query = isNil(args, 5) ? null : getString(args[5]);
    if (query !== null && query !== '') throw new NkError('Error', 'not implemented in harness: nk.matchList with a query');
    return env.matches.list({ limit, authoritative, label, minSize, maxSize });
  },

  matchSignal(_state, args, env) {
    const id = getString(args[0]);
    const data = isUndef(args, 1) ? '' : getString(args[1]);
    try {
      return env.matches.signal(id, data);
    } catch (e) {
      if (e instanceof Error && e.name === 'HarnessError') throw e;
      throw goError(`failed to signal match: ${/** @type {Error} */ (e).message}`);
    }
  },
};

module.exports = { handlers };
