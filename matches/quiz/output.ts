import { eventId, type DomainEvent } from '../../core/events';
import type { StepResult } from '../shared/game-rules';
import { OP } from './protocol';
import type { QuizPlayer, QuizState } from './state';

/** What one rules step produces: the next state, domain events and messages. */
export type QuizStepResult = StepResult<QuizState>;

/** Add a domain event with the next sequence number of the match (id `<matchId>:<seq>`). */
export function emit(out: QuizStepResult, type: string, userId: string, tick: number, data: DomainEvent['data']): void {
  const { state } = out;
  state.eventSeq += 1;
  out.events.push({ id: eventId(state.matchId, state.eventSeq), type, gameId: state.gameId, matchId: state.matchId, userId, tick, data });
}

/** Queue a message: `to` null = everyone in the match. */
export function send(out: QuizStepResult, opCode: number, payload: unknown, to: string[] | null): void {
  out.messages.push({ opCode, payload, to });
}

/** Refuse a client message of `userId`; the match goes on. */
export function reject(out: QuizStepResult, userId: string, reason: string, opCode: number = OP.ANSWER): void {
  send(out, OP.REJECTED, { opCode, reason }, [userId]);
}

/** The player with this user id, or undefined. */
export function findPlayer(state: QuizState, userId: string): QuizPlayer | undefined {
  return state.players.filter((p) => p.userId === userId)[0];
}
