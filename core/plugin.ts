import type { DomainEvent } from './events';
import type { GameDefinition } from './game-registry';
import type { Schema } from './validate';

/** What an event handler or RPC handler may touch. */
export interface Services {
  nk: nkruntime.Nakama;
  logger: nkruntime.Logger;
  game: GameDefinition;
}

export type EventHandler = (event: DomainEvent, services: Services) => void;

/** Who may call an RPC. */
export type Access = 'player';

export interface RpcCall<P> extends Services {
  ctx: nkruntime.Context;
  /** The caller (present for 'player' access). */
  userId: string;
  payload: P;
}

/** An RPC of a plugin. Its id is the wire id (snake_case); every payload is checked against `payload`. */
export interface RpcDeclaration {
  id: string;
  access: Access;
  /** One or two sentences for docs/RPC_REFERENCE.md (generated from these declarations). */
  description: string;
  /** The response's shape, as the reference shows it. */
  response: string;
  /** Payload schema; an RPC scoped to a game has a required `game_id` uuid field. */
  payload: Schema;
  /** Returns a JSON-serialisable response. */
  handle(call: RpcCall<any>): unknown;
}

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
  /** Event type -> handler. */
  events?: { [eventType: string]: EventHandler };
  rpcs?: RpcDeclaration[];
  /** Problems with its definitions (data files), each naming file and field; empty when valid. */
  validate?(): string[];
}
