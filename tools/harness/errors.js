'use strict';
/**
 * Error types of the harness.
 * - NkError: an error an nk function raises inside the VM. `type` picks the JS class the module sees:
 *   'TypeError' (goja r.NewTypeError), 'GoError' (r.NewGoError, class GoError extends Error), 'Error'.
 * - RuntimeCallError: what a caller of the harness (h.rpc, h.matchmake, hooks) gets when Nakama would answer
 *   with an error: `code` (gRPC code, or rtapi error code for socket-only paths) and `message`.
 * - HarnessError: misuse of the harness itself, or a situation where Nakama would crash the process.
 * @module
 */

class NkError extends Error {
  /**
   * @param {'TypeError'|'GoError'|'Error'} type
   * @param {string} message
   */
  constructor(type, message) {
    super(message);
    this.name = 'NkError';
    /** @type {'TypeError'|'GoError'|'Error'} */
    this.type = type;
  }
}

/** @param {string} message */
const typeError = (message) => new NkError('TypeError', message);
/** @param {string} message */
const goError = (message) => new NkError('GoError', message);

class RuntimeCallError extends Error {
  /**
   * @param {number} code
   * @param {string} message
   * @param {{stack?: string, custom?: boolean}} [details]
   */
  constructor(code, message, details = {}) {
    super(message);
    this.name = 'RuntimeCallError';
    /** gRPC status code (HTTP RPCs) or rtapi error code (socket paths). */
    this.code = code;
    /** True when the module threw an object with message/code (Nakama does not log those as uncaught). */
    this.custom = Boolean(details.custom);
    /** Stack of the exception inside the VM, when there was one. */
    this.vmStack = details.stack;
  }
}

class HarnessError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'HarnessError';
  }
}

module.exports = { NkError, typeError, goError, RuntimeCallError, HarnessError };
