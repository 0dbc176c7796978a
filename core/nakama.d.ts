/**
 * Declarations for the part of Nakama 3.40's JavaScript runtime API that this module uses.
 * The official typings package is not on the registry reachable here, so these are written from
 * ../shared/NAKAMA_RUNTIME.md and the server source, and pinned by tests against the real server.
 * Add a member here only when the module starts to use it.
 */
declare namespace nkruntime {
  /** Call context. Fields Nakama leaves empty are absent, not empty strings. */
  interface Context {
    env: { [key: string]: string };
    executionMode: string;
    node: string;
    userId?: string;
    username?: string;
    vars?: { [key: string]: string };
    sessionId?: string;
    /** The session token's expiry (seconds), on calls with a session. */
    userSessionExp?: number;
    matchId?: string;
    matchTickRate?: number;
    queryParams?: { [key: string]: string[] };
  }

  interface Logger {
    debug(format: string, ...params: unknown[]): void;
    info(format: string, ...params: unknown[]): void;
    warn(format: string, ...params: unknown[]): void;
    error(format: string, ...params: unknown[]): void;
  }

  interface StorageReadRequest { collection: string; key: string; userId: string }
  interface StorageObject {
    collection: string; key: string; userId: string;
    value: { [key: string]: unknown }; version: string;
    permissionRead: number; permissionWrite: number;
    createTime: number; updateTime: number;
  }
  interface StorageWriteRequest {
    collection: string; key: string; userId: string;
    value: { [key: string]: unknown };
    /** '*' writes only if absent; a version writes only if it still matches. */
    version?: string;
    permissionRead?: 0 | 1 | 2; permissionWrite?: 0 | 1;
  }
  interface StorageObjectList { objects?: StorageObject[]; cursor?: string }
  interface StorageWriteAck { collection: string; key: string; userId: string; version: string }

  type Wallet = { [currency: string]: number };
  interface WalletUpdate { userId: string; changeset: Wallet; metadata?: { [key: string]: unknown } }
  interface WalletUpdateResult { updated: Wallet; previous: Wallet; userId?: string }
  interface WalletLedgerItem {
    id: string; userId: string; createTime: number; updateTime: number;
    changeset: Wallet; metadata: { [key: string]: unknown };
  }
  interface WalletLedgerList { items: WalletLedgerItem[]; cursor?: string }

  /** createTime: seconds since the epoch (Nakama's JS runtime sets it so). */
  interface Account { user: { userId: string; username: string; langTag: string; createTime: number }; wallet: Wallet }

  /** A presence stream: mode (0-7 are Nakama's own; 7 = a party), subject (a UUID), label. */
  interface Stream { mode: number; subject?: string; subcontext?: string; label?: string }
  /** A presence as streamUserList returns it (note: `nodeId`, not `node`). */
  interface StreamPresence { userId: string; sessionId: string; nodeId: string; username: string; hidden: boolean; persistence: boolean; status: string }
  interface Presence { userId: string; sessionId: string; username: string; node: string }
  /** `data` is missing (null or undefined) when the client sent no payload. */
  interface MatchMessage { sender: Presence; opCode: number; data: ArrayBuffer | null; reliable: boolean; receiveTimeMs: number }
  interface MatchDispatcher {
    /** data must be an ArrayBuffer or a string; presences null = everyone, [] = nobody. */
    broadcastMessage(opCode: number, data: ArrayBuffer | string | null, presences?: Presence[] | null, sender?: Presence | null, reliable?: boolean): void;
    broadcastMessageDeferred(opCode: number, data: ArrayBuffer | string | null, presences?: Presence[] | null, sender?: Presence | null, reliable?: boolean): void;
    matchKick(presences: Presence[]): void;
    matchLabelUpdate(label: string): void;
  }

  interface MatchmakerEntry {
    presence: Presence;
    properties: { [key: string]: string | number };
    partyId?: string;
  }

  /** A matchmaker ticket as realtime before-hooks receive it (camelCase protojson). */
  interface MatchmakerTicket {
    minCount: number; maxCount: number; query: string; countMultiple?: number | null;
    stringProperties: { [key: string]: string };
    numericProperties: { [key: string]: number };
  }
  /** The envelope a MatchmakerAdd before-hook receives. */
  interface MatchmakerAddEnvelope { cid?: string; matchmakerAdd: MatchmakerTicket }
  /** The envelope a PartyMatchmakerAdd before-hook receives (a party leader's ticket). */
  interface PartyMatchmakerAddEnvelope { cid?: string; partyMatchmakerAdd: MatchmakerTicket & { partyId: string } }
  /** The envelopes the chat before-hooks receive: content is the text of a JSON object. */
  interface ChannelMessageSendEnvelope { cid?: string; channelMessageSend: { channelId: string; content: string } }
  interface ChannelMessageUpdateEnvelope { cid?: string; channelMessageUpdate: { channelId: string; messageId: string; content: string } }

  interface Nakama {
    uuidv4(): string;
    sha256Hash(input: string): string;
    base64Encode(input: string | ArrayBuffer, padding?: boolean): string;
    base64Decode(input: string, padding?: boolean): ArrayBuffer;
    storageRead(reads: StorageReadRequest[]): StorageObject[];
    storageWrite(writes: StorageWriteRequest[]): StorageWriteAck[];
    /** A user's objects of a collection by key (userId null: every user's), a page at a time. */
    storageList(userId: string | null, collection: string, limit?: number, cursor?: string): StorageObjectList;
    /** Runs on Nakama's database pool; no arguments: PostgreSQL's simple protocol (several statements, one implicit transaction). */
    sqlExec(query: string, args?: unknown[]): { rowsAffected: number };
    /** Rows as objects by column; values as Go hands them over (cast timestamps and JSON to bigint or text in SQL). */
    sqlQuery(query: string, args?: unknown[]): { [column: string]: unknown }[];
    walletUpdate(userId: string, changeset: Wallet, metadata?: { [key: string]: unknown }, updateLedger?: boolean): WalletUpdateResult;
    walletLedgerList(userId: string, limit?: number, cursor?: string): WalletLedgerList;
    multiUpdate(
      accountUpdates: unknown[] | null,
      storageWrites: StorageWriteRequest[] | null,
      storageDeletes: unknown[] | null,
      walletUpdates: WalletUpdate[] | null,
      updateLedger?: boolean,
    ): { storageWriteAcks: StorageWriteAck[]; walletUpdateAcks: WalletUpdateResult[] };
    accountGetId(userId: string): Account;
    usersGetId(userIds: string[]): { userId: string; username: string }[];
    usersGetUsername(usernames: string[]): { userId: string; username: string }[];
    matchCreate(module: string, params?: { [key: string]: unknown }): string;
    /** The running match with this id, or null (a match that ended, or ran on a server that stopped). Throws on an id that is no match id. */
    matchGet(id: string): { matchId: string; authoritative: boolean; label: string; size: number; tickRate: number; handlerName: string } | null;
    /** Running matches of this node (from memory): limit, authoritative, exact label, min and max size, search query. */
    matchList(limit: number, authoritative?: boolean | null, label?: string | null, minSize?: number | null, maxSize?: number | null, query?: string | null): { matchId: string; authoritative: boolean; label: string; size: number }[];
    /** Node-local cache shared by the node's VMs (values: strings, numbers, booleans); ttl in seconds, 0 = none. */
    localcacheGet(key: string, defaultValue?: unknown): unknown;
    localcachePut(key: string, value: string | number | boolean, ttl?: number): void;
    localcacheDelete(key: string): void;
    /** Prometheus metrics (exported on Nakama's metrics.prometheus_port, prefixed custom_). Timer values in nanoseconds. */
    metricsCounterAdd(name: string, tags: { [key: string]: string }, delta: number): void;
    metricsGaugeSet(name: string, tags: { [key: string]: string }, value: number): void;
    metricsTimerRecord(name: string, tags: { [key: string]: string }, nanoseconds: number): void;
    storageDelete(deletes: { collection: string; key: string; userId: string; version?: string }[]): void;
    streamUserJoin(userId: string, sessionId: string, stream: Stream, hidden?: boolean, persistence?: boolean, status?: string): boolean;
    streamUserLeave(userId: string, sessionId: string, stream: Stream): void;
    streamUserList(stream: Stream, includeHidden?: boolean, includeNotHidden?: boolean): StreamPresence[];
    streamCount(stream: Stream): number;
    notificationSend(userId: string, subject: string, content: { [key: string]: unknown }, code: number, senderId?: string | null, persistent?: boolean): void; // senderId '' throws: pass null for the system
    /** Many notifications in one database write (no senderId: from the system). */
    notificationsSend(notifications: { userId: string; subject: string; content: { [key: string]: unknown }; code: number; persistent?: boolean }[]): void;
  }

  type RpcFunction = (ctx: Context, logger: Logger, nk: Nakama, payload: string) => string | void;
  type MatchmakerMatchedFunction = (ctx: Context, logger: Logger, nk: Nakama, matches: MatchmakerEntry[]) => string | void;
  type RtBeforeHookFunction<T> = (ctx: Context, logger: Logger, nk: Nakama, envelope: T) => T | null;

  interface MatchInitResult<S> { state: S; tickRate: number; label: string }
  interface MatchJoinAttemptResult<S> { state: S; accept: boolean; rejectMessage?: string }
  interface MatchHandler<S> {
    matchInit(ctx: Context, logger: Logger, nk: Nakama, params: { [key: string]: unknown }): MatchInitResult<S>;
    matchJoinAttempt(ctx: Context, logger: Logger, nk: Nakama, dispatcher: MatchDispatcher, tick: number, state: S, presence: Presence, metadata: { [key: string]: unknown }): MatchJoinAttemptResult<S> | null;
    matchJoin(ctx: Context, logger: Logger, nk: Nakama, dispatcher: MatchDispatcher, tick: number, state: S, presences: Presence[]): { state: S } | null;
    matchLeave(ctx: Context, logger: Logger, nk: Nakama, dispatcher: MatchDispatcher, tick: number, state: S, presences: Presence[]): { state: S } | null;
    matchLoop(ctx: Context, logger: Logger, nk: Nakama, dispatcher: MatchDispatcher, tick: number, state: S, messages: MatchMessage[]): { state: S } | null;
    matchTerminate(ctx: Context, logger: Logger, nk: Nakama, dispatcher: MatchDispatcher, tick: number, state: S, graceSeconds: number): { state: S } | null;
    matchSignal(ctx: Context, logger: Logger, nk: Nakama, dispatcher: MatchDispatcher, tick: number, state: S, data: string): { state: S; data?: string } | null;
  }
}

/** Leaderboards and broadcast notifications (used by plugins/live-events). */
declare namespace nkruntime {
  /** A leaderboard record as the runtime returns it (times in seconds; rank 0 when ranks are off or unknown). */
  interface LeaderboardRecord {
    leaderboardId: string; ownerId: string; username: string | null;
    score: number; subscore: number; numScore: number; maxNumScore: number;
    metadata: { [key: string]: unknown };
    createTime: number; updateTime: number; expiryTime: number | null; rank: number;
  }
  interface LeaderboardRecordList {
    records: LeaderboardRecord[]; ownerRecords: LeaderboardRecord[];
    nextCursor: string | null; prevCursor: string | null; rankCount: number;
  }
  type LeaderboardOperator = 'best' | 'set' | 'incr' | 'increment' | 'decr' | 'decrement';

  interface Nakama {
    /** Idempotent by id (a repeated create with other settings is ignored). enableRanks defaults to false: no ranks for owner records. */
    leaderboardCreate(
      id: string, authoritative?: boolean, sortOrder?: 'asc' | 'ascending' | 'desc' | 'descending', operator?: LeaderboardOperator,
      resetSchedule?: string | null, metadata?: { [key: string]: unknown } | null, enableRanks?: boolean,
    ): void;
    /** Scores are int64 >= 0; username '' or null keeps the stored one. */
    leaderboardRecordWrite(
      id: string, ownerId: string, username?: string | null, score?: number, subscore?: number,
      metadata?: { [key: string]: unknown } | null, overrideOperator?: LeaderboardOperator | null,
    ): LeaderboardRecord;
    /** limit null/0: no `records` page, only the owners' records. */
    leaderboardRecordsList(id: string, ownerIds?: string[] | null, limit?: number | null, cursor?: string | null, overrideExpiry?: number | null): LeaderboardRecordList;
    /**
     * The records around the owner's (limit 1-100 of them, the owner's among them); no records at all
     * when the owner has none in the current period. With a cursor: a plain listing page.
     */
    leaderboardRecordsHaystack(id: string, ownerId: string, limit?: number | null, cursor?: string | null, overrideExpiry?: number | null): LeaderboardRecordList;
    /** A user's friends (limit 1-1000, default 100; state 0 mutual friends, 1 invite sent, 2 invite received, 3 blocked; null: all). */
    friendsList(userId: string, limit?: number, state?: number | null, cursor?: string | null): { friends: { user: { userId: string; username: string }; state: number; updateTime: number }[]; cursor?: string };
    /** To every user (persistent: stored for every account, delivered to those online). */
    notificationSendAll(subject: string, content: { [key: string]: unknown }, code: number, persistent?: boolean): void;
  }
}

/** Tournaments (used by plugins/tournaments). Times in seconds. */
declare namespace nkruntime {
  interface Tournament {
    id: string; title: string; description: string; category: number; sortOrder: number;
    size: number; maxSize: number; maxNumScore: number; duration: number;
    /** The current (or next) period: start and end of its active window; nextReset 0 without a schedule. */
    startActive: number; endActive: number; canEnter: boolean; prevReset: number; nextReset: number;
    metadata: { [key: string]: unknown }; createTime: number; startTime: number; endTime: number; joinRequired: boolean;
  }
  /** Called once per node when a tournament period's active window ends (`end`: its end time). */
  type TournamentEndFunction = (ctx: Context, logger: Logger, nk: Nakama, tournament: Tournament, end: number, reset: number) => void;

  interface Nakama {
    /** Idempotent by id, like leaderboardCreate. */
    tournamentCreate(
      id: string, authoritative: boolean, sortOrder: 'asc' | 'ascending' | 'desc' | 'descending', operator: LeaderboardOperator,
      duration: number, resetSchedule: string | null, metadata: { [key: string]: unknown } | null, title: string | null, description: string | null,
      category: number | null, startTime: number | null, endTime: number | null, maxSize: number | null, maxNumScore: number | null,
      joinRequired: boolean | null, enableRanks?: boolean | null,
    ): void;
    tournamentsGetId(ids: string[]): Tournament[];
    /** overrideExpiry: list the records of the period whose records expire then (a past period). */
    tournamentRecordsList(id: string, ownerIds?: string[] | null, limit?: number | null, cursor?: string | null, overrideExpiry?: number | null): LeaderboardRecordList;
    /** Only inside the current period's active window. */
    tournamentRecordWrite(
      id: string, ownerId: string, username?: string | null, score?: number, subscore?: number,
      metadata?: { [key: string]: unknown } | null, overrideOperator?: LeaderboardOperator | null,
    ): LeaderboardRecord;
    /** A record of score 0 for the owner in the current (or next) period; a repeated join changes nothing. */
    tournamentJoin(id: string, ownerId: string, username: string): void;
    tournamentRecordDelete(id: string, ownerId: string): void;
    /** The records around the owner's (limit of them, the owner's in the middle). */
    tournamentRecordsHaystack(id: string, ownerId: string, limit?: number | null, cursor?: string | null, expiry?: number | null): LeaderboardRecordList;
  }
}
