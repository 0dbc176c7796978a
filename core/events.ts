/**
 * Domain events: what a match tells the plugins. Every event has a stable id (match id + sequence
 * number) so that delivering it twice can be recognised and never grants twice.
 */
export interface DomainEvent {
  /** `<match id>:<sequence>`: unique and stable across redelivery and replay. */
  id: string;
  /** e.g. answer_correct, match_won. Plugins subscribe by type. */
  type: string;
  gameId: string;
  matchId: string;
  /** The player the event is about; '' for match-level events such as match_ended. */
  userId: string;
  /** Match tick the event happened at. */
  tick: number;
  /** Type-specific fields (see the game's events.ts). */
  data: { [key: string]: unknown };
}

/** The stable id of the n-th event of a match. */
export function eventId(matchId: string, sequence: number): string {
  return `${matchId}:${sequence}`;
}
