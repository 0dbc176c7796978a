import type { DomainEvent } from '../../core/events';
import type { MatchParams } from './match-params';
import type { Rng } from './rng';

/**
 * The contract between a game's pure rules and the shared Nakama match adapter
 * (matches/shared/match-adapter.ts). A game supplies one GameRules object; the adapter does the
 * Nakama work: presences, msgpack decoding, rejections, message rate caps, broadcasting, plugin
 * delivery with retries, and the match record for replay.
 */

/** A player arriving (also a reconnect) or leaving, applied at the tick it happens. */
export type PresenceInput = { kind: 'join'; userId: string } | { kind: 'leave'; userId: string };

/** What a rules step consumes: presence changes and the game's decoded client inputs, in arrival order. */
export type MatchInput<I> = PresenceInput | I;

/** A message for players: `to` null = everyone in the match, else these user ids. */
export interface Outgoing {
  opCode: number;
  payload: unknown;
  to: string[] | null;
  /** Default true. Unreliable suits frequent snapshots that the next one supersedes. */
  reliable?: boolean;
}

export interface StepResult<S> {
  state: S;
  /** Domain events for plugins; ids from eventId(matchId, seq). */
  events: DomainEvent[];
  messages: Outgoing[];
}

export interface GameRules<S, I extends { kind: string; userId: string }> {
  /** Match module name, as registered and passed to nk.matchCreate. */
  module: string;
  /** Ticks per second (integer 1..60). */
  tickRate: number;
  /** Client messages a player may send per second; the excess is refused with a rejection. */
  maxMessagesPerSecond: number;
  /** Op code of the rejection message the adapter sends for refused client messages. */
  rejectOpCode: number;
  /** A new match's state. All randomness from `rng` (seeded from params.seed). */
  init(params: MatchParams, matchId: string, rng: Rng): S;
  /** A decoded client message as an input, or the reason it is refused (e.g. "round: must be an integer"). */
  decode(userId: string, opCode: number, payload: unknown): I | string;
  /**
   * Optional fast path for a game's most frequent messages, tried first: the input read straight
   * from the message bytes (bytes[0..length)), exactly what decode would return for them, or null
   * for anything it does not handle (then the adapter decodes the msgpack and calls decode).
   */
  decodeBytes?(userId: string, opCode: number, bytes: Uint8Array, length: number): I | null;
  /** Null when the user may join now, else the reason shown to them. */
  canJoin(state: S, userId: string): string | null;
  /** One tick. Pure: no clock, no Math.random, no nk. */
  step(state: S, inputs: MatchInput<I>[], tick: number, rng: Rng): StepResult<S>;
  /** True once the match is over. */
  isOver(state: S): boolean;
  /** Match label (JSON, <= 2048 bytes) for match listing. */
  label(state: S): string;
}
