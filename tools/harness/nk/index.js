'use strict';
/**
 * The in-memory nk: dispatches nk calls (from any context, or from the host-side h.nk) to the implementations,
 * with fault injection (h.failNext) and loud failures for what the harness does not implement.
 * @module
 */
const { NkError } = require('../errors');
const { NK_FUNCTIONS } = require('../nakama-names');
const { goExport } = require('../go-value');

const storage = require('./storage');

/** @type {Record<string, Function>} */
const HANDLERS = Object.assign({},
  require('./accounts').handlers,
  storage.handlers,
  require('./wallet').handlers,
  require('./multi').handlers,
  require('./notifications').handlers,
  require('./misc').handlers,
  require('./matches').handlers,
  require('./streams').handlers,
  require('./leaderboards').handlers,
  require('./tournaments').handlers,
  {
    // On a real PostgreSQL, a schema per harness (../sql).
    sqlExec: (state, args) => state.sql.call('exec', args),
    sqlQuery: (state, args) => state.sql.call('query', args),
    // storageWriteRetry is driven by the shim; these are its host steps (the first one carries the public name).
    storageWriteRetry: storage.handlers.__swrKeys,
    'storageWriteRetry/read': storage.handlers.__swrRead,
    'storageWriteRetry/write': storage.handlers.__swrWrite,
  });
delete HANDLERS.__swrKeys;
delete HANDLERS.__swrRead;
delete HANDLERS.__swrWrite;

class NkHost {
  /**
   * @param {import('./state').NkState} state
   * @param {{matches: import('./matches').MatchesApi}} env
   */
  constructor(state, env) {
    this.state = state;
    this.env = env;
    /** @type {Map<string, NkError[]>} */
    this.faults = new Map();
    /** @type {Map<string, number>} nk calls by public name since the last takeCalls() */
    this.calls = new Map();
    /** @type {{name: string, result: unknown}[]|null} every nk call with its result, while logging (logCalls) */
    this.log = null;
  }

  /** Start logging every nk call with its result (what a goja replay of an RPC returns: bench/goja rpc). */
  logCalls() {
    this.log = [];
  }

  /** The calls logged since logCalls(), and logging stops. */
  takeLog() {
    const log = this.log || [];
    this.log = null;
    return log;
  }

  /** The nk calls made since the last takeCalls (by name), and a fresh count from now. */
  takeCalls() {
    const calls = Object.fromEntries(this.calls);
    this.calls = new Map();
    return calls;
  }

  /**
   * Makes the next call of nk.<name> throw (a GoError unless `error` says otherwise), before it has any effect.
   * @param {string} name
   * @param {string|Error|{type?: 'TypeError'|'GoError'|'Error', message: string}} [error]
   */
  failNext(name, error) {
    if (!NK_FUNCTIONS.includes(name)) throw new Error(`failNext: unknown nk function "${name}"`);
    let fault;
    if (error === undefined) fault = new NkError('GoError', `injected failure: nk.${name}`);
    else if (typeof error === 'string') fault = new NkError('GoError', error);
    else fault = new NkError(/** @type {any} */ (error).type || 'GoError', error.message);
    const list = this.faults.get(name) || [];
    list.push(fault);
    this.faults.set(name, list);
  }

  /**
   * @param {string} name nk function name (or an internal step name)
   * @param {unknown[]} args Go values
   * @returns {unknown}
   */
  call(name, args) {
    const queued = this.faults.get(name);
    if (queued && queued.length) throw queued.shift();
    const handler = HANDLERS[name];
    if (!name.includes('/')) this.calls.set(name, (this.calls.get(name) || 0) + 1);
    if (!handler) throw new NkError('Error', `not implemented in harness: nk.${name}`);
    const result = handler(this.state, args, this.env);
    if (this.log && !name.includes('/')) this.log.push({ name, result });
    return result;
  }

  /** @returns {string[]} nk functions the harness implements */
  implemented() {
    return NK_FUNCTIONS.filter((n) => HANDLERS[n]);
  }

  /**
   * The host-side nk (h.nk): same implementations, called from Node with plain JS arguments.
   * Errors are NkError (with .type); storageWriteRetry is VM-only.
   * @returns {Record<string, (...args: unknown[]) => unknown>}
   */
  hostFacade() {
    /** @type {Record<string, (...args: unknown[]) => unknown>} */
    const facade = {};
    for (const name of NK_FUNCTIONS) {
      facade[name] = (...args) => {
        if (name === 'storageWriteRetry') throw new NkError('Error', 'harness: storageWriteRetry is only available inside the VM');
        const r = this.call(name, args.map((a) => (a === undefined ? undefined : goExport(a))));
        return name === 'localcacheGet' ? (/** @type {any} */ (r).found ? /** @type {any} */ (r).value : args[1] ?? undefined) : r;
      };
    }
    return facade;
  }
}

module.exports = { NkHost, HANDLERS };
