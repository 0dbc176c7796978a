/**
 * Harness: runs the built bundle (bundle/index.js) the way Nakama 3.40's goja runtime does, in isolated-vm,
 * with an in-memory, deterministic `nk`. Everything is synchronous except Harness.load. nk.sqlExec and nk.sqlQuery
 * run on a real PostgreSQL, in a schema of the harness's own (tools/harness/sql: HARNESS_DATABASE_URL, TEST_DATABASE,
 * DATABASE_URL or postgres@127.0.0.1:5432), dropped by dispose().
 *
 * VM rules reproduced: strict script; no Node/V8-only globals; InitModule once in its own context; RPCs and
 * hooks in a round-robin pool of contexts that ran only the top level, then Nakama's global freeze; a fresh
 * frozen context per match; functions looked up by name (global lexical scope, then global object, like
 * goja's Runtime.Get); match state crossing "Go" (goja Export/ToValue) on every handler call.
 */

/** Options of Harness.load / new Harness. */
export interface HarnessOptions {
  /** Contexts for RPCs and hooks, used round-robin (default 3). */
  poolSize?: number;
  /** runtime.env entries, visible as ctx.env. */
  env?: Record<string, string>;
  /** Seed of every generated id (users, matches, sessions, nk.uuidv4) and of nk.secureRandomBytes (default "harness"). */
  seed?: string | number;
  /** Clock in ms since the epoch. Default: a fake clock at 2025-01-01T00:00:00Z moved by match ticks and advanceTime. */
  now?: () => number;
  /** Node name (default "harness"): ctx.node, presence.node, match ids "<uuid>.<node>". */
  node?: string;
  /** Limit per VM call in ms, a harness guard (Nakama has none). Default 30000. */
  timeoutMs?: number;
  /** Isolate heap limit in MB (default 512). */
  memoryLimitMb?: number;
  /** match.max_empty_sec: stop a match empty for that long (default 0 = never, Nakama's default). */
  maxEmptySec?: number;
  /** Script name used in stack traces (default: the bundle file's basename). */
  filename?: string;
}

/** Who calls an RPC or hook, and how. */
export interface CallerOptions {
  /** Authenticated user (session token). Absent for server-to-server calls. */
  userId?: string;
  /** Defaults to the user's username. */
  username?: string;
  /** Session variables (ctx.vars). */
  vars?: Record<string, string>;
  /** Server-to-server call with ?http_key=...: no user fields in ctx. */
  httpKey?: boolean;
  /** 'http' (default, like nakama-js client.rpc: ctx.headers and ctx.queryParams) or 'socket' (ctx.sessionId, ctx.lang). */
  transport?: 'http' | 'socket';
  sessionId?: string;
  lang?: string;
  queryParams?: Record<string, string[]>;
  headers?: Record<string, string[]>;
  clientIp?: string;
  clientPort?: string;
}

export interface Presence {
  userId: string;
  sessionId: string;
  username: string;
  node: string;
}

/** A user id (its default session), or a partial presence completed from the user record. */
export type PresenceLike = string | { userId: string; sessionId?: string; username?: string; node?: string };

/** Match handler function names, as registered. */
export interface MatchHandlerNames {
  matchInit: string;
  matchJoinAttempt: string;
  matchJoin: string;
  matchLeave: string;
  matchLoop: string;
  matchTerminate: string;
  matchSignal: string;
}

/** What InitModule registered: global function NAMES, looked up by name in other contexts. */
export interface Registrations {
  /** Lowercased RPC id -> function name. */
  rpcs: Record<string, string>;
  /** Realtime message name as given (e.g. "MatchmakerAdd") -> function name. */
  rtBefore: Record<string, string>;
  rtAfter: Record<string, string>;
  /** API name of registerBeforeX/registerAfterX (e.g. "GetAccount") -> function name. */
  before: Record<string, string>;
  after: Record<string, string>;
  matches: Record<string, MatchHandlerNames>;
  matchmakerMatched: string | null;
  tournamentEnd: string | null;
  tournamentReset: string | null;
  leaderboardReset: string | null;
  shutdown: string | null;
  purchaseNotificationApple: string | null;
  subscriptionNotificationApple: string | null;
  purchaseNotificationGoogle: string | null;
  subscriptionNotificationGoogle: string | null;
}

/** A message a presence received from the match. */
export interface ReceivedMessage {
  opCode: number;
  data: Uint8Array;
  /** Sender given to broadcastMessage, or null. NB: Nakama 3.40 fills username with the sessionId. */
  sender: { userId: string; sessionId: string; username: string } | null;
  reliable: boolean;
  /** Tick counter of the match when the message was delivered. */
  tick: number;
}

/** A matchmaker ticket. `properties` holds string and numeric properties together. */
export interface Ticket {
  presence: PresenceLike;
  properties?: Record<string, string | number>;
  /** Default "*". */
  query?: string;
  /** Default 2. */
  minCount?: number;
  /** Default minCount. */
  maxCount?: number;
  countMultiple?: number;
  partyId?: string;
}

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  /** Go fmt.Sprintf(format, args...) output. */
  message: string;
  /** Logger context (e.g. rpc_id, mid) plus the JS logger's fields. */
  fields: Record<string, unknown>;
  /** 'module': logger.* calls; 'runtime': what Nakama itself logs (uncaught exceptions, match stops...). */
  source: 'module' | 'runtime';
}

export interface StorageObjectView {
  collection: string;
  key: string;
  userId: string;
  value: Record<string, unknown>;
  /** md5 hex of the JSON value, like Nakama. */
  version: string;
  permissionRead: number;
  permissionWrite: number;
  createTime: number;
  updateTime: number;
}

export interface LedgerItemView {
  id: string;
  userId: string;
  changeset: Record<string, number>;
  metadata: Record<string, unknown>;
  createTime: number;
  updateTime: number;
}

export interface NotificationRecord {
  id: string;
  /** '*' for notificationSendAll. */
  userId: string;
  subject: string;
  content: Record<string, unknown>;
  code: number;
  senderId: string;
  persistent: boolean;
  createTime: number;
}

export interface MetricRecord {
  kind: 'counter' | 'gauge' | 'timer';
  name: string;
  tags: Record<string, string>;
  value: number;
}

export interface EventRecord {
  name: string;
  properties: Record<string, string>;
  timestamp: number;
  external: boolean;
}

export interface UserRecord {
  userId: string;
  username: string;
  displayName: string;
  avatarUrl: string;
  langTag: string;
  location: string;
  timezone: string;
  metadata: Record<string, unknown>;
  wallet: Record<string, number>;
  email: string;
  customId: string;
  devices: string[];
  createTime: number;
  updateTime: number;
}

export interface CreateUserOptions {
  username?: string;
  deviceId?: string;
  customId?: string;
  email?: string;
  displayName?: string;
  metadata?: Record<string, unknown>;
  wallet?: Record<string, number>;
  /** Force the id (otherwise generated from the seed). */
  userId?: string;
}

/**
 * What a caller gets when Nakama answers with an error: `code` is the gRPC code for RPCs (custom {code, message}
 * thrown by the module, else 13), or the rtapi error code on socket paths (7 before-hook error, 1 hook returned
 * null, 3 invalid ticket).
 */
export declare class RuntimeCallError extends Error {
  code: number;
  /** True when the module threw an object with a string `message` and/or an integer `code`. */
  custom: boolean;
  /** Stack inside the VM, if any. */
  vmStack?: string;
}

/** Misuse of the harness, or a situation where Nakama would crash (e.g. a match handler that is not a global). */
export declare class HarnessError extends Error {}

/** An error from the host-side nk (h.nk.*): `type` is the class the module would see. */
export declare class NkError extends Error {
  type: 'TypeError' | 'GoError' | 'Error';
}

/**
 * A match, driven manually. Tick counter as Nakama passes it: the first matchLoop gets tick 0; join attempts before
 * it see tick 0. join() runs matchJoinAttempt now and matchJoin at the next tick boundary (tick() or flush());
 * leave()/disconnect()/matchKick likewise. Messages sent before tick() reach that tick's matchLoop.
 */
export declare class MatchHandle {
  readonly id: string;
  readonly module: string;
  readonly ended: boolean;
  /** Why it ended, e.g. "Match loop returned nil or no state, stopping match", "error from matchLoop". */
  readonly endReason: string | null;
  /** The handler error that ended the match: goja-style "<String(thrown)> at <frame>" or Nakama's validation text. */
  readonly error: { handler: string; message: string; stack?: string } | null;
  /** Last state, as the module would receive it (fresh copy after crossing Go). */
  readonly state: Record<string, unknown> | null;
  readonly label: string;
  readonly tickRate: number;
  /** Tick counter the next matchLoop will receive (Nakama's mh.tick). */
  readonly currentTick: number;
  readonly presences: Presence[];
  readonly size: number;
  /** Client messages the match never saw (sender not in the match, input queue full, match ended). */
  readonly dropped: unknown[];
  join(presence: PresenceLike, metadata?: Record<string, string>): { accept: boolean; rejectMessage: string; label?: string };
  leave(presence: PresenceLike): this;
  /** Like leave, with presence reason 4 (disconnect) instead of 3 (leave). */
  disconnect(presence: PresenceLike): this;
  send(presence: PresenceLike, opCode: number, data?: Uint8Array | ArrayBuffer | string | null, reliable?: boolean): this;
  /** Runs queued matchJoin/matchLeave calls without a loop tick. */
  flush(): this;
  /** Runs n matchLoop ticks (default 1); stops early if the match ends. */
  tick(n?: number): this;
  /** Ticks until the match ends; throws HarnessError after maxTicks (default 100000). Returns the loops run. */
  runUntilEnd(maxTicks?: number): number;
  /** matchSignal; returns its data. Throws Error('match busy') / ('match not found') like nk.matchSignal's cause. */
  signal(data?: string): string;
  /** matchTerminate(graceSeconds); 0 (default) ends the match after it. */
  terminate(graceSeconds?: number): this;
  /** Messages delivered to a user's sessions (or one session id), in order. */
  received(userOrSessionId: string): ReceivedMessage[];
  clearReceived(userOrSessionId?: string): this;
}

export declare class Harness {
  /** Reads the bundle (default "bundle/index.js"), runs InitModule, creates the pool. Rejects if InitModule fails. */
  static load(bundlePath?: string, options?: HarnessOptions): Promise<Harness>;
  static loadSync(bundlePath?: string, options?: HarnessOptions): Harness;
  /** From source text. */
  constructor(code: string, options?: HarnessOptions);

  readonly registrations: Registrations;
  /** Module and runtime log lines, in order. */
  readonly logs: LogEntry[];
  readonly notifications: NotificationRecord[];
  readonly metrics: MetricRecord[];
  readonly events: EventRecord[];
  readonly node: string;
  /**
   * Host-side nk: the same in-memory implementations, callable from tests with plain values (seeding, checks).
   * Errors are NkError. storageWriteRetry is VM-only; unimplemented functions throw "not implemented in harness".
   */
  readonly nk: Record<string, (...args: any[]) => any>;

  /** Calls an RPC (id is case-insensitive). Objects are JSON-encoded. Returns the string result; throws RuntimeCallError. */
  rpc(id: string, payload?: string | object, opts?: CallerOptions): string;
  /**
   * Runs the registerRtBefore hook for a realtime message. Returns the hook's envelope, null if it returned null,
   * undefined if no hook is registered. Throws RuntimeCallError (code 7) if the hook throws.
   */
  rtBefore(id: string, envelope: Record<string, unknown>, opts?: CallerOptions): Record<string, unknown> | null | undefined;
  /**
   * MatchmakerAdd before-hook on each ticket (envelope {cid: '', matchmakerAdd: {minCount, maxCount, query,
   * stringProperties, numericProperties, countMultiple}}), ticket checks, then the matchmaker-matched hook with
   * entries [{presence, properties, partyId?}]. Returns the match id the hook returned, or null.
   */
  matchmake(tickets: Ticket[]): string | null;

  /** Creates a user; returns its (seeded) id. */
  createUser(opts?: CreateUserOptions): string;
  user(userId: string): UserRecord | null;
  /** The user's default session presence (stable), or a new session. */
  presence(userId: string, opts?: { newSession?: boolean }): Presence;
  toPresence(p: PresenceLike): Presence;

  /** nk.matchCreate from the host: runs matchInit now; returns "<uuid>.<node>". Throws HarnessError with Nakama's text. */
  matchCreate(module: string, params?: Record<string, unknown>, opts?: { matchId?: string }): string;
  /** A running or ended match. */
  match(id: string): MatchHandle;
  matchIds(): string[];

  wallet(userId: string): Record<string, number> | null;
  /** Ledger items, newest first. */
  ledger(userId: string): LedgerItemView[];
  /** A storage object; userId defaults to the system user. */
  storage(collection: string, key: string, userId?: string): StorageObjectView | null;

  /**
   * The next call of nk.<name> (from any context) throws before doing anything: a GoError with `error`'s text
   * (default "injected failure: nk.<name>"). Calls queue up.
   */
  failNext(name: string, error?: string | Error | { type?: 'TypeError' | 'GoError' | 'Error'; message: string }): void;
  /**
   * The nk calls made since the last takeNkCalls (from any context; host-side h.nk too), by function
   * name, e.g. {storageRead: 2, localcacheGet: 5}; counting starts afresh. What an RPC costs.
   */
  takeNkCalls(): { [name: string]: number };
  /** Log every nk call with its result (as the harness's nk returned it) from now on, until takeNkLog. */
  logNkCalls(): void;
  /** The nk calls logged since logNkCalls, in order; logging stops. For bench/goja's RPC replay. */
  takeNkLog(): { name: string; result: unknown }[];
  /** Moves the fake clock (no-op with an injected `now`). */
  advanceTime(ms: number): void;
  now(): number;
  dispose(): void;
}
