import type { GameRules } from '../shared/game-rules';
import { OP } from './protocol';
import { QUESTIONS } from './question-bank';
import { canJoin, createQuizState, step, type QuizInput, type QuizSettings } from './rules';
import type { QuizState } from './state';

export const QUIZ_SETTINGS: QuizSettings = { rounds: 5, tickRate: 5, timeLimitSeconds: 10, gapSeconds: 1, joinTimeoutSeconds: 15 };

type AnswerInput = Extract<QuizInput, { kind: 'answer' }>;

/** QuizVerse as GameRules for the shared match adapter (matches/shared/match-adapter.ts). */
export const QUIZ_RULES: GameRules<QuizState, AnswerInput> = {
  module: 'quiz',
  tickRate: QUIZ_SETTINGS.tickRate,
  maxMessagesPerSecond: 5,
  rejectOpCode: OP.REJECTED,
  init: (params, matchId, rng) => createQuizState(
    { gameId: params.game.id, mode: params.mode, matchId, seed: params.seed, players: params.players }, QUIZ_SETTINGS, QUESTIONS, rng, 0),
  decode(userId, opCode, body) {
    if (opCode !== OP.ANSWER) return `unknown op code ${opCode}`;
    if (typeof body !== 'object' || body === null) return 'payload must be a map {round, choice}';
    const { round, choice } = body as { round?: unknown; choice?: unknown };
    if (typeof round !== 'number' || !Number.isInteger(round)) return 'round: must be an integer';
    if (typeof choice !== 'number' || !Number.isInteger(choice)) return 'choice: must be an integer';
    return { kind: 'answer', userId, round, choice };
  },
  canJoin,
  step: (state, inputs, tick, rng) => step(state, inputs as QuizInput[], tick, rng, QUESTIONS),
  isOver: (state) => state.phase === 'ended',
  label: (state) => JSON.stringify({ game_id: state.gameId, mode: state.mode, phase: state.phase }),
};
