// @ts-nocheck -- evaluated inside the isolate, where the go-value functions and name lists are in scope.
'use strict';
/* global goExport, goToValue */
/**
 * In-context shim, part 4: the match core of runtime_javascript_match_core.go. A match context holds one core:
 * the seven handler functions (looked up once, at creation), one ctx object shared by all calls (matchInit sees it
 * before matchLabel/matchTickRate are added), one logger, and one frozen dispatcher.
 * State arrives and leaves as a Go value: it never stays in the VM between calls.
 * @param {any} api
 */
function shimMatch(api) {
  const apply = Reflect.apply;
  let core = null;

  /** @returns {{ok: true}|{missing: string, key: string}} */
  api.matchSetup = function matchSetup(req) {
    const fns = {};
    for (const h of Object.keys(req.handlers)) {
      const f = api.lookup(req.handlers[h]);
      if (typeof f !== 'function') return { missing: h, key: req.handlers[h] };
      fns[h] = f;
    }
    core = { fns, ctx: api.makeCtx(req.ctx), logger: api.makeLogger(req.zap, {}), dispatcher: makeDispatcher() };
    return { ok: true };
  };

  /** ctx.Set from Go (errors ignored, like `_ = ctx.Set(...)`). */
  api.matchSetCtx = function matchSetCtx(key, value) {
    Reflect.set(core.ctx, key, value);
  };

  /**
   * Calls one handler. req: {handler, params?, tick?, state?, extra?: Go values, joinCtx?: extra ctx fields}.
   * @returns {{ret: unknown}|{error: any}}
   */
  api.matchCall = function matchCall(req) {
    let ctx = core.ctx;
    if (req.joinCtx) {
      // matchJoinAttempt gets a copy of ctx plus the joining user's fields.
      ctx = {};
      for (const k of Object.keys(core.ctx)) ctx[k] = core.ctx[k];
      for (const k of Object.keys(req.joinCtx)) ctx[k] = goToValue(req.joinCtx[k]);
    }
    const args = req.handler === 'matchInit'
      ? [ctx, core.logger, api.getNk(), goToValue(req.params)]
      : [ctx, core.logger, api.getNk(), core.dispatcher, req.tick, goToValue(req.state)].concat(req.extra.map(goToValue));
    let ret;
    try {
      ret = apply(core.fns[req.handler], null, args);
    } catch (e) {
      return { error: api.describeThrow(e) };
    }
    try {
      return { ret: goExport(ret) };
    } catch (e) {
      return { error: api.describeThrow(e) };
    }
  };

  function makeDispatcher() {
    const d = {};
    for (const name of ['broadcastMessage', 'broadcastMessageDeferred', 'matchKick']) {
      const holder = { [name]: function () { api.host('__dispatch', [name, api.exportArgs(arguments)]); } };
      d[name] = holder[name];
    }
    d.matchLabelUpdate = function matchLabelUpdate() {
      const label = api.host('__dispatch', ['matchLabelUpdate', api.exportArgs(arguments)]);
      Reflect.set(core.ctx, 'matchLabel', label);
    };
    return api.freezeProps(d);
  }
}

module.exports = { shimMatch };
