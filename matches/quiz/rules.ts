import type { GameRules, PresenceInput } from '../shared/game-rules';
import type { MatchPlayer } from '../shared/match-params';
import type { Rng } from '../shared/rng';
import { QUIZ_MODE_SETTINGS, QUIZ_TICK_RATE, type QuizModeSettings } from './game-quizverse';
import { emit, findPlayer, reject, type QuizStepResult } from './output';
import { expireGraces, forfeit, join, leave, canJoin } from './presence';
import { OP } from './protocol';
import { QUESTIONS, type Question } from './question-bank';
import { planQuestions } from './question-plan';
import { answer, closeRound, openRound } from './rounds';
import { finish } from './standings';
import type { QuizState } from './state';

/**
 * QuizVerse rules: pure functions of (state, inputs, tick, rng). No clock, no Math.random, no nk:
 * the shared match adapter runs QUIZ_RULES on Nakama, and a replay folds `step` over recorded
 * inputs. Split by concern: presence.ts (join, leave, grace, forfeit), rounds.ts (questions and
 * answers), scoring.ts (points), standings.ts (ranking and the end), question-plan.ts (the draw).
 */

export { canJoin } from './presence';
export { rank, winnerOf } from './standings';
export { currentQuestion } from './rounds';
export { BASE_POINTS, SPEED_BONUS, STREAK_STEP, STREAK_MAX, correctAnswerPoints } from './scoring';
export type { QuizStepResult } from './output';

/** A decoded client message: an answer to the open question. */
export type AnswerInput = { kind: 'answer'; userId: string; round: number; choice: number };

/** What a step consumes, in arrival order: presence changes (join = also a rejoin) and answers. */
export type QuizInput = PresenceInput | AnswerInput;

/** A mode's settings with the tick rate: everything needed to turn seconds into ticks. */
export interface QuizSettings extends Omit<QuizModeSettings, 'graceSeconds'> {
  tickRate: number;
  /** Default 30. */
  graceSeconds?: number;
}

/** Who and what a match is for. */
export interface QuizInit {
  gameId: string;
  mode: string;
  matchId: string;
  seed: string;
  players: MatchPlayer[];
}

/** A new match in 'waiting': the questions and their choice order are drawn from `rng` now. */
export function createQuizState(init: QuizInit, settings: QuizSettings, bank: readonly Question[], rng: Rng, tick: number): QuizState {
  const plan = planQuestions(bank, settings.rounds, rng);
  const ticks = (seconds: number) => seconds * settings.tickRate;
  return {
    gameId: init.gameId, mode: init.mode, matchId: init.matchId, seed: init.seed, rng: rng.state(),
    tickRate: settings.tickRate, rounds: plan.length,
    timeLimitTicks: ticks(settings.timeLimitSeconds), gapTicks: ticks(settings.gapSeconds), graceTicks: ticks(settings.graceSeconds ?? 30),
    plan,
    players: init.players.map((p) => ({
      userId: p.userId, username: p.username, connected: false, joined: false, graceUntilTick: -1, forfeited: false, forfeitTick: -1,
      score: 0, correctAnswers: 0, streak: 0, bestStreak: 0, responseTicks: 0, answeredRound: 0,
    })),
    phase: 'waiting', round: null, nextPhaseTick: tick + ticks(settings.joinTimeoutSeconds), startTick: -1, eventSeq: 0,
  };
}

/**
 * One tick: first grace periods that ran out become forfeits, then the inputs in arrival order,
 * then what time and presence decide (start, close a round, next round, end). The given state is
 * not modified. The questions come from state.plan, drawn when the match was created.
 */
export function step(previous: QuizState, inputs: QuizInput[], tick: number, rng: Rng): QuizStepResult {
  const state = copyState(previous);
  const out: QuizStepResult = { state, events: [], messages: [] };
  if (state.phase !== 'ended') expireGraces(out, tick);
  for (const input of inputs) {
    const player = findPlayer(state, input.userId);
    if (!player) {
      if (input.kind === 'answer') reject(out, input.userId, 'you are not a player of this match');
    } else if (input.kind === 'join') {
      join(out, player, tick);
    } else if (input.kind === 'leave') {
      leave(out, player, tick);
    } else {
      answer(out, player, input.round, input.choice, tick);
    }
  }
  advance(out, tick);
  state.rng = rng.state();
  return out;
}

/**
 * A copy of the state a step may change: all of it but the question plan, which no step changes
 * (questions with their texts and choices are most of the state; copying them at every tick of
 * every match, as a JSON round trip did, cost a fifth of Nakama's CPU at 200 concurrent duels).
 */
function copyState(previous: QuizState): QuizState {
  return { ...previous, players: previous.players.map((p) => ({ ...p })), round: previous.round && { ...previous.round } };
}

/** Phase changes driven by time and by who is present. */
function advance(out: QuizStepResult, tick: number): void {
  const { state } = out;
  if (state.phase === 'ended') return;
  if (state.phase === 'waiting') {
    const here = state.players.filter((p) => p.connected).length;
    if (here === state.players.length || (here > 0 && tick >= state.nextPhaseTick)) return start(out, tick);
    // Why: nobody came (or everyone who came left again) by the join deadline.
    if (tick >= state.nextPhaseTick) return finish(out, tick);
    return;
  }
  // A match with nobody left (everyone forfeited) ends. Players merely disconnected still have their grace.
  if (state.players.every((p) => p.forfeited)) return finish(out, tick);
  const round = state.round!;
  if (state.phase === 'question') {
    // Why connected only: a player away (in grace) is not waited for; a round with nobody present runs its clock.
    const present = state.players.filter((p) => p.connected && !p.forfeited);
    const allAnswered = present.length > 0 && present.every((p) => p.answeredRound === round.number);
    if (allAnswered || tick >= round.deadlineTick) closeRound(out, tick);
    return;
  }
  if (state.phase === 'between' && tick >= state.nextPhaseTick) {
    if (round.number >= state.rounds) finish(out, tick);
    else openRound(out, round.number + 1, tick);
  }
}

/** Round 1 opens. Players who never joined forfeit now (placed last; they may not join later). */
function start(out: QuizStepResult, tick: number): void {
  out.state.startTick = tick;
  for (const p of out.state.players) if (!p.joined) forfeit(out, p, tick);
  emit(out, 'match_started', '', tick, { mode: out.state.mode, players: out.state.players.filter((p) => p.joined).map((p) => p.userId) });
  if (out.state.rounds === 0) return finish(out, tick);
  openRound(out, 1, tick);
}

/** A client message (already msgpack-decoded by the adapter) as an input, or the reason it is refused. */
export function decodeQuizInput(userId: string, opCode: number, payload: unknown): QuizInput | string {
  if (opCode !== OP.ANSWER) return `unknown op code ${opCode}`;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return 'payload must be a map {round, choice}';
  const { round, choice } = payload as { round?: unknown; choice?: unknown };
  if (typeof round !== 'number' || !Number.isInteger(round)) return 'round: must be an integer';
  if (typeof choice !== 'number' || !Number.isInteger(choice)) return 'choice: must be an integer';
  return { kind: 'answer', userId, round, choice };
}

/** The rules of QuizVerse for the shared match adapter (matches/shared/game-rules.ts). */
export const QUIZ_RULES: GameRules<QuizState, QuizInput> = {
  module: 'quiz',
  tickRate: QUIZ_TICK_RATE,
  maxMessagesPerSecond: 5,
  rejectOpCode: OP.REJECTED,
  init(params, matchId, rng) {
    const settings = QUIZ_MODE_SETTINGS[params.mode];
    if (!settings) throw new Error(`quiz: mode "${params.mode}" has no settings in QUIZ_MODE_SETTINGS`);
    const init = { gameId: params.game.id, mode: params.mode, matchId, seed: params.seed, players: params.players };
    return createQuizState(init, { ...settings, tickRate: QUIZ_TICK_RATE }, QUESTIONS, rng, 0);
  },
  decode: decodeQuizInput,
  canJoin,
  step,
  isOver: (state) => state.phase === 'ended',
  label: (state) => JSON.stringify({ game_id: state.gameId, mode: state.mode, phase: state.phase }),
};
