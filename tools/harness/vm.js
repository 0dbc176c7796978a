'use strict';
/**
 * Isolates and contexts that look like Nakama's goja VMs:
 * - the bundle is compiled once, in strict mode, as a plain script named like Nakama names it (basename);
 * - every context loses the globals and builtins goja does not have (console, Intl, WebAssembly, ...) and gains
 *   goja's GoError, BEFORE the bundle runs, so the module cannot come to depend on them;
 * - after the top level ran, Nakama's freezeGlobalObject snippet runs verbatim (pool and match VMs; not the
 *   InitModule VM, which Nakama does not freeze);
 * - the harness shim lives in a closure held by the host, never on globalThis.
 * @module
 */
const ivm = require('isolated-vm');
const path = require('path');
const { SHIM_SOURCE } = require('./shim');
const { NkError } = require('./errors');

/** Own properties of goja's global object (builtin_global.go createGlobalObjectTemplate + addTypedArrays). */
const GOJA_GLOBALS = [
  'Object', 'Function', 'Array', 'String', 'Number', 'BigInt', 'RegExp', 'Date', 'Boolean', 'Proxy', 'Reflect',
  'Error', 'AggregateError', 'TypeError', 'ReferenceError', 'SyntaxError', 'RangeError', 'EvalError', 'URIError',
  'eval', 'Math', 'JSON', 'Symbol', 'WeakSet', 'WeakMap', 'Map', 'Set', 'Promise', 'globalThis', 'NaN', 'undefined',
  'Infinity', 'isNaN', 'parseInt', 'parseFloat', 'isFinite', 'decodeURI', 'decodeURIComponent', 'encodeURI',
  'encodeURIComponent', 'escape', 'unescape', 'ArrayBuffer', 'DataView', 'Uint8Array', 'Uint8ClampedArray',
  'Int8Array', 'Uint16Array', 'Int16Array', 'Uint32Array', 'Int32Array', 'Float32Array', 'Float64Array',
  'BigInt64Array', 'BigUint64Array',
];

/** V8 builtins that goja 2026-07 (Nakama 3.40.0) lacks, checked against goja's builtin_*.go templates. */
const GOJA_ABSENT = {
  'String.prototype': ['anchor', 'big', 'blink', 'bold', 'fontcolor', 'fontsize', 'fixed', 'italics', 'link', 'small',
    'strike', 'sub', 'sup', 'isWellFormed', 'toWellFormed'],
  'Date.prototype': ['toGMTString', 'getYear', 'setYear'],
  'ArrayBuffer.prototype': ['maxByteLength', 'resizable', 'resize', 'transfer', 'transferToFixedLength', 'detached'],
  'Object.prototype': ['__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__'],
  Error: ['captureStackTrace'],
  Symbol: ['asyncIterator'],
};

/** Sloppy on purpose: deleting a non-configurable property must not throw. */
const PREPARE_SOURCE = `(function prepareGojaGlobals(keep, absent) {
  var names = Object.getOwnPropertyNames(globalThis);
  for (var i = 0; i < names.length; i++) if (keep.indexOf(names[i]) === -1) delete globalThis[names[i]];
  var paths = Object.keys(absent);
  for (var j = 0; j < paths.length; j++) {
    var parts = paths[j].split('.'), o = globalThis;
    for (var p = 0; p < parts.length; p++) o = o[parts[p]];
    for (var n = 0; n < absent[paths[j]].length; n++) delete o[absent[paths[j]][n]];
  }
  function GoError(message) {
    return Reflect.construct(Error, arguments, new.target || GoError);
  }
  Object.setPrototypeOf(GoError, Error);
  GoError.prototype = Object.create(Error.prototype, {
    constructor: { value: GoError, writable: true, configurable: true },
    name: { value: 'GoError', writable: true, configurable: true },
  });
  Object.defineProperty(globalThis, 'GoError', { value: GoError, writable: true, configurable: true, enumerable: false });
})`;

/** freezeGlobalObject in runtime_javascript.go, verbatim. */
const FREEZE_SOURCE = `
for (const k of Reflect.ownKeys(globalThis)) {
    const v = globalThis[k];
    if (v) {
        Object.freeze(v);
        v.prototype && Object.freeze(v.prototype);
        v.__proto__ && Object.freeze(v.__proto__);
    }
}
`;

class VmRuntime {
  /**
   * @param {{code: string, filename: string, memoryLimitMb?: number, timeoutMs?: number}} opts
   */
  constructor(opts) {
    this.isolate = new ivm.Isolate({ memoryLimit: opts.memoryLimitMb || 512 });
    this.timeout = opts.timeoutMs || undefined;
    // goja.Compile(name, src, strict=true): the whole script is strict even without a directive.
    this.bundle = this.isolate.compileScriptSync(`"use strict";${opts.code}`, { filename: path.basename(opts.filename) });
    this.prepare = this.isolate.compileScriptSync(PREPARE_SOURCE, { filename: 'harness-prepare.js' });
    this.shim = this.isolate.compileScriptSync(SHIM_SOURCE, { filename: 'harness-shim.js' });
    this.freeze = this.isolate.compileScriptSync(FREEZE_SOURCE, { filename: 'harness-freeze.js' });
    /** Host failures that are not nk errors: rethrown by the harness once the VM call returns. */
    /** @type {Error[]} */
    this.fatal = [];
  }

  /**
   * Creates a context: prepared globals, shim, bundle top level, optional freeze.
   * @param {{label: string, freeze: boolean, onHostCall: (op: string, args: unknown[]) => unknown}} opts
   * @returns {VmContext}
   */
  createContext(opts) {
    return new VmContext(this, opts);
  }

  /** Throws the first fatal host error recorded since the last check. */
  throwFatal() {
    if (this.fatal.length) {
      const err = this.fatal[0];
      this.fatal = [];
      throw err;
    }
  }

  dispose() {
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }
}

class VmContext {
  /**
   * @param {VmRuntime} runtime
   * @param {{label: string, freeze: boolean, onHostCall: (op: string, args: unknown[]) => unknown}} opts
   */
  constructor(runtime, opts) {
    this.runtime = runtime;
    this.label = opts.label;
    this.context = runtime.isolate.createContextSync();
    const callback = new ivm.Callback((/** @type {string} */ op, /** @type {unknown[]} */ args) => {
      try {
        return { v: opts.onHostCall(op, args) };
      } catch (e) {
        if (e instanceof NkError) return { e: { type: e.type, message: e.message } };
        runtime.fatal.push(/** @type {Error} */ (e));
        return { e: { type: 'Error', message: `harness host failure: ${/** @type {Error} */ (e).message}` } };
      }
    });
    const opt = { timeout: runtime.timeout };
    const prepare = runtime.prepare.runSync(this.context, { reference: true });
    prepare.applySync(undefined, [GOJA_GLOBALS, GOJA_ABSENT], { arguments: { copy: true }, timeout: runtime.timeout });
    const shimFactory = runtime.shim.runSync(this.context, { reference: true });
    /** @type {import('isolated-vm').Reference<any>} */
    this.api = shimFactory.applySync(undefined, [callback], { result: { reference: true } });
    /** @type {Map<string, import('isolated-vm').Reference<any>>} */
    this.methods = new Map();
    runtime.bundle.runSync(this.context, opt);
    if (opts.freeze) runtime.freeze.runSync(this.context, opt);
  }

  /**
   * Calls a shim API method with copied arguments and result.
   * @param {string} method
   * @param {unknown[]} args
   * @returns {any}
   */
  call(method, args) {
    let ref = this.methods.get(method);
    if (!ref) {
      ref = this.api.getSync(method, { reference: true });
      this.methods.set(method, /** @type {any} */ (ref));
    }
    const result = /** @type {any} */ (ref).applySync(undefined, args, {
      arguments: { copy: true }, result: { copy: true }, timeout: this.runtime.timeout,
    });
    return result;
  }

  /**
   * Evaluates an expression in the context and copies the result (tests and debugging only).
   * @param {string} code
   * @returns {unknown}
   */
  eval(code) {
    return this.context.evalSync(code, { copy: true, timeout: this.runtime.timeout });
  }

  release() {
    try {
      this.context.release();
    } catch {
      /* already released or isolate disposed */
    }
  }
}

module.exports = { VmRuntime, VmContext, GOJA_GLOBALS, GOJA_ABSENT, FREEZE_SOURCE };
