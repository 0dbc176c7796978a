'use strict';
/**
 * The harness clock. By default a fake clock starting at 2025-01-01T00:00:00Z that only moves when the harness
 * moves it (each match tick advances it by 1000/tickRate ms; h.advanceTime moves it explicitly). An injected
 * `now()` replaces it entirely (then advancing is a no-op). The module's Date.now() reads it too (shim/core.js).
 * @module
 */

const DEFAULT_EPOCH_MS = Date.UTC(2025, 0, 1);

class Clock {
  /** @param {(() => number)|undefined} now */
  constructor(now) {
    this.injected = typeof now === 'function' ? now : null;
    this.fakeMs = DEFAULT_EPOCH_MS;
  }

  /** @returns {number} milliseconds since the Unix epoch */
  now() {
    return this.injected ? Math.floor(this.injected()) : this.fakeMs;
  }

  /** @returns {number} whole seconds since the Unix epoch */
  nowSec() {
    return Math.floor(this.now() / 1000);
  }

  /** @param {number} ms */
  advance(ms) {
    if (!this.injected) this.fakeMs += ms;
  }
}

module.exports = { Clock, DEFAULT_EPOCH_MS };
