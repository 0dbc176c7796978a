// @ts-nocheck -- evaluated inside the isolate, where the go-value functions and name lists are in scope.
'use strict';
/* global goExport, goIsInt, NK_NAMES */
/**
 * In-context shim, part 2: the `nk` object. Every Nakama nk function exists (NK_NAMES, injected by shim/index.js)
 * and forwards to the host, which raises "not implemented in harness: nk.<name>" for the ones it lacks.
 * Two functions need the VM itself: localcacheGet (returns the caller's own default object) and
 * storageWriteRetry (calls the module's update function between host reads and writes).
 * One nk object per context, not frozen, like Nakama's.
 * @param {any} api
 */
function shimNk(api) {
  const GoErrorCtor = globalThis.GoError;
  const apply = Reflect.apply;

  api.makeNk = function makeNk() {
    const nk = {};
    for (const name of NK_NAMES) {
      const holder = { [name]: function () { return api.host(name, api.exportArgs(arguments)); } };
      nk[name] = holder[name];
    }

    nk.localcacheGet = function localcacheGet(key, defaultValue) {
      const r = api.host('localcacheGet', api.exportArgs([key]));
      if (r.found) return r.value;
      return defaultValue === null ? undefined : defaultValue;
    };

    nk.storageWriteRetry = function storageWriteRetry(objectIDs, updateFn, maxRetries) {
      const ids = api.host('storageWriteRetry', api.exportArgs([objectIDs]));
      if (ids.length === 0) return [];
      if (typeof updateFn !== 'function') throw new TypeError('expects a valid update function');
      const max = goExport(maxRetries);
      if (!goIsInt(max)) throw new TypeError('expects number');
      if (max < 0 || max > 10) throw new TypeError('max retries must be a value between 0 and 10');
      for (let attempt = 0; attempt <= max; attempt++) {
        const objects = api.host('storageWriteRetry/read', [ids]);
        let writes;
        try {
          writes = apply(updateFn, undefined, [objects]);
        } catch (e) {
          throw new GoErrorCtor('failed to update storage objects: ' + api.describeThrow(e).text);
        }
        if (writes === undefined || writes === null) throw new TypeError('expects a valid array of data');
        const r = api.host('storageWriteRetry/write', [goExport(writes)]);
        if (!r.retry) return r.acks;
      }
      throw new GoErrorCtor('failed to write storage objects with retry: Storage write retries exhausted.');
    };

    return nk;
  };

  /** The context's nk object, created on first use. */
  api.getNk = function getNk() {
    if (!api.nk) api.nk = api.makeNk();
    return api.nk;
  };
}

module.exports = { shimNk };
