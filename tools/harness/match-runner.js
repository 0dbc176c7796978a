'use strict';
/**
 * One authoritative match, driven manually and deterministically with Nakama's tick model (match_handler.go):
 * - join(): matchJoinAttempt runs at once (between ticks); an accepted presence's matchJoin is queued and runs at
 *   the next tick boundary (or flush()), before matchLoop - like the handler's call queue.
 * - leave()/disconnect()/dispatcher.matchKick(): queued the same way, matchLeave runs at the next boundary.
 * - send(): client data waits in the input queue (128 max, then dropped) for the next matchLoop.
 * - tick(): flushes queued calls, advances the clock by 1000/tickRate ms, runs matchLoop(tick) with the queued
 *   messages; the tick counter passed to handlers starts at 0 and grows after each successful loop.
 * - A handler returning null (join/leave/loop/joinAttempt), or throwing, or returning a malformed value, ends the
 *   match; deferred broadcasts are delivered after each successful call and when the match stops.
 * State crosses "Go" on every call (go-value.js): it is stored here as a Go value, never in the VM.
 * @module
 */
const { checkInit, checkJoinAttempt, checkState, checkTerminate, checkSignal } = require('./match-handlers');
const { MatchIO, REASON, key } = require('./match-io');
const { goToValue, goExport } = require('./go-value');
const { goError, HarnessError } = require('./errors');
const { EXECUTION_MODE_VALUES } = require('./nakama-names');


/**
 * @typedef {import('./match-dispatch').Presence} Presence
 */

class Match {
  /**
   * @param {any} host harness services: clock, node, version, env, log(), createContext(), registry, options
   * @param {{id: string, uuid: string, module: string, handlers: Record<string, string>}} spec
   */
  constructor(host, spec) {
    this.host = host;
    this.id = spec.id;
    this.uuid = spec.uuid;
    this.module = spec.module;
    this.tickRate = 0;
    this.label = '';
    /** Tick counter as Nakama passes it to handlers (mh.tick). */
    this.tickCount = 0;
    this.ended = false;
    /** @type {string|null} */
    this.endReason = null;
    /** @type {{handler: string, message: string, stack?: string}|null} */
    this.error = null;
    /** @type {Record<string, unknown>|null} */
    this.goState = null;
    /** @type {Map<string, Presence>} key: sessionId + '@' + node, in join order */
    this.presenceList = new Map();
    /** @type {Array<{kind: 'join'|'leave', presences: Array<Presence & {reason: number}>}>} */
    this.calls = [];
    this.io = new MatchIO(this);
    this.emptyTicks = 0;
    /** matchLoop calls made so far. */
    this.loops = 0;
    this.busy = 0;
    this.releasePending = false;
    this.context = host.createContext(`match ${this.id}`, (/** @type {string} */ op, /** @type {unknown[]} */ args) => this.onHostCall(op, args));
    const setup = this.context.call('matchSetup', [{
      handlers: spec.handlers,
      ctx: {
        node: host.node, version: host.version, env: host.env,
        executionMode: { goEnum: EXECUTION_MODE_VALUES.match, name: 'match' },
        matchId: this.id, matchNode: host.node,
      },
      zap: { mid: this.uuid },
    }]);
    if (setup.missing) {
      this.context.release();
      throw new HarnessError(`Failed to get JavaScript match loop function reference. fn=${setup.missing} key=${setup.key} ` +
        '(Nakama logs this as Fatal and exits)');
    }
  }

  /** Last state, as the module would see it (a fresh copy). */
  get state() {
    return this.goState === null ? null : /** @type {Record<string, unknown>} */ (goToValue(this.goState));
  }

  /** Presences currently in the match (processed joins). */
  get presences() {
    return [...this.presenceList.values()].map((p) => ({ ...p }));
  }

  get size() {
    return this.presenceList.size;
  }

  /**
   * Runs matchInit. Throws Error with Nakama's text (the caller prefixes "error creating match: ").
   * @param {Record<string, unknown>} goParams
   */
  init(goParams) {
    const res = this.callHandler({ handler: 'matchInit', params: goParams });
    try {
      if (res.error) throw new Error(res.error.text);
      const { state, tickRate, label } = checkInit(res.ret);
      this.goState = state;
      this.tickRate = tickRate;
      this.label = label;
    } catch (e) {
      this.ended = true;
      this.endReason = 'matchInit failed';
      this.release();
      throw e;
    }
    this.context.call('matchSetCtx', ['matchLabel', this.label]);
    this.context.call('matchSetCtx', ['matchTickRate', this.tickRate]);
  }

  /**
   * @param {{handler: string, [k: string]: unknown}} req
   * @returns {{ret?: unknown, error?: any}}
   */
  callHandler(req) {
    this.busy++;
    try {
      return this.context.call('matchCall', [req]);
    } finally {
      this.busy--;
      if (!this.busy && this.releasePending) this.release();
    }
  }

  /**
   * Ends the match (mh.Stop): deferred messages go out, the match leaves the registry.
   * @param {string} reason
   * @param {{handler: string, message: string, stack?: string}} [error]
   */
  stop(reason, error) {
    if (this.ended) return;
    this.ended = true;
    this.endReason = reason;
    if (error) {
      this.error = error;
      this.host.log('warn', `Stopping match after error from ${snake(error.handler)} execution`, { mid: this.uuid, tick: this.tickCount, error: error.message }, 'runtime');
    } else {
      this.host.log('info', reason, { mid: this.uuid, tick: this.tickCount }, 'runtime');
    }
    this.processDeferred();
    this.host.registry.removed(this);
    this.release();
  }

  release() {
    if (this.busy) { this.releasePending = true; return; }
    this.releasePending = false;
    this.context.release();
  }

  /**
   * Applies a handler outcome: errors and invalid returns stop the match with an error, null state stops it.
   * @param {string} handler
   * @param {{ret?: unknown, error?: any}} res
   * @param {(ret: unknown) => any} check
   * @returns {any} check's result, or undefined if the match stopped
   */
  outcome(handler, res, check) {
    if (res.error) {
      this.stop(`error from ${handler}`, { handler, message: res.error.text, stack: res.error.stack });
      return undefined;
    }
    try {
      return check(res.ret);
    } catch (e) {
      this.stop(`error from ${handler}`, { handler, message: /** @type {Error} */ (e).message });
      return undefined;
    }
  }

  /**
   * A client asks to join (MatchJoinAttempt now; MatchJoin at the next tick boundary if accepted).
   * @param {Presence} presence
   * @param {Record<string, string>} [metadata]
   * @returns {{accept: boolean, rejectMessage: string, label?: string}}
   */
  join(presence, metadata = {}) {
    if (this.ended) return { accept: false, rejectMessage: 'match not found' };
    if (this.presenceList.has(key(presence))) return { accept: true, rejectMessage: '', label: this.label };
    const joinCtx = {
      userId: presence.userId, username: presence.username, userSessionExp: this.host.clock.nowSec() + 7200,
      sessionId: presence.sessionId,
    };
    const res = this.callHandler({
      handler: 'matchJoinAttempt', tick: this.tickCount, state: this.goState, joinCtx,
      extra: [{ userId: presence.userId, sessionId: presence.sessionId, username: presence.username, node: presence.node }, goExport(metadata)],
    });
    const r = this.outcome('matchJoinAttempt', res, checkJoinAttempt);
    if (!r) return { accept: false, rejectMessage: '' };
    if (r.state === null) {
      this.stop('Match join attempt returned nil or no state, stopping match');
      return { accept: false, rejectMessage: '' };
    }
    this.processDeferred();
    this.goState = r.state;
    if (r.accept) this.calls.push({ kind: 'join', presences: [{ ...presence, reason: REASON.unknown }] });
    return { accept: r.accept, rejectMessage: r.rejectMessage, label: this.label };
  }

  /**
   * The client leaves (tracker untrack: reason 3 = leave); matchLeave runs at the next tick boundary.
   * @param {Presence} presence
   * @param {number} [reason]
   */
  leave(presence, reason = REASON.leave) {
    if (this.ended) return;
    this.calls.push({ kind: 'leave', presences: [{ ...presence, reason }] });
  }

  /** @param {Presence} presence the session disconnects (reason 4) */
  disconnect(presence) {
    this.leave(presence, REASON.disconnect);
  }

  /**
   * Client match data (see MatchIO.send).
   * @param {Presence} presence
   * @param {number} opCode
   * @param {Uint8Array|ArrayBuffer|string|null} [data]
   * @param {boolean} [reliable]
   */
  send(presence, opCode, data, reliable = true) {
    this.io.send(presence, opCode, data, reliable);
  }

  /** Runs the queued join/leave calls (what happens between two ticks). */
  flush() {
    while (this.calls.length && !this.ended) {
      const call = /** @type {{kind: 'join'|'leave', presences: any[]}} */ (this.calls.shift());
      if (call.kind === 'join') this.processJoin(call.presences);
      else this.processLeave(call.presences);
    }
    return this;
  }

  /** @param {Array<Presence & {reason: number}>} joins */
  processJoin(joins) {
    const processed = joins.filter((p) => !this.presenceList.has(key(p)));
    for (const p of processed) this.presenceList.set(key(p), { userId: p.userId, sessionId: p.sessionId, username: p.username, node: p.node });
    if (!processed.length) return;
    const res = this.callHandler({ handler: 'matchJoin', tick: this.tickCount, state: this.goState, extra: [processed.map(presenceArg)] });
    this.applyState('matchJoin', res, 'Match join returned nil or no state, stopping match');
  }

  /** @param {Array<Presence & {reason: number}>} leaves */
  processLeave(leaves) {
    const processed = leaves.filter((p) => this.presenceList.delete(key(p)));
    if (!processed.length) return;
    // Nakama passes the requested leaves, not only the processed ones.
    const res = this.callHandler({ handler: 'matchLeave', tick: this.tickCount, state: this.goState, extra: [leaves.map(presenceArg)] });
    this.applyState('matchLeave', res, 'Match leave returned nil or no state, stopping match');
  }

  /**
   * @param {'matchJoin'|'matchLeave'|'matchLoop'} handler
   * @param {{ret?: unknown, error?: any}} res
   * @param {string} nilReason
   * @returns {boolean} true if the match goes on
   */
  applyState(handler, res, nilReason) {
    let state;
    try {
      if (res.error) throw Object.assign(new Error(res.error.text), { vmStack: res.error.stack });
      state = checkState(handler, res.ret);
    } catch (e) {
      const err = /** @type {any} */ (e);
      this.stop(`error from ${handler}`, { handler, message: err.message, stack: err.vmStack });
      return false;
    }
    if (state === null) {
      this.stop(nilReason);
      return false;
    }
    this.processDeferred();
    this.goState = state;
    return true;
  }

  /**
   * Runs n loop ticks (fewer if the match ends).
   * @param {number} [n]
   */
  tick(n = 1) {
    for (let i = 0; i < n && !this.ended; i++) {
      this.flush();
      if (this.ended) break;
      this.host.clock.advance(1000 / this.tickRate);
      const messages = this.io.input.splice(0);
      this.loops++;
      const res = this.callHandler({ handler: 'matchLoop', tick: this.tickCount, state: this.goState, extra: [messages] });
      if (!this.applyState('matchLoop', res, 'Match loop returned nil or no state, stopping match')) break;
      const maxEmpty = this.tickRate * (this.host.options.maxEmptySec || 0);
      if (maxEmpty > 0) {
        if (this.presenceList.size === 0) {
          if (++this.emptyTicks >= maxEmpty) { this.stop('Stopping idle empty match'); break; }
        } else this.emptyTicks = 0;
      }
      this.tickCount++;
    }
    return this;
  }

  /**
   * Ticks until the match ends.
   * @param {number} [maxTicks]
   * @returns {number} matchLoop calls made
   */
  runUntilEnd(maxTicks = 100000) {
    const start = this.loops;
    for (let i = 0; i < maxTicks && !this.ended; i++) this.tick(1);
    if (!this.ended) throw new HarnessError(`match ${this.id} did not end within ${maxTicks} ticks`);
    return this.loops - start;
  }

  /**
   * MatchSignal (nk.matchSignal / the harness). Throws Error('match busy') like Nakama when it fails.
   * @param {string} data
   * @returns {string}
   */
  signal(data) {
    if (this.ended) throw new Error('match not found');
    if (this.busy) throw new Error('match busy'); // a handler signalling its own match waits 10 s, then gets "busy"
    const res = this.callHandler({ handler: 'matchSignal', tick: this.tickCount, state: this.goState, extra: [data] });
    const r = this.outcome('matchSignal', res, checkSignal);
    if (!r) throw new Error('match busy');
    this.processDeferred();
    this.goState = r.state;
    return r.data;
  }

  /**
   * MatchTerminate (server shutdown with a grace period); 0 ends the match right after.
   * @param {number} [graceSeconds]
   */
  terminate(graceSeconds = 0) {
    if (this.ended) return this;
    const res = this.callHandler({ handler: 'matchTerminate', tick: this.tickCount, state: this.goState, extra: [graceSeconds] });
    const state = this.outcome('matchTerminate', res, checkTerminate);
    if (!state) return this;
    this.processDeferred();
    this.goState = state;
    if (graceSeconds === 0) this.stop('terminated');
    return this;
  }

  /** @param {string} userOrSessionId */
  received(userOrSessionId) {
    return this.io.received(userOrSessionId);
  }

  /** @param {string} [userOrSessionId] */
  clearReceived(userOrSessionId) {
    this.io.clearReceived(userOrSessionId);
  }

  processDeferred() {
    this.io.processDeferred();
  }

  /** @returns {any[]} client messages the match never saw */
  get dropped() {
    return this.io.dropped;
  }

  /**
   * Dispatcher calls and nk calls made by this match's VM.
   * @param {string} op
   * @param {unknown[]} args
   */
  onHostCall(op, args) {
    if (op !== '__dispatch') return this.host.hostCall(op, args);
    if (this.ended) throw goError('match stopped');
    const [name, dargs] = /** @type {[string, unknown[]]} */ (args);
    return this.io.dispatch(name, dargs);
  }
}

/** @param {Presence & {reason: number}} p */
const presenceArg = (p) => ({ userId: p.userId, sessionId: p.sessionId, username: p.username, node: p.node, reason: p.reason });

/** @param {string} handler matchLoop -> match_loop */
const snake = (handler) => handler.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

module.exports = { Match, REASON };
