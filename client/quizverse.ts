/** QuizVerse: game id, op codes, message types (matches/quiz/protocol.ts, docs/protocol-quiz.md). */
import type { Socket } from '@heroiclabs/nakama-js';
import type { Payloads } from '../matches/quiz/protocol';
import { matchChannel, type MatchChannel } from './match';

export * from '../matches/quiz/protocol';

/** A QuizVerse match on a socket, typed by op code. */
export const match = (socket: Socket, matchId: string): MatchChannel<Payloads> => matchChannel<Payloads>(socket, matchId);
