// The harness's own rules, proven with small fixture bundles (not the real bundle): VM layout, globals, freeze,
// lookup by name, match tick model and state crossing Go, and the in-memory nk's Nakama semantics.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Harness, HarnessOptions, RuntimeCallError } from '../../tools/harness';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harness-runtime-'));
let fixtureCount = 0;
const open: Harness[] = [];

/** Writes a fixture bundle and loads it. */
async function load(source: string, options?: HarnessOptions): Promise<Harness> {
  const file = path.join(dir, `fixture-${fixtureCount++}.js`);
  fs.writeFileSync(file, source);
  const h = await Harness.load(file, options);
  open.push(h);
  return h;
}

/** The error a call throws. */
function thrown(fn: () => unknown): RuntimeCallError {
  try {
    fn();
  } catch (e) {
    return e as RuntimeCallError;
  }
  throw new Error('expected the call to throw');
}

afterEach(() => {
  while (open.length) open.pop()!.dispose();
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// An RPC that calls any nk function with JSON arguments and reports the result or the error it raised.
const NK_RPC = `
function rpcNk(ctx, logger, nk, payload) {
  var p = JSON.parse(payload);
  try {
    return JSON.stringify({ ok: nk[p.fn].apply(null, p.args) });
  } catch (e) {
    return JSON.stringify({ error: e.message, name: e.name, typeError: e instanceof TypeError, goError: e instanceof GoError });
  }
}
function InitModule(ctx, logger, nk, initializer) {
  initializer.registerRpc('nk', rpcNk);
}
`;

type NkResult = { ok?: any; error?: string; name?: string; typeError?: boolean; goError?: boolean };
const nkCall = (h: Harness, fn: string, ...args: unknown[]): NkResult => JSON.parse(h.rpc('nk', { fn, args }));

describe('VM layout', () => {
  const SOURCE = `
let calls = 0;
function InitModule(ctx, logger, nk, initializer) {
  globalThis.initMarker = 'set by InitModule';
  logger.info('InitModule ran with ctx %s', JSON.stringify(ctx));
  initializer.registerRpc('probe', rpcProbe);
  initializer.registerRpc('Count', rpcCount);
}
function rpcProbe() { return typeof initMarker; }
function rpcCount() { calls += 1; return String(calls); }
`;

  test('InitModule runs once, in its own context: what it sets on globalThis is not visible to RPCs', async () => {
    const h = await load(SOURCE, { env: { REGION: 'eu' } });
    expect(h.rpc('probe')).toBe('undefined');
    expect(h.rpc('probe')).toBe('undefined');
    const initLogs = h.logs.filter((l) => l.message.startsWith('InitModule ran'));
    expect(initLogs).toHaveLength(1);
    // The init ctx only carries node, version and env.
    expect(initLogs[0].message).toBe('InitModule ran with ctx {"node":"harness","version":"3.40.0","env":{"REGION":"eu"}}');
    expect(h.registrations.rpcs).toEqual({ probe: 'rpcProbe', count: 'rpcCount' });
  });

  test('pool contexts are used round-robin and do not share module state', async () => {
    const h = await load(SOURCE, { poolSize: 3 });
    const results = Array.from({ length: 7 }, () => h.rpc('COUNT'));
    expect(results).toEqual(['1', '1', '1', '2', '2', '2', '3']);
  });

  test('each match gets a brand-new context that ran the top level', async () => {
    const h = await load(`
let created = 0;
created += 1;
function InitModule(ctx, logger, nk, initializer) {
  initializer.registerMatch('m', { matchInit, matchJoinAttempt, matchJoin, matchLeave, matchLoop, matchTerminate, matchSignal });
}
function matchInit() { created += 1; return { state: { created: created }, tickRate: 1, label: '' }; }
function matchJoinAttempt(c, l, n, d, t, state) { return { state: state, accept: true }; }
function matchJoin(c, l, n, d, t, state) { return { state: state }; }
function matchLeave(c, l, n, d, t, state) { return { state: state }; }
function matchLoop(c, l, n, d, t, state) { return { state: state }; }
function matchTerminate(c, l, n, d, t, state) { return { state: state }; }
function matchSignal(c, l, n, d, t, state) { return { state: state }; }
`);
    const a = h.match(h.matchCreate('m'));
    const b = h.match(h.matchCreate('m'));
    expect(a.state).toEqual({ created: 2 });
    expect(b.state).toEqual({ created: 2 });
  });
});

describe('globals and strict mode', () => {
  test('Node and V8-only globals are absent; goja GoError exists; handlers run strict with this === null', async () => {
    const h = await load(`
function InitModule(ctx, logger, nk, initializer) { initializer.registerRpc('globals', rpcGlobals); }
function rpcGlobals() {
  var names = ['require', 'module', 'exports', 'process', 'console', 'setTimeout', 'setInterval', 'setImmediate',
    'queueMicrotask', 'structuredClone', 'TextEncoder', 'TextDecoder', 'Intl', 'WebAssembly', 'SharedArrayBuffer',
    'Atomics', 'FinalizationRegistry', 'WeakRef', 'Buffer', 'fetch', 'URL', 'atob', 'btoa', 'crypto'];
  var out = {};
  for (var i = 0; i < names.length; i++) out[names[i]] = typeof globalThis[names[i]];
  out.GoError = typeof GoError;
  out.captureStackTrace = typeof Error.captureStackTrace;
  out.thisIsNull = this === null;
  out.strict = (function () { return this === undefined; })();
  return JSON.stringify(out);
}
`);
    const out = JSON.parse(h.rpc('globals'));
    const { GoError, thisIsNull, strict, ...rest } = out;
    expect(Object.values(rest).every((t) => t === 'undefined')).toBe(true);
    expect(Object.keys(rest)).toHaveLength(25);
    expect(GoError).toBe('function');
    expect(thisIsNull).toBe(true);
    expect(strict).toBe(true);
  });

  test('after load, globals are frozen: mutating or reassigning a top-level var, or patching a prototype, throws', async () => {
    const h = await load(`
var config = { limit: 1 };
function InitModule(ctx, logger, nk, initializer) {
  config.limit = 5; // InitModule's VM is not frozen; and it is thrown away
  initializer.registerRpc('read', rpcRead);
  initializer.registerRpc('mutate', rpcMutate);
  initializer.registerRpc('reassign', rpcReassign);
  initializer.registerRpc('patch', rpcPatch);
}
function rpcRead() { return String(config.limit); }
function rpcMutate() { config.limit = 2; return 'mutated'; }
function rpcReassign() { config = { limit: 3 }; return 'reassigned'; }
function rpcPatch() { Array.prototype.last = function () { return this[this.length - 1]; }; return 'patched'; }
`);
    expect(h.rpc('read')).toBe('1');
    const mutate = thrown(() => h.rpc('mutate'));
    expect(mutate).toBeInstanceOf(RuntimeCallError);
    expect(mutate.code).toBe(13);
    expect(mutate.message).toMatch(/^TypeError: Cannot assign to read only property 'limit'.* at rpcMutate \(fixture-\d+\.js:\d+:\d+\)$/);
    expect(thrown(() => h.rpc('reassign')).message).toMatch(/^TypeError: Cannot assign to read only property 'config'/);
    expect(thrown(() => h.rpc('patch')).message).toMatch(/^TypeError: Cannot add property last, object is not extensible/);
    expect(h.rpc('read')).toBe('1');
  });
});

describe('functions are looked up by name in other contexts', () => {
  test('a hook registered with a top-level const fails registration, so loading fails (checkFnScope)', async () => {
    await expect(load(`
const mmConst = function () { return null; };
function InitModule(ctx, logger, nk, initializer) { initializer.registerMatchmakerMatched(mmConst); }
`)).rejects.toThrow('InitModule failed: GoError: function "mmConst" not registered in the global object scope');
    await expect(load(`
const loopConst = function () { return null; };
function InitModule(ctx, logger, nk, initializer) {
  initializer.registerMatch('m', { matchInit: loopConst, matchJoinAttempt: loopConst, matchJoin: loopConst,
    matchLeave: loopConst, matchLoop: loopConst, matchTerminate: loopConst, matchSignal: loopConst });
}
`)).rejects.toThrow('function "loopConst" not registered in the global object scope');
  });

  test('an RPC is called by the registered NAME: a non-global function cannot be called, a const one can (Runtime.Get reads the global lexical scope)', async () => {
    const h = await load(`
const rpcConst = function () { return 'const ok'; };
function makeHandler() { return function notGlobal() { return 'unreachable'; }; }
function InitModule(ctx, logger, nk, initializer) {
  initializer.registerRpc('viaconst', rpcConst);
  initializer.registerRpc('ghost', makeHandler());
}
`);
    expect(h.registrations.rpcs).toEqual({ viaconst: 'rpcConst', ghost: 'notGlobal' });
    expect(h.rpc('viaconst')).toBe('const ok');
    const err = thrown(() => h.rpc('ghost'));
    expect(err.code).toBe(13);
    expect(err.message).toBe('Could not run Rpc function.');
  });

  test('an inline function cannot be registered', async () => {
    await expect(load(`
function InitModule(ctx, logger, nk, initializer) { initializer.registerRpc('inline', () => 'x'); }
`)).rejects.toThrow('js inline function key could not be extracted: function literal found: javascript functions cannot be inlined');
  });
});

describe('RPC results and errors', () => {
  const SOURCE = `
function InitModule(ctx, logger, nk, initializer) {
  initializer.registerRpc('ctx', rpcCtx);
  initializer.registerRpc('custom', rpcCustom);
  initializer.registerRpc('boom', rpcBoom);
  initializer.registerRpc('number', rpcNumber);
  initializer.registerRpc('nothing', rpcNothing);
}
function rpcCtx(ctx, logger, nk, payload) { return JSON.stringify({ ctx: ctx, payload: payload }); }
function rpcCustom() { throw { message: 'not yours', code: 7 }; }
function rpcBoom() { throw new Error('boom'); }
function rpcNumber() { return 42; }
function rpcNothing() { }
`;

  test('ctx fields that are empty are absent; server-to-server calls have no user', async () => {
    const h = await load(SOURCE, { env: { A: '1' } });
    const userId = h.createUser({ username: 'ann' });
    const asUser = JSON.parse(h.rpc('ctx', { x: 1 }, { userId }));
    expect(asUser.payload).toBe('{"x":1}');
    expect(asUser.ctx).toEqual({
      node: 'harness', version: '3.40.0', env: { A: '1' }, executionMode: 'rpc', headers: {}, queryParams: {},
      userSessionExp: expect.any(Number), userId, username: 'ann',
    });
    const s2s = JSON.parse(h.rpc('ctx', undefined, { httpKey: true }));
    expect(s2s.payload).toBe('');
    expect(s2s.ctx).toEqual({ node: 'harness', version: '3.40.0', env: { A: '1' }, executionMode: 'rpc', headers: {}, queryParams: {} });
    const socket = JSON.parse(h.rpc('ctx', 'p', { userId, transport: 'socket', sessionId: 's-1' }));
    expect(socket.ctx.sessionId).toBe('s-1');
    expect(socket.ctx.lang).toBe('en');
    expect('queryParams' in socket.ctx).toBe(false);
  });

  test('thrown {message, code} keeps its code; other throws are code 13 with the goja text and are logged', async () => {
    const h = await load(SOURCE);
    const custom = thrown(() => h.rpc('custom'));
    expect([custom.code, custom.message, custom.custom]).toEqual([7, 'not yours', true]);
    const boom = thrown(() => h.rpc('boom'));
    expect(boom.code).toBe(13);
    expect(boom.message).toMatch(/^Error: boom at rpcBoom \(fixture-\d+\.js:\d+:\d+\)$/);
    expect(h.logs.filter((l) => l.source === 'runtime').map((l) => l.message))
      .toEqual(['JavaScript runtime function raised an uncaught exception']);
    const bad = thrown(() => h.rpc('number'));
    expect([bad.code, bad.message]).toEqual([13, 'Runtime function returned invalid data - only allowed one return value of type string.']);
    expect(h.rpc('nothing')).toBe('');
    expect(thrown(() => h.rpc('missing')).code).toBe(5);
  });
});

describe('matches', () => {
  const MATCH = `
class Point { constructor(x) { this.x = x; } norm() { return this.x; } }
function InitModule(ctx, logger, nk, initializer) {
  initializer.registerMatch('m', { matchInit, matchJoinAttempt, matchJoin, matchLeave, matchLoop, matchTerminate, matchSignal });
  initializer.registerRpc('nk', rpcNk);
}
function rpcNk(ctx, logger, nk, payload) {
  var p = JSON.parse(payload);
  return JSON.stringify({ ok: nk[p.fn].apply(null, p.args) });
}
function matchInit(ctx, logger, nk, params) {
  var state = { params: params, log: [], results: [] };
  if (params.exotic) {
    state.map = new Map([['a', 1]]);
    state.set = new Set([1, 2]);
    state.point = new Point(3);
    state.missing = undefined;
    state.date = new Date(0);
  }
  state.ctx = { mode: String(ctx.executionMode), modeIsString: ctx.executionMode === 'match', hasLabel: 'matchLabel' in ctx };
  return { state: state, tickRate: 10, label: 'open' };
}
function matchJoinAttempt(ctx, logger, nk, d, tick, state, presence, metadata) {
  state.log.push('attempt@' + tick + ':' + (presence.userId === ctx.userId));
  return { state: state, accept: presence.username !== 'banned', rejectMessage: 'banned' };
}
function matchJoin(ctx, logger, nk, d, tick, state, presences) {
  state.log.push('join@' + tick + ':' + presences.length + ':reason' + presences[0].reason);
  return { state: state };
}
function matchLeave(ctx, logger, nk, d, tick, state, presences) {
  state.log.push('leave@' + tick + ':reason' + presences[0].reason);
  return { state: state };
}
function matchLoop(ctx, logger, nk, d, tick, state, messages) {
  state.log.push('loop@' + tick + ':[' + messages.map(function (m) { return m.opCode; }).join(',') + ']');
  if (tick === 0 && state.params.exotic) {
    state.seen = {
      mapIsMap: state.map instanceof Map, map: state.map, set: state.set, pointNorm: typeof state.point.norm,
      point: state.point, missingIsNull: state.missing === null, dateIsDate: state.date instanceof Date,
      label: ctx.matchLabel, tickRate: ctx.matchTickRate,
    };
  }
  for (var i = 0; i < messages.length; i++) {
    var m = messages[i];
    if (m.opCode === 1) {
      try { d.broadcastMessage(2, new Uint8Array([1, 2, 3]), null, null); state.results.push('uint8 accepted'); }
      catch (e) { state.results.push(String(e)); }
    }
    if (m.opCode === 3) {
      d.broadcastMessage(4, m.data, null, m.sender);
      d.broadcastMessage(5, 'text', [m.sender]);
      d.broadcastMessage(6, null, []);
      d.broadcastMessageDeferred(7, 'later');
    }
    if (m.opCode === 8) {
      try { d.broadcastMessage = null; } catch (e) { state.results.push(String(e)); }
      state.results.push(JSON.stringify(Object.getOwnPropertyDescriptor(d, 'matchKick')));
    }
    if (m.opCode === 9) d.matchLabelUpdate('closed');
    if (m.opCode === 10) d.matchKick([m.sender]);
  }
  if (state.params.endAt === tick) return null;
  if (state.params.throwAt === tick) throw new Error('loop exploded');
  return { state: state };
}
function matchTerminate(ctx, logger, nk, d, tick, state) { return { state: state }; }
function matchSignal(ctx, logger, nk, d, tick, state, data) { return { state: state, data: 'got ' + data }; }
`;

  test('state crosses Go on every call: Map -> pairs, Set -> array, class -> plain object, undefined -> null, Date -> Go time', async () => {
    const h = await load(MATCH);
    const m = h.match(h.matchCreate('m', { exotic: true }));
    m.tick();
    const seen = m.state!.seen as Record<string, unknown>;
    expect(seen).toEqual({
      mapIsMap: false, map: [['a', 1]], set: [1, 2], pointNorm: 'undefined', point: { x: 3 }, missingIsNull: true,
      dateIsDate: false, label: 'open', tickRate: 10,
    });
  });

  test('match ctx: executionMode is the Go enum (String() "match", not === "match"); label is added after matchInit', async () => {
    const h = await load(MATCH);
    const m = h.match(h.matchCreate('m', {}));
    expect(m.state!.ctx).toEqual({ mode: 'match', modeIsString: false, hasLabel: false });
    expect([m.label, m.tickRate]).toEqual(['open', 10]);
  });

  test('ticks start at 0; matchJoin runs at the next tick boundary; messages sent during tick N reach tick N+1', async () => {
    const h = await load(MATCH);
    const u = h.createUser({ username: 'ann' });
    const m = h.match(h.matchCreate('m', {}));
    expect(m.join(u)).toEqual({ accept: true, rejectMessage: '', label: 'open' });
    expect(m.state!.log).toEqual(['attempt@0:true']);
    m.send(u, 11).tick();
    m.send(u, 12).send(u, 13).tick();
    m.tick();
    expect(m.state!.log).toEqual(['attempt@0:true', 'join@0:1:reason0', 'loop@0:[11]', 'loop@1:[12,13]', 'loop@2:[]']);
    m.leave(u).tick();
    expect((m.state!.log as string[]).slice(-2)).toEqual(['leave@3:reason3', 'loop@3:[]']);
    const banned = h.createUser({ username: 'banned' });
    expect(m.join(banned)).toEqual({ accept: false, rejectMessage: 'banned', label: 'open' });
    const stranger = h.createUser();
    m.send(stranger, 99).tick();
    expect(m.dropped).toHaveLength(1);
  });

  test('broadcastMessage rejects a Uint8Array and accepts ArrayBuffer, string and null; [] reaches nobody; deferred after the tick', async () => {
    const h = await load(MATCH);
    const u = h.createUser();
    const v = h.createUser();
    const m = h.match(h.matchCreate('m', {}));
    m.join(u);
    m.join(v);
    m.tick();
    m.send(u, 1).send(u, 3, new Uint8Array([9, 8])).tick();
    expect(m.state!.results).toEqual(['TypeError: expects data to be an ArrayBuffer, a string or nil']);
    const got = (id: string) => m.received(id).map((r) => [r.opCode, Buffer.from(r.data).toString('latin1')]);
    expect(got(u)).toEqual([[4, '\u0009\u0008'], [5, 'text'], [7, 'later']]);
    expect(got(v)).toEqual([[4, '\u0009\u0008'], [7, 'later']]);
    const sender = m.received(v)[0].sender!;
    expect(sender.userId).toBe(u);
    expect(sender.username).toBe(sender.sessionId); // Nakama 3.40 quirk, reproduced
  });

  test('the dispatcher is frozen like Nakama freezes it (read-only, non-configurable properties)', async () => {
    const h = await load(MATCH);
    const u = h.createUser();
    const m = h.match(h.matchCreate('m', {}));
    m.join(u);
    m.send(u, 8).tick();
    expect(m.state!.results).toEqual([
      "TypeError: Cannot assign to read only property 'broadcastMessage' of object '#<Object>'",
      '{"writable":false,"enumerable":true,"configurable":false}',
    ]);
  });

  test('matchLabelUpdate and matchKick', async () => {
    const h = await load(MATCH);
    const u = h.createUser();
    const m = h.match(h.matchCreate('m', {}));
    m.join(u);
    m.send(u, 9).send(u, 10).tick();
    expect(m.label).toBe('closed');
    expect(m.size).toBe(1);
    m.tick();
    expect(m.size).toBe(0);
    expect(m.state!.log).toContain('leave@1:reason3');
  });

  test('returning null from matchLoop ends the match; a throw ends it too and records the error', async () => {
    const h = await load(MATCH);
    const m = h.match(h.matchCreate('m', { endAt: 2 }));
    expect(m.runUntilEnd(10)).toBe(3);
    expect(m.ended).toBe(true);
    expect(m.endReason).toBe('Match loop returned nil or no state, stopping match');
    expect(m.error).toBeNull();
    expect(JSON.parse(h.rpc('nk', { fn: 'matchGet', args: [m.id] })).ok).toBeNull();
    const t = h.match(h.matchCreate('m', { throwAt: 1 }));
    t.tick(5);
    expect(t.ended).toBe(true);
    expect(t.error!.handler).toBe('matchLoop');
    expect(t.error!.message).toMatch(/^Error: loop exploded at matchLoop \(fixture-\d+\.js:\d+:\d+\)$/);
    expect(t.currentTick).toBe(1);
  });

  test('nk.matchCreate runs matchInit at once; ids are "<uuid>.<node>"; signals reach matchSignal', async () => {
    const h = await load(MATCH);
    const id = JSON.parse(h.rpc('nk', { fn: 'matchCreate', args: ['m', { from: 'rpc' }] })).ok as string;
    expect(id).toMatch(/^[0-9a-f-]{36}\.harness$/);
    expect(h.match(id).state!.params).toEqual({ from: 'rpc' });
    expect(JSON.parse(h.rpc('nk', { fn: 'matchGet', args: [id] })).ok).toEqual({ matchId: id, authoritative: true, size: 0, label: 'open' });
    expect(JSON.parse(h.rpc('nk', { fn: 'matchSignal', args: [id, 'hi'] })).ok).toBe('got hi');
  });
});

describe('matchmaker', () => {
  const SOURCE = `
function InitModule(ctx, logger, nk, initializer) {
  initializer.registerRtBefore('MatchmakerAdd', beforeMatchmakerAdd);
  initializer.registerMatchmakerMatched(matchmakerMatched);
  initializer.registerMatch('m', { matchInit, matchJoinAttempt, matchJoin, matchLeave, matchLoop, matchTerminate, matchSignal });
}
function beforeMatchmakerAdd(ctx, logger, nk, envelope) {
  var add = envelope.matchmakerAdd;
  if (add.stringProperties.mode === 'banned') throw { message: 'mode not allowed', code: 3 };
  if (add.stringProperties.mode === 'drop') return null;
  add.stringProperties.seen = Object.keys(add).sort().join(',') + '|cid=' + JSON.stringify(envelope.cid) + '|mode=' + ctx.executionMode;
  add.numericProperties.rating = 1500;
  return envelope;
}
function matchmakerMatched(ctx, logger, nk, entries) { return nk.matchCreate('m', { entries: entries, mode: ctx.executionMode }); }
function matchInit(ctx, logger, nk, params) { return { state: { params: params }, tickRate: 5, label: '' }; }
function matchJoinAttempt(c, l, n, d, t, state) { return { state: state, accept: true }; }
function matchJoin(c, l, n, d, t, state) { return { state: state }; }
function matchLeave(c, l, n, d, t, state) { return { state: state }; }
function matchLoop(c, l, n, d, t, state) { return { state: state }; }
function matchTerminate(c, l, n, d, t, state) { return { state: state }; }
function matchSignal(c, l, n, d, t, state) { return { state: state }; }
`;

  test('tickets go through the MatchmakerAdd before-hook, then the matched hook creates the match', async () => {
    const h = await load(SOURCE);
    const a = h.createUser({ username: 'a' });
    const b = h.createUser({ username: 'b' });
    const id = h.matchmake([
      { presence: a, properties: { mode: 'duel', skill: 3 }, minCount: 2, maxCount: 2 },
      { presence: b, properties: { mode: 'duel' }, minCount: 2, maxCount: 2, partyId: 'p1' },
    ]);
    const params = h.match(id!).state!.params as any;
    expect(params.mode).toBe('matchmaker');
    expect(params.entries).toHaveLength(2);
    expect(params.entries[0]).toEqual({
      presence: h.presence(a),
      properties: {
        mode: 'duel', skill: 3, rating: 1500,
        seen: 'countMultiple,maxCount,minCount,numericProperties,query,stringProperties|cid=""|mode=before',
      },
    });
    expect(params.entries[1].partyId).toBe('p1');
  });

  test('a throwing hook rejects with the socket error code 7; returning null rejects with code 1; bad counts with code 3', async () => {
    const h = await load(SOURCE);
    const a = h.createUser();
    const banned = thrown(() => h.matchmake([{ presence: a, properties: { mode: 'banned' } }]));
    expect([banned.code, banned.message]).toEqual([7, 'mode not allowed']);
    const dropped = thrown(() => h.matchmake([{ presence: a, properties: { mode: 'drop' } }]));
    expect([dropped.code, dropped.message]).toEqual([1, 'Requested resource was not found.']);
    const bad = thrown(() => h.matchmake([{ presence: a, properties: { mode: 'x' }, minCount: 1 }]));
    expect([bad.code, bad.message]).toEqual([3, 'Invalid minimum count, must be >= 2']);
  });
});

describe('in-memory nk', () => {
  test('storage: a version conflict fails the whole batch; "*" only creates; versions are md5 of the value', async () => {
    const h = await load(NK_RPC);
    const u = h.createUser();
    const first = nkCall(h, 'storageWrite', [{ collection: 'c', key: 'a', userId: u, value: { v: 1 } }]);
    const version = first.ok[0].version as string;
    expect(first.ok).toEqual([{ collection: 'c', key: 'a', userId: u, version }]);
    expect(version).toBe(require('crypto').createHash('md5').update('{"v":1}').digest('hex'));
    const conflict = nkCall(h, 'storageWrite', [
      { collection: 'c', key: 'b', userId: u, value: { v: 1 } },
      { collection: 'c', key: 'a', userId: u, value: { v: 2 }, version: 'stale' },
    ]);
    expect(conflict).toEqual({ error: 'failed to write storage objects: Storage write rejected - version check failed.', name: 'GoError', typeError: false, goError: true });
    expect(h.storage('c', 'b', u)).toBeNull();
    expect(h.storage('c', 'a', u)!.value).toEqual({ v: 1 });
    expect(nkCall(h, 'storageWrite', [{ collection: 'c', key: 'a', userId: u, value: { v: 2 }, version: '*' }]).error)
      .toBe('failed to write storage objects: Storage write rejected - version check failed.');
    expect(nkCall(h, 'storageWrite', [{ collection: 'c', key: 'a', userId: u, value: { v: 2 }, version }]).ok[0].version).not.toBe(version);
    const read = nkCall(h, 'storageRead', [{ collection: 'c', key: 'a', userId: u }, { collection: 'c', key: 'zz', userId: u }]);
    expect(read.ok).toEqual([expect.objectContaining({ collection: 'c', key: 'a', userId: u, value: { v: 2 }, permissionRead: 1, permissionWrite: 1 })]);
  });

  test('multiUpdate is all-or-nothing; failNext injects a failure before any effect', async () => {
    const h = await load(NK_RPC);
    const u = h.createUser({ wallet: { coins: 10 } });
    const write = { collection: 'c', key: 'm', userId: u, value: { x: 1 } };
    const failed = nkCall(h, 'multiUpdate', [], [write], [], [{ userId: u, changeset: { coins: -20 } }], true);
    expect(failed.error).toBe("error running multi update: wallet update rejected negative value at path 'coins'");
    expect(h.storage('c', 'm', u)).toBeNull();
    expect(h.wallet(u)).toEqual({ coins: 10 });
    expect(h.ledger(u)).toEqual([]);
    h.failNext('multiUpdate');
    expect(nkCall(h, 'multiUpdate', [], [write], [], [], false).error).toBe('injected failure: nk.multiUpdate');
    expect(h.storage('c', 'm', u)).toBeNull();
    const ok = nkCall(h, 'multiUpdate', [], [write], [], [{ userId: u, changeset: { coins: -4 } }], true);
    expect(ok.ok.walletUpdateAcks).toEqual([{ updated: { coins: 6 }, previous: { coins: 10 }, userId: u }]);
    expect(h.storage('c', 'm', u)!.value).toEqual({ x: 1 });
  });

  test('walletUpdate: a negative result throws and changes nothing; the ledger is written only with updateLedger=true', async () => {
    const h = await load(NK_RPC);
    const u = h.createUser();
    expect(nkCall(h, 'walletUpdate', u, { coins: -5 })).toMatchObject({
      error: "failed to update user wallet: wallet update rejected negative value at path 'coins'", goError: true,
    });
    expect(h.wallet(u)).toEqual({});
    expect(nkCall(h, 'walletUpdate', u, { coins: 5 }, { reason: 'quest' }).ok).toEqual({ updated: { coins: 5 }, previous: {}, userId: u });
    expect(h.ledger(u)).toEqual([]);
    nkCall(h, 'walletUpdate', u, { coins: 3 }, { reason: 'win' }, true);
    expect(h.ledger(u)).toEqual([expect.objectContaining({ userId: u, changeset: { coins: 3 }, metadata: { reason: 'win' } })]);
    expect(nkCall(h, 'walletLedgerList', u).ok.items).toHaveLength(1);
    expect(nkCall(h, 'walletUpdate', u, { coins: 1.5 }).error).toBe('expects changeset values to be whole numbers');
  });

  test('int64 arguments reject non-integers: notification code 1.5 throws "expects number"', async () => {
    const h = await load(NK_RPC);
    const u = h.createUser();
    expect(nkCall(h, 'notificationSend', u, 'hello', { a: 1 }, 1.5)).toEqual({ error: 'expects number', name: 'TypeError', typeError: true, goError: false });
    expect(nkCall(h, 'notificationSend', u, 'hello', { a: 1 }, 0).error).toBe('expects code number to be a positive integer');
    expect(nkCall(h, 'notificationSend', u, 'hello', { a: 1 }, 2).ok).toBeUndefined();
    expect(h.notifications).toEqual([expect.objectContaining({ userId: u, subject: 'hello', content: { a: 1 }, code: 2, persistent: false })]);
  });

  test('nk functions the harness lacks throw "not implemented"; names Nakama lacks are undefined', async () => {
    const h = await load(NK_RPC);
    expect(nkCall(h, 'groupCreate', 'g', 'group').error).toBe('not implemented in harness: nk.groupCreate');
    expect(JSON.parse(h.rpc('nk', { fn: 'notAnNkFunction', args: [] })).error).toMatch(/undefined/);
  });

  test('storageList pages in (read, key, user) order; storageDelete with a stale version fails', async () => {
    const h = await load(NK_RPC);
    const u = h.createUser();
    for (const [key, read] of [['b', 2], ['a', 1], ['c', 1]] as const) {
      nkCall(h, 'storageWrite', [{ collection: 'l', key, userId: u, value: { key }, permissionRead: read }]);
    }
    const page1 = nkCall(h, 'storageList', u, 'l', 2).ok;
    expect(page1.objects.map((o: any) => o.key)).toEqual(['a', 'c']);
    const page2 = nkCall(h, 'storageList', u, 'l', 2, page1.cursor).ok;
    expect([page2.objects.map((o: any) => o.key), page2.cursor]).toEqual([['b'], null]);
    expect(nkCall(h, 'storageList', '', 'l').error).toBe('expects empty or valid user id');
    expect(nkCall(h, 'storageDelete', [{ collection: 'l', key: 'a', userId: u, version: 'stale' }]).error)
      .toBe('failed to remove storage: Storage delete rejected - not found, version check failed, or permission denied.');
    expect(nkCall(h, 'storageDelete', [{ collection: 'l', key: 'a', userId: u }]).ok).toBeUndefined();
    expect(h.storage('l', 'a', u)).toBeNull();
  });

  test('storageWriteRetry re-reads and calls the update function again after a version conflict', async () => {
    const h = await load(`
function InitModule(ctx, logger, nk, initializer) { initializer.registerRpc('bump', rpcBump); }
function rpcBump(ctx, logger, nk, payload) {
  var calls = 0;
  var acks = nk.storageWriteRetry([{ collection: 'c', key: 'n', userId: ctx.userId }], function (objects) {
    calls += 1;
    var current = objects.length ? objects[0].value.n : 0;
    if (calls === 1 && payload === 'race') {
      nk.storageWrite([{ collection: 'c', key: 'n', userId: ctx.userId, value: { n: 100 } }]);
    }
    return [{ collection: 'c', key: 'n', userId: ctx.userId, value: { n: current + 1 }, version: objects.length ? objects[0].version : '*' }];
  }, 3);
  return JSON.stringify({ calls: calls, acks: acks.length });
}
`);
    const u = h.createUser();
    expect(JSON.parse(h.rpc('bump', '', { userId: u }))).toEqual({ calls: 1, acks: 1 });
    expect(JSON.parse(h.rpc('bump', 'race', { userId: u }))).toEqual({ calls: 2, acks: 1 });
    expect(h.storage('c', 'n', u)!.value).toEqual({ n: 101 });
  });

  test('localcache values expire after their TTL on the harness clock; a miss returns the caller\'s default', async () => {
    const h = await load(`
function InitModule(ctx, logger, nk, initializer) { initializer.registerRpc('cache', rpcCache); }
function rpcCache(ctx, logger, nk, payload) {
  if (payload === 'put') { nk.localcachePut('k', 7, 10); return ''; }
  var fallback = { missing: true };
  var v = nk.localcacheGet('k', fallback);
  return JSON.stringify({ v: v, isFallback: v === fallback });
}
`);
    h.rpc('cache', 'put');
    expect(JSON.parse(h.rpc('cache'))).toEqual({ v: 7, isFallback: false }); // shared by all pool contexts
    h.advanceTime(9999);
    expect(JSON.parse(h.rpc('cache')).v).toBe(7);
    h.advanceTime(1);
    expect(JSON.parse(h.rpc('cache'))).toEqual({ v: { missing: true }, isFallback: true });
  });

  test('logger formats like Go fmt and captures fields', async () => {
    const h = await load(`
function InitModule(ctx, logger, nk, initializer) { initializer.registerRpc('log', rpcLog); }
function rpcLog(ctx, logger) {
  logger.withField('game', 'quiz').warn('%s scored %d in %v (%d) %s', 'ann', 3, [1, 'a'], 1.5);
  return '';
}
`);
    h.rpc('log');
    expect(h.logs).toEqual([{
      level: 'warn', message: 'ann scored 3 in [1 a] (%!d(float64=1.5)) %!s(MISSING)', fields: { rpc_id: 'log', game: 'quiz' }, source: 'module',
    }]);
  });

  test('ids and random bytes are deterministic for a seed', async () => {
    const a = await load(NK_RPC, { seed: 42 });
    const b = await load(NK_RPC, { seed: 42 });
    expect(a.createUser()).toBe(b.createUser());
    expect(nkCall(a, 'uuidv4').ok).toBe(nkCall(b, 'uuidv4').ok);
    const c = await load(NK_RPC, { seed: 43 });
    expect(nkCall(c, 'uuidv4').ok).not.toBe(nkCall(a, 'uuidv4').ok);
  });
});
