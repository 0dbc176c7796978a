import { checkBundle, listRegistrations } from '../../tools/bundle-rules';

// Top-level handlers shared by the fixtures. Names are long on purpose (rule 9 flags 1-2 char names).
const HANDLERS = `
function rpcOverview(ctx, logger, nk, payload) { return '{}'; }
function rpcOther(ctx, logger, nk, payload) { return '{}'; }
function onMatchmakerMatched(ctx, logger, nk, entries) { return nk.matchCreate('quiz', {}); }
function beforeMatchmakerAdd(ctx, logger, nk, envelope) { return envelope; }
function afterMatchmakerAdd(ctx, logger, nk, output, input) { }
function onTournamentEnd(ctx, logger, nk, tournament, end, reset) { }
function beforeAuthDevice(ctx, logger, nk, request) { return request; }
function quizInit(ctx, logger, nk, params) { return { state: {}, tickRate: 1, label: '' }; }
function quizJoinAttempt() { return null; }
function quizJoin() { return null; }
function quizLeave() { return null; }
function quizLoop() { return null; }
function quizTerminate() { return null; }
function quizSignal() { return null; }
`;

const QUIZ_OBJECT = `{ matchInit: quizInit, matchJoinAttempt: quizJoinAttempt, matchJoin: quizJoin,
    matchLeave: quizLeave, matchLoop: quizLoop, matchTerminate: quizTerminate, matchSignal: quizSignal }`;

/** A complete bundle whose InitModule body is `body`, with `top` added at the top level. */
function bundle(body: string, top = '', params = 'ctx, logger, nk, initializer'): string {
  return `"use strict";\n${HANDLERS}\n${top}\nfunction InitModule(${params}) {\n${body}\n}\n!InitModule && InitModule.bind(null);\n`;
}

const GOOD_BODY = `
  logger.info('starting');
  initializer.registerRpc('player_overview', rpcOverview);
  initializer.registerMatchmakerMatched(onMatchmakerMatched);
  try {
    initializer.registerRtBefore('MatchmakerAdd', beforeMatchmakerAdd);
  } catch (e) {
    logger.error('failed');
  }
  initializer.registerRtAfter('MatchmakerAdd', afterMatchmakerAdd);
  initializer.registerTournamentEnd(onTournamentEnd);
  initializer.registerBeforeAuthenticateDevice(beforeAuthDevice);
  initializer.registerMatch('quiz', ${QUIZ_OBJECT});
`;

/** The single violation matching `re`, failing with the full list otherwise. */
function expectViolation(source: string, ...parts: string[]): string {
  const violations = checkBundle(source);
  const hits = violations.filter((v) => parts.every((p) => v.includes(p)));
  if (hits.length === 0) {
    throw new Error(`expected a violation containing ${JSON.stringify(parts)}, got:\n${violations.join('\n') || '(none)'}`);
  }
  return hits[0];
}

describe('good bundle', () => {
  it('has no violations', () => {
    expect(checkBundle(bundle(GOOD_BODY))).toEqual([]);
  });

  it('lists exactly what Nakama registers', () => {
    expect(listRegistrations(bundle(GOOD_BODY))).toEqual({
      rpcs: { player_overview: 'rpcOverview' },
      rtBefore: { MatchmakerAdd: 'beforeMatchmakerAdd' },
      rtAfter: { MatchmakerAdd: 'afterMatchmakerAdd' },
      matches: {
        quiz: {
          matchInit: 'quizInit',
          matchJoinAttempt: 'quizJoinAttempt',
          matchJoin: 'quizJoin',
          matchLeave: 'quizLeave',
          matchLoop: 'quizLoop',
          matchTerminate: 'quizTerminate',
          matchSignal: 'quizSignal',
        },
      },
      matchmakerMatched: 'onMatchmakerMatched',
      other: [
        { method: 'registerTournamentEnd', fn: 'onTournamentEnd' },
        { method: 'registerBeforeAuthenticateDevice', fn: 'beforeAuthDevice' },
      ],
    });
  });

  it('listRegistrations throws on a bundle that does not parse', () => {
    expect(() => listRegistrations('function InitModule( {')).toThrow(/does not parse/);
  });
});

describe('rule 1: a strict ES2020 script', () => {
  it('rejects export (ES module syntax)', () => {
    const v = expectViolation(`export function InitModule(ctx, logger, nk, initializer) {}`, 'does not parse as an ES2020 script');
    expect(v).toContain('import/export');
    expect(v).toContain('(line 1)');
  });

  it('rejects import declarations', () => {
    expectViolation(`import { pack } from 'msgpackr';\n${bundle(GOOD_BODY)}`, 'does not parse as an ES2020 script', 'import/export');
  });

  it('rejects syntax newer than the chosen ecmaVersion', () => {
    expectViolation(bundle(GOOD_BODY, 'var big = 1_000_000;'), 'does not parse as an ES2020 script');
    expect(checkBundle(bundle(GOOD_BODY, 'var big = 1_000_000;'), { ecmaVersion: 2021 })).toEqual([]);
  });

  it('rejects code that only parses in sloppy mode', () => {
    const src = bundle(GOOD_BODY, 'function sloppy(scope) { with (scope) { return value; } }').replace('"use strict";', '');
    const v = expectViolation(src, 'breaks under strict mode', "'with' in strict mode");
    expect(v).toMatch(/\(line \d+\)$/);
    expectViolation(bundle(GOOD_BODY, 'var legacyOctal = 010;').replace('"use strict";', ''), 'breaks under strict mode');
  });

  it('rejects syntax goja cannot compile: import(), for await, async generators', () => {
    const src = bundle(GOOD_BODY, `
      async function* streamItems() { yield 1; }
      async function drain(items) { for await (const item of items) { } }
      function lazyLoad() { return import('./other.js'); }`);
    expectViolation(src, 'async generator function `streamItems`', 'not supported by goja');
    expectViolation(src, '`for await` is not supported by goja');
    expectViolation(src, 'dynamic import() is not supported by goja');
  });

  it('rejects assignments to undeclared variables (ReferenceError in strict mode)', () => {
    expectViolation(bundle(GOOD_BODY, 'function setFlag() { leakedFlag = true; }'), 'assignment to undeclared variable `leakedFlag`');
  });

  it('accepts ES2020 syntax goja supports', () => {
    const src = bundle(GOOD_BODY, `
      var maybe = null;
      var value = maybe?.field ?? 10n;
      class Counter { constructor() { this.count = 0; } get next() { return ++this.count; } }
      function* numbers() { yield 1; }
      async function later() { await null; }
      var { a: first = 1, ...restOfIt } = { a: 2, b: 3 };
      try { JSON.parse('x'); } catch { }`);
    expect(checkBundle(src)).toEqual([]);
  });
});

describe('rule 2: no Node/browser globals', () => {
  it('reports require, module.exports and exports. anywhere', () => {
    const src = bundle(GOOD_BODY, `
      var msgpack = require('msgpackr');
      function exportAll() { module.exports = { InitModule: InitModule }; exports.extra = 1; }`);
    expectViolation(src, '`require` is referenced', "not available in Nakama's JavaScript runtime");
    expectViolation(src, '`module` is referenced', "not available in Nakama's JavaScript runtime");
    expectViolation(src, '`exports` is referenced', "not available in Nakama's JavaScript runtime");
  });

  it('reports unguarded host globals used while the top level runs', () => {
    const src = bundle(GOOD_BODY, `
      console.log('bundle loaded');
      var encoder = (function () { return new TextEncoder(); })();
      var env = process.env;`);
    expectViolation(src, '`console` is used while the bundle\'s top level runs', "not available in Nakama's JavaScript runtime");
    expectViolation(src, '`TextEncoder` is used while the bundle\'s top level runs');
    expectViolation(src, '`process` is used while the bundle\'s top level runs');
  });

  it('accepts typeof guards, guarded branches, try blocks, shadowing and uses inside functions', () => {
    const src = bundle(GOOD_BODY, `
      var hasBuffer = typeof Buffer !== 'undefined';
      var fromBuffer = typeof Buffer !== 'undefined' ? Buffer.from : null;
      if (typeof process !== 'undefined' && process.env) { hasBuffer = false; }
      var root = typeof globalThis !== 'undefined' ? globalThis : typeof window !== 'undefined' ? window : typeof global !== 'undefined' ? global : {};
      var isCommonJs = typeof module === 'object' && module.exports;
      try { console.log('guarded'); } catch (e) { }
      function withLocalRequire(require) { return require('x'); }
      function logLater() { console.log('runs later'); setTimeout(logLater, 1); }`);
    expect(checkBundle(src)).toEqual([]);
  });

  it('accepts branches goja never takes and typeof aliases (msgpackr patterns)', () => {
    const src = bundle(GOOD_BODY, `
      let glbl = typeof globalThis === 'object' ? globalThis : window;
      const hasNodeBuffer = typeof Buffer !== 'undefined';
      const ByteArray = hasNodeBuffer ? Buffer : Uint8Array;`);
    expect(checkBundle(src)).toEqual([]);
  });

  it('still reports a host global in a branch goja does take', () => {
    const src = bundle(GOOD_BODY, `var root = typeof self !== 'undefined' ? self : window;`);
    const v = checkBundle(src);
    expect(v).toHaveLength(1);
    expect(v[0]).toContain('`window` is used while the bundle\'s top level runs');
  });
});

describe('rule 3: a top-level InitModule', () => {
  it('reports a bundle wrapped in an IIFE', () => {
    const src = `(function () {\n${bundle(GOOD_BODY)}\n})();`;
    expectViolation(src, 'InitModule is not declared at the top level', 'IIFE');
  });

  it('reports a missing InitModule', () => {
    expectViolation(`"use strict";\n${HANDLERS}`, 'no top-level `function InitModule(ctx, logger, nk, initializer)`');
  });

  it('reports fewer than 4 parameters', () => {
    expectViolation(bundle('', '', 'ctx, logger, nk'), 'InitModule has 3 parameter(s)', 'missing params');
  });

  it('reports a destructured 4th parameter', () => {
    expectViolation(bundle('', '', 'ctx, logger, nk, { registerRpc }'), "InitModule's 4th parameter must be a plain identifier", 'ObjectPattern');
  });

  it('reports const and arrow InitModule', () => {
    const constInit = `"use strict";\n${HANDLERS}\nconst InitModule = function (ctx, logger, nk, initializer) {\n${GOOD_BODY}\n};`;
    expectViolation(constInit, 'InitModule is declared with top-level `const`', 'failed to find InitModule function');
    const arrowInit = `"use strict";\n${HANDLERS}\nvar InitModule = (ctx, logger, nk, initializer) => {\n${GOOD_BODY}\n};`;
    expectViolation(arrowInit, '`var InitModule = ArrowFunctionExpression`');
  });

  it('accepts `var InitModule = function` and uses the actual 4th parameter name', () => {
    const body = GOOD_BODY.replace(/initializer\./g, 'init.');
    const src = `"use strict";\n${HANDLERS}\nvar InitModule = function (ctx, logger, nk, init) {\n${body}\n};`;
    expect(checkBundle(src)).toEqual([]);
    expect(listRegistrations(src).rpcs).toEqual({ player_overview: 'rpcOverview' });
  });
});

describe('rule 4: registrations are direct statements of InitModule', () => {
  it('reports registrations in loops, ifs, callbacks, catch blocks and comma expressions', () => {
    const src = bundle(`
      for (var i = 0; i < 1; i++) { initializer.registerRpc('loop_rpc', rpcOverview); }
      if (ctx.env) initializer.registerRpc('if_rpc', rpcOverview);
      ['cb_rpc'].forEach(function (id) { initializer.registerRpc(id, rpcOverview); });
      try { } catch (e) { initializer.registerRpc('catch_rpc', rpcOverview); }
      initializer.registerRpc('comma_a', rpcOverview), initializer.registerRpc('comma_b', rpcOverview);
      initializer.registerMatchmakerMatched?.(onMatchmakerMatched);
    `);
    for (const id of ['loop_rpc', 'if_rpc', 'catch_rpc', 'comma_a', 'comma_b']) {
      expectViolation(src, `registerRpc("${id}", ...): not seen by Nakama`);
    }
    expectViolation(src, 'registerRpc(id, ...): not seen by Nakama');
    expectViolation(src, 'registerMatchmakerMatched(onMatchmakerMatched): not seen by Nakama');
    expect(listRegistrations(src).rpcs).toEqual({});
    expect(listRegistrations(src).matchmakerMatched).toBeNull();
  });

  it('reports registrations in helpers and an escaping initializer', () => {
    const src = bundle(`registerAll(initializer);`, `function registerAll(init) { init.registerRpc('helper_rpc', rpcOverview); }`);
    expectViolation(src, 'init.registerRpc("helper_rpc", ...) outside InitModule: not seen by Nakama');
    expectViolation(src, "InitModule's initializer `initializer` is passed or aliased", 'registerAll(initializer)');
  });

  it('reports registrations through an alias of the initializer', () => {
    const src = bundle(`var reg = initializer;\nreg.registerRpc('alias_rpc', rpcOverview);`);
    expectViolation(src, 'reg.registerRpc("alias_rpc", ...) is not called on InitModule\'s 4th parameter `initializer`');
  });

  it('reports unknown initializer methods', () => {
    expectViolation(bundle(`initializer.registerRpcs('x', rpcOverview);`), "initializer.registerRpcs(...) is not a method of Nakama's initializer");
  });

  it('reports registerStorageIndexFilter inside try (Nakama searches for registerRpc there)', () => {
    const src = bundle(`try { initializer.registerStorageIndexFilter('by_score', rpcOverview); } catch (e) { }`);
    expectViolation(src, 'registerStorageIndexFilter("by_score", ...): inside a try block Nakama searches for registerRpc');
    expect(checkBundle(bundle(`initializer.registerStorageIndexFilter('by_score', rpcOverview);`))).toEqual([]);
  });
});

describe('rule 5: ids are literals, handlers are top-level functions', () => {
  it('reports an inline arrow handler (exact message)', () => {
    const v = expectViolation(bundle(`initializer.registerRpc('player_overview', (ctx, logger, nk, payload) => '{}');`), 'registerRpc("player_overview", ...)');
    expect(v).toMatch(/^registerRpc\("player_overview", \.\.\.\): second argument must be an identifier naming a top-level function declaration, got ArrowFunctionExpression/);
  });

  it('reports function expressions and member expressions', () => {
    expectViolation(bundle(`initializer.registerRpc('inline_fn', function (ctx) { return ''; });`), 'registerRpc("inline_fn", ...): second argument', 'got FunctionExpression');
    expectViolation(bundle(`initializer.registerRpc('member_fn', handlers.overview);`, 'var handlers = { overview: rpcOverview };'), 'registerRpc("member_fn", ...): second argument', 'got MemberExpression');
  });

  it('reports let/const/class, locals, undeclared names and async handlers', () => {
    const src = bundle(`
      function localHandler() { return ''; }
      initializer.registerRpc('const_rpc', constRpc);
      initializer.registerRtBefore('MatchJoin', letHook);
      initializer.registerRpc('class_rpc', RpcClass);
      initializer.registerRpc('local_rpc', localHandler);
      initializer.registerRpc('missing_rpc', nowhere);
      initializer.registerRpc('async_rpc', asyncRpc);
    `, `const constRpc = function () { return ''; };\nlet letHook = function (ctx, logger, nk, env) { return env; };\nclass RpcClass {}\nasync function asyncRpc() { return ''; }`);
    expectViolation(src, 'registerRpc("const_rpc", ...): second argument `constRpc` is a top-level `const`');
    expectViolation(src, 'registerRtBefore("MatchJoin", ...): second argument `letHook` is a top-level `let`', 'not registered in the global object scope');
    expectViolation(src, 'registerRpc("class_rpc", ...): second argument `RpcClass` is a top-level `class`');
    expectViolation(src, 'registerRpc("local_rpc", ...): second argument `localHandler` is not a top-level function');
    expectViolation(src, 'registerRpc("missing_rpc", ...): second argument `nowhere` is not a top-level function');
    expectViolation(src, 'registerRpc("async_rpc", ...): second argument `asyncRpc` is async');
  });

  it('reports non-literal ids and the registrations they hijack', () => {
    const src = bundle(`
      initializer.registerRpc('player_' + 'stats', rpcOverview);
      initializer.registerRpc('later_rpc', rpcOther);
      initializer.registerRpc('', rpcOther);
      initializer.registerRpc(UNDECLARED_ID, rpcOther);
      initializer.registerRpc('lonely');
    `);
    expectViolation(src, `registerRpc('player_' + 'stats', ...): first argument must be a string literal, got BinaryExpression`);
    expectViolation(src, 'registerRpc("later_rpc", ...): an earlier registerRpc(\'player_\' + \'stats\', ...) has a non-literal id');
    expectViolation(src, 'registerRpc("", ...): first argument must be a non-empty string');
    expectViolation(src, 'registerRpc(UNDECLARED_ID, ...): first argument `UNDECLARED_ID` is not a top-level variable', 'panics');
    expectViolation(src, 'registerRpc("lonely", ...): needs an id and a function');
  });

  it('accepts ids held in top-level variables with string literals, and var-bound functions', () => {
    const src = bundle(`
      initializer.registerRpc(OVERVIEW_ID, rpcOverview);
      initializer.registerRpc(OTHER_ID, varRpc);
    `, `var OVERVIEW_ID = 'player_overview';\nconst OTHER_ID = 'other';\nvar varRpc = function (ctx, logger, nk, payload) { return ''; };`);
    expect(checkBundle(src)).toEqual([]);
    expect(listRegistrations(src).rpcs).toEqual({ player_overview: 'rpcOverview', other: 'varRpc' });
  });

  it('reports inline functions for single-function hooks', () => {
    const src = bundle(`
      initializer.registerMatchmakerMatched(function (ctx, logger, nk, entries) { return ''; });
      initializer.registerBeforeAuthenticateDevice((ctx, logger, nk, req) => req);
      initializer.registerTournamentEnd(constTournamentEnd);
    `, 'const constTournamentEnd = function () {};');
    expectViolation(src, 'registerMatchmakerMatched(<FunctionExpression>): argument must be an identifier naming a top-level function declaration, got FunctionExpression');
    expectViolation(src, 'registerBeforeAuthenticateDevice((ctx, logger, nk, req) => req): argument must be an identifier', 'got ArrowFunctionExpression');
    expectViolation(src, 'registerTournamentEnd(constTournamentEnd): argument `constTournamentEnd` is a top-level `const`');
  });

  it('reports client API hooks that Nakama 3.40 takes but never calls', () => {
    const src = bundle(`
      initializer.registerBeforeDeleteTournamentRecord(beforeAuthDevice);
      initializer.registerAfterListParties(beforeAuthDevice);
    `);
    expectViolation(src, 'registerBeforeDeleteTournamentRecord(beforeAuthDevice): Nakama 3.40', 'never calls DeleteTournamentRecord hooks');
    expectViolation(src, 'registerAfterListParties(beforeAuthDevice): Nakama 3.40', 'never calls ListParties hooks');
  });

  it('reports realtime hooks for messages Nakama never hooks', () => {
    expectViolation(bundle(`initializer.registerRtBefore('MatchmakerAddd', beforeMatchmakerAdd);`), 'registerRtBefore("MatchmakerAddd", ...): "MatchmakerAddd" is not a realtime message');
    expectViolation(bundle(`initializer.registerRtAfter('Rpc', afterMatchmakerAdd);`), 'registerRtAfter("Rpc", ...): "Rpc" is not a realtime message');
    expect(checkBundle(bundle(`initializer.registerRtBefore('matchmakeradd', beforeMatchmakerAdd);`))).toEqual([]);
  });
});

describe('rule 6: registerMatch handler object', () => {
  it('accepts an inline object, a top-level var object and shorthand keys', () => {
    expect(checkBundle(bundle(`initializer.registerMatch('quiz', quizHandlers);`, `var quizHandlers = ${QUIZ_OBJECT};`))).toEqual([]);
    const shorthand = bundle(`initializer.registerMatch('quiz', { matchInit, matchJoinAttempt, matchJoin, matchLeave, matchLoop, matchTerminate, matchSignal });`,
      'function matchInit() {} function matchJoinAttempt() {} function matchJoin() {} function matchLeave() {} function matchLoop() {} function matchTerminate() {} function matchSignal() {}');
    expect(checkBundle(shorthand)).toEqual([]);
    expect(listRegistrations(shorthand).matches.quiz.matchLoop).toBe('matchLoop');
  });

  it('reports a const handler object and a non-object argument', () => {
    expectViolation(bundle(`initializer.registerMatch('quiz', quizHandlers);`, `const quizHandlers = ${QUIZ_OBJECT};`),
      'registerMatch("quiz", ...): second argument `quizHandlers` is a top-level `const`', 'crashes at start-up');
    expectViolation(bundle(`initializer.registerMatch('quiz', makeHandlers());`, `function makeHandlers() { return ${QUIZ_OBJECT}; }`),
      'registerMatch("quiz", ...): second argument must be an inline object literal', 'got CallExpression');
  });

  it('reports quoted, computed, spread, extra, duplicate, inline and missing keys', () => {
    const src = bundle(`initializer.registerMatch('quiz', {
      matchInit: quizInit,
      "matchJoinAttempt": quizJoinAttempt,
      ['matchJoin']: quizJoin,
      ...baseHandlers,
      matchLeave: quizLeave,
      matchLeave: quizLeave,
      matchLoop: (ctx, logger, nk, dispatcher, tick, state, messages) => state,
      matchTerminate() { return null; },
      matchFoo: quizSignal,
    });`, 'var baseHandlers = {};');
    expectViolation(src, 'registerMatch("quiz", ...): key "matchJoinAttempt" is quoted');
    expectViolation(src, 'registerMatch("quiz", ...): computed key `\'matchJoin\'`');
    expectViolation(src, 'registerMatch("quiz", ...): spread `...baseHandlers`');
    expectViolation(src, 'registerMatch("quiz", ...): key `matchLeave` appears twice');
    expectViolation(src, 'registerMatch("quiz", ...): matchLoop must be an identifier naming a top-level function declaration, got ArrowFunctionExpression');
    expectViolation(src, 'registerMatch("quiz", ...): matchTerminate must be `matchTerminate: functionName`, not a method');
    expectViolation(src, 'registerMatch("quiz", ...): unexpected key `matchFoo`');
    expectViolation(src, 'registerMatch("quiz", ...): handler object is missing matchJoinAttempt, matchJoin, matchSignal');
  });

  it('reports a non-literal match name and handlers that are not top-level functions', () => {
    const src = bundle(`initializer.registerMatch(gameName(), { matchInit: quizInit, matchJoinAttempt: quizJoinAttempt, matchJoin: quizJoin,
      matchLeave: quizLeave, matchLoop: constLoop, matchTerminate: quizTerminate, matchSignal: quizSignal });`,
    `function gameName() { return 'quiz'; }\nconst constLoop = function () {};`);
    expectViolation(src, 'registerMatch(gameName(), ...): first argument must be a string literal, got CallExpression');
    expectViolation(src, 'registerMatch(gameName(), ...): matchLoop `constLoop` is a top-level `const`', 'not registered in the global object scope');
  });
});

describe('rule 7: x.y(...) statements in InitModule need an identifier object', () => {
  it('reports a.b.c(), this.x() and literal receivers, also inside try', () => {
    const src = bundle(`
      logger.child.info('nested');
      this.setup();
      try { 'text'.trim(); } catch (e) { }
      ${GOOD_BODY}`);
    expectViolation(src, "statement `logger.child.info('nested');` in InitModule", 'panics at start-up on `MemberExpression`');
    expectViolation(src, 'statement `this.setup();` in InitModule', 'ThisExpression');
    expectViolation(src, "statement `'text'.trim();` in InitModule", 'Literal');
  });

  it('accepts nested calls that Nakama does not inspect', () => {
    const src = bundle(`
      var child = logger.child;
      child.info('ok');
      if (ctx.env) { logger.child.info('not a direct statement'); }
      var trimmed = 'text'.trim();
      nk.leaderboards?.create();
      ${GOOD_BODY}`, '', 'ctx, logger, nk, initializer');
    expect(checkBundle(src)).toEqual([]);
  });
});

describe('rule 8: duplicate registrations', () => {
  it('reports RPC ids that collide case-insensitively and keeps the first', () => {
    const src = bundle(`
      initializer.registerRpc('player_overview', rpcOverview);
      initializer.registerRpc('Player_Overview', rpcOther);`);
    expectViolation(src, 'registerRpc("Player_Overview", ...): duplicate RPC id "player_overview"');
    expect(listRegistrations(src).rpcs).toEqual({ player_overview: 'rpcOverview' });
  });

  it('reports duplicate matches, realtime hooks and single-function hooks', () => {
    const src = bundle(`
      initializer.registerMatch('quiz', ${QUIZ_OBJECT});
      initializer.registerMatch('quiz', ${QUIZ_OBJECT});
      initializer.registerRtBefore('MatchmakerAdd', beforeMatchmakerAdd);
      initializer.registerRtBefore('matchmakerAdd', beforeMatchmakerAdd);
      initializer.registerMatchmakerMatched(onMatchmakerMatched);
      initializer.registerMatchmakerMatched(rpcOther);`);
    expectViolation(src, 'registerMatch("quiz", ...): duplicate match name "quiz"');
    expectViolation(src, 'registerRtBefore("matchmakerAdd", ...): duplicate rtBefore hook');
    expectViolation(src, 'registerMatchmakerMatched(rpcOther): duplicate registerMatchmakerMatched registration');
    expect(listRegistrations(src).matchmakerMatched).toBe('onMatchmakerMatched');
  });

  it('accepts the same id for an RPC and a match', () => {
    expect(checkBundle(bundle(`initializer.registerRpc('quiz', rpcOverview);\ninitializer.registerMatch('quiz', ${QUIZ_OBJECT});`))).toEqual([]);
  });
});

describe('rule 9: no minification', () => {
  it('reports minified InitModule parameters', () => {
    expectViolation(bundle(GOOD_BODY.replace(/initializer\./g, 'd.'), '', 'a, b, c, d'), "InitModule's parameters look minified (a, b, c, d)");
  });

  it('reports mostly 1-2 character top-level function names', () => {
    expectViolation(bundle(GOOD_BODY, 'function a() {} function bc() {} function de() {} function fg() {} function hi() {} function jk() {} function lm() {} function no() {} function pq() {}'),
      'identifiers look minified');
  });

  it('accepts nk and a few short names', () => {
    expect(checkBundle(bundle(GOOD_BODY, 'function id(x) { return x; }'))).toEqual([]);
  });
});

describe('frozen globals: handlers must not mutate top-level var objects', () => {
  it('reports writes, deletes and array mutators on top-level vars in registered handlers', () => {
    const src = bundle(`initializer.registerRpc('count', rpcCount);`, `
      var stats = { calls: 0 };
      var recent = [];
      function rpcCount(ctx, logger, nk, payload) {
        stats.calls++;
        recent.push(payload);
        delete stats.last;
        var local = { calls: 0 };
        local.calls++;
        return '';
      }`);
    expectViolation(src, '`stats.calls++` in a registered handler mutates top-level var `stats`', 'js_read_only_globals');
    expectViolation(src, '`recent.push(payload)` in a registered handler mutates top-level var `recent`');
    expectViolation(src, '`delete stats.last` in a registered handler');
    expect(checkBundle(src).filter((v) => v.includes('`local'))).toEqual([]);
    expect(checkBundle(src)).toHaveLength(3);
  });

  it('accepts mutations of top-level const objects and at load time', () => {
    const src = bundle(`initializer.registerRpc('count', rpcCount);`, `
      var table = {};
      table.ready = true;
      const cache = new Map();
      function rpcCount(ctx, logger, nk, payload) { cache.set('k', 1); return ''; }`);
    expect(checkBundle(src)).toEqual([]);
  });
});
