'use strict';
/**
 * MatchHandle: what h.match(id) returns. Accepts user ids or partial presences, and rethrows fatal harness
 * errors (situations where Nakama would crash) once the VM call returns.
 * @module
 */

/** The public face of a match (h.match(id)), accepting user ids or partial presences. */
class MatchHandle {
  /**
   * @param {any} h the Harness
   * @param {import('./match-runner').Match} m
   */
  constructor(h, m) {
    this.h = h;
    this.m = m;
  }

  get id() { return this.m.id; }
  get module() { return this.m.module; }
  get ended() { return this.m.ended; }
  get endReason() { return this.m.endReason; }
  get error() { return this.m.error; }
  get state() { return this.m.state; }
  get label() { return this.m.label; }
  get tickRate() { return this.m.tickRate; }
  get currentTick() { return this.m.tickCount; }
  get presences() { return this.m.presences; }
  get size() { return this.m.size; }
  get dropped() { return this.m.dropped; }

  /** @template T @param {() => T} fn */
  run(fn) {
    try {
      return fn();
    } finally {
      this.h.runtime.throwFatal();
    }
  }

  /** @param {any} presence @param {Record<string, string>} [metadata] */
  join(presence, metadata) { return this.run(() => this.m.join(this.h.toPresence(presence), metadata)); }
  /** @param {any} presence */
  leave(presence) { this.run(() => this.m.leave(this.h.toPresence(presence))); return this; }
  /** @param {any} presence */
  disconnect(presence) { this.run(() => this.m.disconnect(this.h.toPresence(presence))); return this; }
  /** @param {any} presence @param {number} opCode @param {Uint8Array|ArrayBuffer|string|null} [data] @param {boolean} [reliable] */
  send(presence, opCode, data, reliable) { this.run(() => this.m.send(this.h.toPresence(presence), opCode, data, reliable)); return this; }
  flush() { this.run(() => this.m.flush()); return this; }
  /** @param {number} [n] */
  tick(n) { this.run(() => this.m.tick(n)); return this; }
  /** @param {number} [maxTicks] */
  runUntilEnd(maxTicks) { return this.run(() => this.m.runUntilEnd(maxTicks)); }
  /** @param {string} [data] */
  signal(data = '') { return this.run(() => this.m.signal(data)); }
  /** @param {number} [graceSeconds] */
  terminate(graceSeconds) { this.run(() => this.m.terminate(graceSeconds)); return this; }
  /** @param {string} userOrSessionId */
  received(userOrSessionId) { return this.m.received(userOrSessionId); }
  /** @param {string} [userOrSessionId] */
  clearReceived(userOrSessionId) { this.m.clearReceived(userOrSessionId); return this; }
}

module.exports = { MatchHandle };
