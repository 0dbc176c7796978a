// @ts-nocheck -- evaluated inside the isolate, where the go-value functions and name lists are in scope.
'use strict';
/* global goExport, goToValue, goKind */
/**
 * In-context shim, part 1: host calls, error translation, name lookup, logger and ctx objects.
 * This function is stringified and evaluated inside every isolate context (see shim/index.js): it may only use
 * globals, the go-value.js functions and its parameters. It never touches globalThis, so the module cannot see it
 * and the global freeze does not affect it.
 * @param {any} api object collecting the shim's functions
 * @param {any} hostCallback ivm.Callback(op, args) -> {v} | {e: {type, message}}
 */
function shimCore(api, hostCallback) {
  const GoErrorCtor = globalThis.GoError;
  const indirectEval = globalThis.eval; // captured before the bundle runs
  const defineProperty = Object.defineProperty;
  const keys = Object.keys;
  const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
  const FRAME = /\n\s+at (.+)/;

  /** Throws, inside the VM, the error the host reported (TypeError, GoError or Error). */
  api.raise = function raise(e) {
    if (e.type === 'TypeError') throw new TypeError(e.message);
    if (e.type === 'GoError') throw new GoErrorCtor(e.message);
    throw new Error(e.message);
  };

  /** Calls the host; returns its value or throws the error it reported. */
  api.host = function host(op, args) {
    const r = hostCallback(op, args);
    if (r.e) api.raise(r.e);
    return r.v;
  };

  // Date.now() follows the harness clock (match ticks and h.advanceTime move it), so the module's
  // time-based logic (search waits, expiries) is deterministic and testable. Set before the bundle
  // runs and before the freeze, like everything the shim prepares.
  Date.now = function now() {
    return api.host('__now', []);
  };

  /** Function arguments as Go values; a top-level undefined stays undefined (goja.Undefined() checks). */
  api.exportArgs = function exportArgs(args) {
    const out = [];
    for (let i = 0; i < args.length; i++) out.push(args[i] === undefined ? undefined : goExport(args[i]));
    return out;
  };

  /** goja Runtime.Get(name): the global lexical scope (let/const/class) first, then the global object. */
  api.lookup = function lookup(name) {
    if (typeof name !== 'string' || !IDENT.test(name)) return undefined;
    try {
      return indirectEval(name);
    } catch (e) {
      return undefined;
    }
  };

  /** checkFnScope: the name must be a property of the global object (a let/const binding is not). */
  api.inGlobalObject = function inGlobalObject(name) {
    return typeof name === 'string' && name !== '' && name in globalThis;
  };

  /**
   * What Nakama's invokeFunction makes of a thrown value: goja's Exception.Error() text (value + " at " + the
   * first frame), replaced by the value's own enumerable `message` (string) and `code` (int) when it has them.
   */
  api.describeThrow = function describeThrow(e) {
    let text;
    try {
      text = String(e);
    } catch (err) {
      text = Object.prototype.toString.call(e);
    }
    let stack;
    if (e !== null && typeof e === 'object') {
      try { stack = typeof e.stack === 'string' ? e.stack : undefined; } catch (err) { stack = undefined; }
    }
    const frame = stack ? FRAME.exec(stack) : null;
    text += frame ? ' at ' + frame[1] : '';
    let message = text;
    let code = 13;
    let custom = false;
    let exported = null;
    try { exported = goExport(e); } catch (err) { exported = null; }
    if (goKind(exported) === 'map') {
      if (typeof exported.message === 'string') { message = exported.message; custom = true; }
      if (goKind(exported.code) === 'int64') { code = exported.code; custom = true; }
    }
    return { message, code, custom, stack, text };
  };

  /** Nakama's freeze(): every own property becomes read-only and non-configurable (still enumerable). */
  api.freezeProps = function freezeProps(o) {
    for (const k of keys(o)) defineProperty(o, k, { value: o[k], writable: false, configurable: false, enumerable: true });
    return o;
  };

  /** A Go enum value reflected into JS (RuntimeExecutionMode in match ctx): a Number object whose String() is its name. */
  api.goEnum = function goEnum(n, s) {
    const o = new Number(n);
    defineProperty(o, 'toString', { value: function toString() { return s; } });
    defineProperty(o, 'String', { value: function String() { return s; } });
    return o;
  };

  /** ctx object: plain fields, except a {goEnum, name} descriptor that becomes a Go enum value. */
  api.makeCtx = function makeCtx(data) {
    const ctx = {};
    for (const k of keys(data)) {
      const v = data[k];
      ctx[k] = v !== null && typeof v === 'object' && 'goEnum' in v ? api.goEnum(v.goEnum, v.name) : goToValue(v);
    }
    return ctx;
  };

  /** The JS logger of runtime_javascript_logger.go: info/warn/error/debug(format, ...args), withField(s), fields. */
  api.makeLogger = function makeLogger(zap, fields) {
    const logger = {};
    const emit = (level) => function log() {
      if (arguments.length === 0) throw new TypeError('harness: logger.' + level + '() without a format argument crashes Nakama');
      const format = goExport(arguments[0]);
      if (typeof format !== 'string') throw new TypeError('invalid format argument: must be a string');
      api.host('__log', [level, format, api.exportArgs(Array.prototype.slice.call(arguments, 1)), goExport(logger.fields), zap]);
    };
    logger.fields = fields;
    logger.info = emit('info');
    logger.warn = emit('warn');
    logger.error = emit('error');
    logger.debug = emit('debug');
    logger.withField = function withField(key, value) {
      if (typeof goExport(key) !== 'string') throw new TypeError('key argument must be a string');
      if (typeof goExport(value) !== 'string') throw new TypeError('value argument must be a string');
      const next = goToValue(goExport(logger.fields));
      next[goExport(key)] = goExport(value);
      return makeLogger(zap, next);
    };
    logger.withFields = function withFields(m) {
      const add = goExport(m);
      if (goKind(add) !== 'map') throw new TypeError('argument must be a map');
      const next = goToValue(goExport(logger.fields));
      for (const k of keys(add)) next[k] = goToValue(add[k]);
      return makeLogger(zap, next);
    };
    return api.freezeProps(logger);
  };
}

module.exports = { shimCore };
