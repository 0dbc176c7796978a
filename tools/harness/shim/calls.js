// @ts-nocheck -- evaluated inside the isolate, where the go-value functions and name lists are in scope.
'use strict';
/* global goExport, goToValue, goKind, HOOK_APIS, SINGLE_FN_REGISTRATIONS, MATCH_HANDLERS */
/**
 * In-context shim, part 3: calling module functions by name (RPCs, hooks, matchmaker) and running InitModule
 * with a recording initializer that applies Nakama's registration checks.
 * @param {any} api
 */
function shimCalls(api) {
  const apply = Reflect.apply;
  const GoErrorCtor = globalThis.GoError;
  const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k) && Object.prototype.propertyIsEnumerable.call(o, k);

  /**
   * Calls the global function `fnName` as fn(ctx, logger, nk, ...args) with `this` null, like invokeFunction.
   * @returns {{notFound: true}|{error: any}|{value: unknown}} the return value as a Go value
   */
  api.invoke = function invoke(req) {
    const fn = api.lookup(req.fnName);
    if (typeof fn !== 'function') return { notFound: true };
    const args = [api.makeCtx(req.ctx), api.makeLogger(req.zap, {}), api.getNk()];
    for (const a of req.args) args.push(goToValue(a));
    let ret;
    try {
      ret = apply(fn, null, args);
    } catch (e) {
      return { error: api.describeThrow(e) };
    }
    try {
      return { value: goExport(ret) };
    } catch (e) {
      return { error: api.describeThrow(e) };
    }
  };

  /** Function name as Nakama's AST lookup would find it; '' for inline/anonymous/bound functions. */
  const fnKey = (fn) => (typeof fn.name === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(fn.name) ? fn.name : '');
  const nonEmptyString = (v) => {
    const s = goExport(v);
    if (typeof s !== 'string' || s === '') throw new TypeError('expects a non empty string');
    return s;
  };
  const needFn = (fn) => {
    if (typeof fn !== 'function') throw new TypeError('expects a function');
  };
  const needScope = (key) => {
    if (!api.inGlobalObject(key)) throw new GoErrorCtor('function "' + key + '" not registered in the global object scope');
  };
  const record = (kind, id, fnName, extra) => api.host('__register', [kind, id, fnName, extra === undefined ? null : extra]);

  function makeInitializer() {
    const init = {};
    init.registerRpc = function registerRpc(id, fn) {
      const key = nonEmptyString(id);
      needFn(fn);
      const name = fnKey(fn);
      if (!name) throw new GoErrorCtor('js ' + key + ' function key could not be extracted: function literal found: javascript functions cannot be inlined');
      record('rpc', key, name);
    };
    for (const which of ['Before', 'After']) {
      init['registerRt' + which] = function (id, fn) {
        const key = nonEmptyString(id);
        needFn(fn);
        const name = fnKey(fn);
        if (!name) throw new GoErrorCtor('js realtime registerRt' + which + ' hook function key could not be extracted: not found');
        record('rt' + which, key, name);
        needScope(name);
      };
      for (const apiName of HOOK_APIS) {
        const reg = 'register' + which + apiName;
        init[reg] = function (fn) {
          needFn(fn);
          const name = fnKey(fn);
          if (!name) throw new GoErrorCtor('js ' + reg + ' function key could not be extracted: not found');
          record(which === 'Before' ? 'before' : 'after', apiName, name);
          needScope(name);
        };
      }
    }
    for (const reg of Object.keys(SINGLE_FN_REGISTRATIONS)) {
      init[reg] = function (fn) {
        needFn(fn);
        const name = fnKey(fn);
        if (!name) throw new GoErrorCtor('js ' + reg + ' function key could not be extracted: not found');
        record('single', SINGLE_FN_REGISTRATIONS[reg], name);
        needScope(name);
      };
    }
    init.registerMatch = function registerMatch(nameArg, handlers) {
      const module = goExport(nameArg);
      if (typeof module !== 'string') throw new TypeError('expects string');
      if (handlers === undefined || handlers === null || goKind(goExport(handlers)) !== 'map') throw new TypeError('expects an object');
      const names = {};
      for (const h of MATCH_HANDLERS) {
        if (!hasOwn(handlers, h)) throw new TypeError(h + ' not found');
        const fn = handlers[h];
        if (typeof fn !== 'function') throw new TypeError(h + ' value not a valid function');
        const name = fnKey(fn);
        if (!name) {
          throw new GoErrorCtor('js match handler "' + h + '" function for module "' + module +
            '" global id could not be extracted: function literal found: javascript functions cannot be inlined');
        }
        needScope(name);
        names[h] = name;
      }
      record('match', module, null, names);
    };
    init.registerStorageIndex = function registerStorageIndex() {
      throw new Error('not implemented in harness: initializer.registerStorageIndex');
    };
    init.registerStorageIndexFilter = function registerStorageIndexFilter() {
      throw new Error('not implemented in harness: initializer.registerStorageIndexFilter');
    };
    init.getConfig = function getConfig() {
      return goToValue(api.host('__config', []));
    };
    return init;
  }

  /** Runs InitModule(ctx, logger, nk, initializer) once. */
  api.runInit = function runInit(req) {
    const fn = api.lookup('InitModule');
    if (typeof fn !== 'function') return { notFound: true };
    try {
      apply(fn, null, [api.makeCtx(req.ctx), api.makeLogger(req.zap, {}), api.getNk(), makeInitializer()]);
    } catch (e) {
      return { error: api.describeThrow(e) };
    }
    return { ok: true };
  };
}

module.exports = { shimCalls };
