'use strict';
/**
 * Harness: runs the built bundle the way Nakama 3.40's goja runtime does, in isolated-vm, with an in-memory nk.
 *
 *   const { Harness } = require('./tools/harness');
 *   const h = await Harness.load('bundle/index.js', { seed: 1 });
 *   const userId = h.createUser({ username: 'ann' });
 *   const out = h.rpc('achievements_get_all', { gameId }, { userId });
 *
 * VM layout (like Nakama): InitModule runs once in its own unfrozen context; RPCs and hooks run in a pool of
 * frozen contexts (round-robin); every match gets a brand-new frozen context. See index.d.ts for the API.
 * @module
 */
const fs = require('fs');
const path = require('path');
const { VmRuntime } = require('./vm');
const { Clock } = require('./clock');
const { RandomStreams } = require('./rng');
const { NkState } = require('./nk/state');
const { NkHost } = require('./nk');
const { createUser } = require('./nk/accounts');
const { MatchRegistry } = require('./match-registry');
const { goSprintf } = require('./gofmt');
const { goExport } = require('./go-value');
const { baseCtx, NAKAMA_VERSION } = require('./ctx');
const { parseUuid, NIL_UUID } = require('./nk/args');
const calls = require('./calls');
const { HarnessError, RuntimeCallError, NkError } = require('./errors');
const { storageKey } = require('./nk/storage-ops');
const { MatchHandle } = require('./match-handle');

class Harness {
  /**
   * Loads a bundle file and runs InitModule.
   * @param {string} [bundlePath]
   * @param {HarnessOptions} [options]
   * @returns {Promise<Harness>}
   */
  static async load(bundlePath = 'bundle/index.js', options = {}) {
    const code = await fs.promises.readFile(bundlePath, 'utf8');
    return new Harness(code, { filename: bundlePath, ...options });
  }

  /**
   * Same as load, synchronously.
   * @param {string} [bundlePath]
   * @param {HarnessOptions} [options]
   */
  static loadSync(bundlePath = 'bundle/index.js', options = {}) {
    return new Harness(fs.readFileSync(bundlePath, 'utf8'), { filename: bundlePath, ...options });
  }

  /**
   * @typedef {object} HarnessOptions
   * @property {number} [poolSize] contexts for RPCs and hooks (default 3)
   * @property {Record<string, string>} [env] runtime.env (ctx.env)
   * @property {string|number} [seed] seed of every generated id and random byte (default "harness")
   * @property {() => number} [now] clock in ms; default: a fake clock moved by match ticks and advanceTime
   * @property {string} [node] node name (default "harness"): match ids are "<uuid>.<node>"
   * @property {number} [timeoutMs] limit per VM call (harness guard; Nakama has none), default 30000
   * @property {number} [memoryLimitMb] isolate heap limit, default 512
   * @property {number} [maxEmptySec] match.max_empty_sec (default 0 = off)
   * @property {string} [filename] script name (default "index.js")
   */

  /**
   * @param {string} code bundle source
   * @param {HarnessOptions} [options]
   */
  constructor(code, options = {}) {
    this.options = { poolSize: 3, env: {}, seed: 'harness', node: 'harness', timeoutMs: 30000, maxEmptySec: 0, ...options };
    this.node = this.options.node;
    this.version = NAKAMA_VERSION;
    this.env = { ...this.options.env };
    this.clock = new Clock(this.options.now);
    this.rng = new RandomStreams(this.options.seed);
    this.state = new NkState(this.clock, this.rng);
    /** @type {Array<{level: string, message: string, fields: Record<string, unknown>, source: 'module'|'runtime'}>} */
    this.logs = [];
    this.registrations = emptyRegistrations();
    this.registry = new MatchRegistry(this);
    this.nkHost = new NkHost(this.state, { matches: this.registry });
    /** @type {Map<string, any>} userId -> default presence */
    this.sessions = new Map();
    this.runtime = new VmRuntime({
      code, filename: this.options.filename || 'index.js', memoryLimitMb: this.options.memoryLimitMb, timeoutMs: this.options.timeoutMs,
    });
    try {
      this.runInit();
      /** @type {import('./vm').VmContext[]} */
      this.pool = [];
      for (let i = 0; i < this.options.poolSize; i++) this.pool.push(this.createContext(`pool ${i}`, (op, args) => this.hostCall(op, args)));
    } catch (e) {
      this.dispose();
      throw e;
    }
    this.nextPool = 0;
    this.nk = this.nkHost.hostFacade();
  }

  runInit() {
    let registering = true;
    const ctx = this.runtime.createContext({
      label: 'init', freeze: false,
      onHostCall: (op, args) => {
        if (op === '__register') {
          if (!registering) throw new NkError('Error', 'initializer used after InitModule returned');
          return this.record(/** @type {any} */ (args));
        }
        return this.hostCall(op, args);
      },
    });
    try {
      const res = ctx.call('runInit', [{ ctx: { node: this.node, version: this.version, env: { ...this.env } }, zap: {} }]);
      this.runtime.throwFatal();
      if (res.notFound) throw new HarnessError('InitModule function not found.');
      if (res.error) throw new HarnessError(`InitModule failed: ${res.error.text}`);
    } finally {
      registering = false;
      ctx.release();
    }
  }

  /**
   * Records one registration made by InitModule.
   * @param {[string, string, string|null, any]} args kind, id, function name, extra
   */
  record([kind, id, fnName, extra]) {
    const r = this.registrations;
    if (kind === 'rpc') r.rpcs[id.toLowerCase()] = /** @type {string} */ (fnName);
    else if (kind === 'rtBefore' || kind === 'rtAfter' || kind === 'before' || kind === 'after') r[kind][id] = fnName;
    else if (kind === 'single') r[id] = fnName;
    else if (kind === 'match') r.matches[id] = { ...extra };
    return undefined;
  }

  /**
   * Creates a context (shim + bundle top level + freeze).
   * @param {string} label
   * @param {(op: string, args: unknown[]) => unknown} onHostCall
   */
  createContext(label, onHostCall) {
    return this.runtime.createContext({ label, freeze: true, onHostCall });
  }

  /**
   * Host side of every VM call other than match dispatch and registration.
   * @param {string} op
   * @param {unknown[]} args
   */
  hostCall(op, args) {
    if (op === '__log') {
      const [level, format, fmtArgs, jsFields, zap] = /** @type {any[]} */ (args);
      this.log(level, goSprintf(format, fmtArgs), { ...zap, ...jsFields }, 'module');
      return undefined;
    }
    if (op === '__config') return this.config();
    if (op === '__now') return this.clock.now();
    if (op === '__register') throw new NkError('Error', 'initializer is only available during InitModule');
    return this.nkHost.call(op, args);
  }

  /**
   * @param {string} level
   * @param {string} message
   * @param {Record<string, unknown>} fields
   * @param {'module'|'runtime'} source
   */
  log(level, message, fields, source) {
    this.logs.push({ level, message, fields, source });
  }

  /** initializer.getConfig() (a subset of Nakama's RuntimeConfig, with Nakama's defaults). */
  config() {
    return {
      name: this.node, shutdown_grace_sec: 0, logger: { level: 'info' },
      session: { encryption_key: 'defaultencryptionkey', token_expiry_sec: 60, refresh_encryption_key: 'defaultrefreshencryptionkey',
        refresh_token_expiry_sec: 3600, single_socket: false, single_match: false, single_party: false, single_session: false },
      socket: { server_key: 'defaultkey', port: 7350, address: '', protocol: 'tcp' },
      runtime: { env: { ...this.env }, http_key: 'defaulthttpkey' },
    };
  }

  /**
   * Calls a module function in the next pool context.
   * @param {{fnName: string, ctx: Record<string, unknown>, zap: Record<string, unknown>, args: unknown[]}} req
   */
  invokePool(req) {
    const ctx = this.pool[this.nextPool];
    this.nextPool = (this.nextPool + 1) % this.pool.length;
    const res = ctx.call('invoke', [req]);
    this.runtime.throwFatal();
    return res;
  }

  /**
   * Calls an RPC like an HTTP client (or a socket/server-to-server one, see opts).
   * @param {string} id
   * @param {string|object} [payload]
   * @param {import('./ctx').CallerOptions} [opts]
   * @returns {string}
   */
  rpc(id, payload, opts) {
    return calls.rpc(this, id, payload, opts);
  }

  /**
   * Runs a realtime before-hook on an envelope.
   * @param {string} id
   * @param {Record<string, unknown>} envelope
   * @param {import('./ctx').CallerOptions} [opts]
   */
  rtBefore(id, envelope, opts) {
    return calls.rtBefore(this, id, envelope, opts);
  }

  /**
   * @param {import('./matchmaker').Ticket[]} tickets
   * @returns {string|null}
   */
  matchmake(tickets) {
    return calls.matchmake(this, tickets);
  }

  /**
   * Creates a user (deterministic id). @param {Parameters<typeof createUser>[1]} [opts]
   * @returns {string}
   */
  createUser(opts) {
    return createUser(this.state, opts);
  }

  /** @param {string} userId */
  user(userId) {
    const u = this.state.users.get(parseUuid(userId) || '');
    return u ? { ...u, metadata: JSON.parse(u.metadata), wallet: { ...u.wallet } } : null;
  }

  /**
   * The user's default socket session presence (stable per user), or a new session with {newSession: true}.
   * @param {string} userId
   * @param {{newSession?: boolean}} [opts]
   */
  presence(userId, opts = {}) {
    const uid = parseUuid(userId);
    const u = uid && this.state.users.get(uid);
    if (!u) throw new HarnessError(`presence: unknown user ${userId}`);
    if (!opts.newSession && this.sessions.has(uid)) return { ...this.sessions.get(uid) };
    const p = { userId: uid, sessionId: this.rng.uuid('session'), username: u.username, node: this.node };
    if (!this.sessions.has(uid)) this.sessions.set(uid, p);
    return { ...p };
  }

  /**
   * A user id or a partial presence -> a full presence.
   * @param {string|{userId: string, sessionId?: string, username?: string, node?: string}} p
   */
  toPresence(p) {
    if (typeof p === 'string') return this.presence(p);
    if (!p || typeof p.userId !== 'string') throw new HarnessError('a presence needs a userId');
    const base = p.sessionId ? null : this.presence(p.userId);
    const u = this.state.users.get(parseUuid(p.userId) || '');
    return {
      userId: p.userId,
      sessionId: p.sessionId || /** @type {any} */ (base).sessionId,
      username: p.username !== undefined ? p.username : (u ? u.username : ''),
      node: p.node || this.node,
    };
  }

  /** @param {{userId?: string, username?: string}} opts */
  usernameOf(opts) {
    if (opts.username !== undefined) return opts.username;
    const u = opts.userId ? this.state.users.get(parseUuid(opts.userId) || '') : null;
    return u ? u.username : undefined;
  }

  /**
   * Creates a match like nk.matchCreate (runs matchInit now).
   * @param {string} module
   * @param {Record<string, unknown>} [params]
   * @param {{matchId?: string}} [opts] matchId: create under this "<uuid>.<node>" id (its node must be the harness's)
   * @returns {string}
   */
  matchCreate(module, params = {}, opts = {}) {
    try {
      const uuid = opts.matchId ? this.registry.parse(opts.matchId).uuid : undefined;
      if (opts.matchId && !opts.matchId.endsWith(`.${this.node}`)) throw new HarnessError(`match id ${opts.matchId} is not on node ${this.node}`);
      const id = this.registry.create(module, /** @type {any} */ (goExport(params)), uuid);
      this.runtime.throwFatal();
      return id;
    } catch (e) {
      if (e instanceof HarnessError) throw e;
      throw new HarnessError(`error creating match: ${/** @type {Error} */ (e).message}`);
    }
  }

  /**
   * A match handle (running or ended).
   * @param {string} id
   */
  match(id) {
    const m = this.registry.all.get(id);
    if (!m) throw new HarnessError(`no match ${id}`);
    return new MatchHandle(this, m);
  }

  /** @returns {string[]} ids of running matches */
  matchIds() {
    return [...this.registry.running.values()].map((m) => m.id);
  }

  /** @param {string} userId */
  wallet(userId) {
    const u = this.state.users.get(parseUuid(userId) || '');
    return u ? { ...u.wallet } : null;
  }

  /** Ledger items of a user, newest first. @param {string} userId */
  ledger(userId) {
    const uid = parseUuid(userId);
    return [...this.state.ledger.values()].filter((i) => i.userId === uid).reverse()
      .map((i) => ({ id: i.id, userId: i.userId, changeset: { ...i.changeset }, metadata: JSON.parse(i.metadataJson), createTime: i.createTime, updateTime: i.updateTime }));
  }

  /**
   * A storage object, or null.
   * @param {string} collection
   * @param {string} key
   * @param {string} [userId] default: the system user
   */
  storage(collection, key, userId) {
    const rec = this.state.storage.get(storageKey(collection, key, userId ? parseUuid(userId) || userId : NIL_UUID));
    if (!rec) return null;
    return {
      collection: rec.collection, key: rec.key, userId: rec.userId, value: JSON.parse(rec.valueJson), version: rec.version,
      permissionRead: rec.read, permissionWrite: rec.write, createTime: rec.createTime, updateTime: rec.updateTime,
    };
  }

  get notifications() {
    return this.state.notifications;
  }

  get metrics() {
    return this.state.metrics;
  }

  get events() {
    return this.state.events;
  }

  /**
   * Makes the next call of nk.<name> throw before it has any effect.
   * @param {string} name
   * @param {string|Error|{type?: 'TypeError'|'GoError'|'Error', message: string}} [error]
   */
  failNext(name, error) {
    this.nkHost.failNext(name, error);
  }

  /** @returns {Record<string, number>} nk calls by name since the last call (from any context), then counts afresh. */
  takeNkCalls() {
    return this.nkHost.takeCalls();
  }

  /** Log every nk call with its result from now on (until takeNkLog). */
  logNkCalls() {
    this.nkHost.logCalls();
  }

  /** @returns {{name: string, result: unknown}[]} the nk calls logged since logNkCalls, in order; logging stops. */
  takeNkLog() {
    return this.nkHost.takeLog();
  }

  /** @param {number} ms */
  advanceTime(ms) {
    this.clock.advance(ms);
  }

  now() {
    return this.clock.now();
  }

  /** ctx fields every call gets (node, version, env, executionMode). @param {string} mode */
  baseCtx(mode) {
    return baseCtx(this, mode);
  }

  dispose() {
    this.runtime.dispose();
    this.state.sql.close();
  }
}

function emptyRegistrations() {
  return {
    rpcs: {}, rtBefore: {}, rtAfter: {}, before: {}, after: {}, matches: {},
    matchmakerMatched: null, tournamentEnd: null, tournamentReset: null, leaderboardReset: null, shutdown: null,
    purchaseNotificationApple: null, subscriptionNotificationApple: null, purchaseNotificationGoogle: null,
    subscriptionNotificationGoogle: null,
  };
}

module.exports = { Harness, MatchHandle, RuntimeCallError, HarnessError, NkError, defaultBundlePath: path.join('bundle', 'index.js') };
