import type { DocumentKind, Store } from './documents';
import type { Economy } from './economy';
import type { ErrorCode } from './errors';
import type { DomainEvent } from './events';
import type { GameDefinition } from './game-registry';
import type { Migration } from './migrations';
import type { RateLimitPreset } from './rate-limit';
import type { Schema } from './validate';

/** What an event handler or RPC handler may touch. */
export interface Services {
  nk: nkruntime.Nakama;
  logger: nkruntime.Logger;
  game: GameDefinition;
  /** Grants become wallet updates through it (pass it to applyOnce). */
  economy: Economy;
}

export type EventHandler = (event: DomainEvent, services: Services) => void;

/** Handles several events of one game at once, in order (see Plugin.eventBatch). */
export type EventBatchHandler = (events: DomainEvent[], services: Services) => void;

/**
 * Who may call an RPC. 'player': any authenticated user. 'admin': users listed in the runtime env
 * ADMIN_USER_IDS (comma-separated) and server-to-server calls made with the http key; audit-logged.
 * 'any': any authenticated user or server-to-server call (health checks).
 */
export type Access = 'player' | 'admin' | 'any';

export interface RpcCall<P> extends Services {
  ctx: nkruntime.Context;
  /** The caller; '' for server-to-server calls. */
  userId: string;
  payload: P;
}

/** A call of an RPC that is not about one game (no game_id): no `game`. */
export type GlobalRpcCall<P> = Omit<RpcCall<P>, 'game'>;

interface RpcBase {
  /** The wire id (snake_case). */
  id: string;
  access: Access;
  /**
   * Whether the call changes state. It picks the default rate limit (core/rate-limit.ts): 'read' or
   * 'write' preset per user and RPC; `rateLimit` may name another preset.
   */
  effect: 'read' | 'write';
  rateLimit?: RateLimitPreset;
  /** One or two sentences for docs/RPC_REFERENCE.md (generated from these declarations). */
  description: string;
  /** The response's shape, as the reference shows it. */
  response: string;
  /** Larger payloads are refused before parsing (default 16 KB). */
  maxPayloadBytes?: number;
  /** Payload schema; every payload is checked against it before the handler runs. */
  payload: Schema;
  /** Errors the handler itself may answer, with when (the reference lists them after the common ones). */
  errors?: Partial<Record<ErrorCode, string>>;
}

/** An RPC about one game: its payload has a required `game_id` and the handler gets the game. */
export interface RpcDeclaration extends RpcBase {
  scope?: 'game';
  /** Returns a JSON-serialisable response. */
  handle(call: RpcCall<any>): unknown;
}

/** An RPC across games (e.g. admin tools keyed by match id). */
export interface GlobalRpcDeclaration extends RpcBase {
  scope: 'global';
  handle(call: GlobalRpcCall<any>): unknown;
}

export type AnyRpcDeclaration = RpcDeclaration | GlobalRpcDeclaration;

/**
 * A plugin: a plain typed object. Importing it has no side effects; the host checks ids, games and
 * dependencies at start and delivers events to it, wrapped so a failure stays inside the plugin.
 */
export interface Plugin {
  id: string;
  /** Ids of the games it serves. */
  games: string[];
  /** Plugins that must be present too. */
  dependsOn?: string[];
  /** Event type -> handler; '*' handles every event of the plugin's games (e.g. runtime-defined counters). */
  events?: { [eventType: string]: EventHandler };
  /**
   * Instead of `events`, for plugins that update a document per player on most events: every event
   * of the plugin's games in one delivery (a match tick's, or a whole match end's), in order, to
   * apply them in one transaction (core/apply-once.ts applyOnceAll) instead of one per event. When a
   * batch throws, the host hands it the events one at a time, so one bad event holds back no other.
   */
  eventBatch?: EventBatchHandler;
  rpcs?: AnyRpcDeclaration[];
  /**
   * The storage it owns (core/documents.ts): every collection it reads or writes. Nakama's client
   * API may write only kinds declared player-writable (core/api-guards.ts); batch_read_storage serves
   * a player their own documents of these kinds, repaired to their shapes.
   */
  documents?: DocumentKind<any>[];
  /** Its SQL tables (core/migrations.ts): applied at start, in version order across plugins. */
  migrations?: Migration[];
  /** Problems with its definitions (data files), each naming file and field; empty when valid. */
  validate?(): string[];
  /**
   * Run by InitModule once, after the migrations (e.g. create the Nakama leaderboards it writes).
   * It runs in a VM that no RPC or match ever uses: it may create things in Nakama, never keep state.
   */
  init?(store: Store): void;
}
