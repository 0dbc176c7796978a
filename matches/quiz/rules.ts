import { eventId, type DomainEvent } from '../../core/events';
import type { Rng } from '../shared/rng';
import { OP, type MatchResultMessage, type QuestionMessage, type Standing } from './protocol';
import type { Question } from './question-bank';
import type { QuizPlayer, QuizState } from './state';

/**
 * QuizVerse rules: pure functions of (state, inputs, tick, rng). No clock, no Math.random, no nk:
 * the handler adapts them to Nakama, and a replay folds `step` over recorded inputs.
 */

/** What happened since the last tick, in arrival order. */
export type QuizInput =
  | { kind: 'join'; userId: string }
  | { kind: 'leave'; userId: string }
  | { kind: 'answer'; userId: string; round: number; choice: number };

/** A message to send: `to` null = every player in the match. */
export interface Outgoing { opCode: number; payload: unknown; to: string[] | null }

export interface StepResult { state: QuizState; events: DomainEvent[]; messages: Outgoing[] }

export interface QuizSettings {
  rounds: number;
  tickRate: number;
  timeLimitSeconds: number;
  gapSeconds: number;
  joinTimeoutSeconds: number;
}

/** Points for a correct answer, plus up to SPEED_BONUS for answering fast. */
export const BASE_POINTS = 100;
export const SPEED_BONUS = 50;

/** A new match: the question order is drawn from the seeded generator. */
export function createQuizState(
  init: { gameId: string; mode: string; matchId: string; seed: string; players: { userId: string; username: string }[] },
  settings: QuizSettings,
  bank: Question[],
  rng: Rng,
  tick: number,
): QuizState {
  const questionIds = rng.shuffle(bank.map((q) => q.id)).slice(0, settings.rounds);
  return {
    gameId: init.gameId,
    mode: init.mode,
    matchId: init.matchId,
    seed: init.seed,
    rng: rng.state(),
    tickRate: settings.tickRate,
    rounds: questionIds.length,
    timeLimitTicks: settings.timeLimitSeconds * settings.tickRate,
    gapTicks: settings.gapSeconds * settings.tickRate,
    questionIds,
    players: init.players.map((p) => ({
      userId: p.userId, username: p.username, connected: false, joined: false,
      score: 0, correctAnswers: 0, streak: 0, responseTicks: 0, answeredRound: 0,
    })),
    phase: 'waiting',
    round: null,
    nextPhaseTick: tick + settings.joinTimeoutSeconds * settings.tickRate,
    eventSeq: 0,
  };
}

/** Whether a user may join: listed players only, and never after the match has ended. */
export function canJoin(state: QuizState, userId: string): string | null {
  if (state.phase === 'ended') return 'the match has ended';
  if (!findPlayer(state, userId)) return 'you are not a player of this match';
  return null;
}

/** Advance the match by one tick. Returns rejections for inputs that break the rules. */
export function step(state: QuizState, inputs: QuizInput[], tick: number, rng: Rng, bank: Question[]): StepResult {
  const out: StepResult = { state, events: [], messages: [] };
  for (const input of inputs) applyInput(out, input, tick);
  advance(out, tick, rng, bank);
  return out;
}

function applyInput(out: StepResult, input: QuizInput, tick: number): void {
  const player = findPlayer(out.state, input.userId);
  if (!player) return reject(out, input.userId, 'you are not a player of this match');
  if (input.kind === 'join') {
    player.connected = player.joined = true;
  } else if (input.kind === 'leave') {
    player.connected = false;
  } else {
    answer(out, player, input.round, input.choice, tick);
  }
}

function answer(out: StepResult, player: QuizPlayer, roundNumber: number, choice: number, tick: number): void {
  const { state } = out;
  const round = state.round;
  if (state.phase !== 'question' || !round) return reject(out, player.userId, 'round: no question is open');
  if (roundNumber !== round.number) return reject(out, player.userId, `round: answer for round ${roundNumber} but round ${round.number} is open`);
  if (player.answeredRound === round.number) return reject(out, player.userId, `round: round ${round.number} is already answered`);
  if (choice < 0 || choice >= round.choices.length) return reject(out, player.userId, `choice: must be 0..${round.choices.length - 1}`);

  player.answeredRound = round.number;
  const correct = choice === round.correctChoice;
  const responseTicks = tick - round.startTick;
  let points = 0;
  if (correct) {
    points = BASE_POINTS + Math.floor((SPEED_BONUS * (round.deadlineTick - tick)) / state.timeLimitTicks);
    player.score += points;
    player.correctAnswers += 1;
    player.streak += 1;
    player.responseTicks += responseTicks;
    emit(out, 'answer_correct', player.userId, tick, { questionId: round.questionId, category: round.category, streak: player.streak, response_ticks: responseTicks, round: round.number });
  } else {
    player.streak = 0;
    emit(out, 'answer_wrong', player.userId, tick, { questionId: round.questionId, category: round.category, round: round.number });
  }
  send(out, OP.ANSWER_RESULT, { round: round.number, correct, points, score: player.score }, [player.userId]);
}

/** Phase changes driven by time and by who is present. */
function advance(out: StepResult, tick: number, rng: Rng, bank: Question[]): void {
  const { state } = out;
  const connected = state.players.filter((p) => p.connected);
  if (state.phase === 'waiting') {
    if (connected.length === state.players.length) return openRound(out, 1, tick, rng, bank);
    if (tick >= state.nextPhaseTick) return connected.length > 0 ? openRound(out, 1, tick, rng, bank) : finish(out, tick);
    return;
  }
  if (state.phase === 'ended') return;
  // Why: a match with nobody left ends at once instead of running its clock out.
  if (connected.length === 0) return finish(out, tick);
  const round = state.round!;
  if (state.phase === 'question') {
    const allAnswered = connected.every((p) => p.answeredRound === round.number);
    if (allAnswered || tick >= round.deadlineTick) closeRound(out, tick);
    return;
  }
  if (state.phase === 'between' && tick >= state.nextPhaseTick) {
    if (round.number >= state.rounds) finish(out, tick);
    else openRound(out, round.number + 1, tick, rng, bank);
  }
}

function openRound(out: StepResult, number: number, tick: number, rng: Rng, bank: Question[]): void {
  const { state } = out;
  const question = bank.filter((q) => q.id === state.questionIds[number - 1])[0];
  const order = rng.shuffle([0, 1, 2, 3]);
  const choices = order.map((i) => question.choices[i]);
  state.phase = 'question';
  state.round = {
    number, questionId: question.id, category: question.category, text: question.text, choices,
    correctChoice: order.indexOf(0), startTick: tick, deadlineTick: tick + state.timeLimitTicks,
  };
  const message: QuestionMessage = {
    round: number, rounds: state.rounds, questionId: question.id, category: question.category,
    text: question.text, choices, timeLimitTicks: state.timeLimitTicks, tickRate: state.tickRate,
  };
  send(out, OP.QUESTION, message, null);
}

function closeRound(out: StepResult, tick: number): void {
  const { state } = out;
  const round = state.round!;
  for (const p of state.players) if (p.answeredRound !== round.number) p.streak = 0;
  state.phase = 'between';
  state.nextPhaseTick = tick + state.gapTicks;
  send(out, OP.ROUND_RESULT, {
    round: round.number, correctChoice: round.correctChoice,
    scores: state.players.map((p) => ({ userId: p.userId, score: p.score })),
  }, null);
}

function finish(out: StepResult, tick: number): void {
  const { state } = out;
  state.phase = 'ended';
  const standings = rank(state.players);
  const winner = standings.length > 0 && standings[0].score > 0 ? standings[0].userId : null;
  if (winner) emit(out, 'match_won', winner, tick, { score: standings[0].score });
  const played = standings.filter((s) => findPlayer(state, s.userId)!.joined);
  for (const s of played) emit(out, 'match_completed', s.userId, tick, { placement: s.placement, score: s.score });
  // Match-level event (no single player: userId ''): every player's result, for ratings.
  if (played.length > 0) {
    emit(out, 'match_ended', '', tick, { mode: state.mode, standings: standings.map((s) => ({ userId: s.userId, placement: s.placement, score: s.score })) });
  }
  const result: MatchResultMessage = { winner, standings };
  send(out, OP.MATCH_RESULT, result, null);
}

/**
 * Standings. Tie rule: higher score, then more correct answers, then fewer total ticks taken for
 * correct answers, then matchmaker order. Placements are therefore always 1..n with no ties.
 */
export function rank(players: QuizPlayer[]): Standing[] {
  const ordered = players
    .map((p, index) => ({ p, index }))
    .sort((a, b) => b.p.score - a.p.score || b.p.correctAnswers - a.p.correctAnswers || a.p.responseTicks - b.p.responseTicks || a.index - b.index);
  return ordered.map(({ p }, i) => ({ userId: p.userId, username: p.username, placement: i + 1, score: p.score, correctAnswers: p.correctAnswers }));
}

function findPlayer(state: QuizState, userId: string): QuizPlayer | undefined {
  return state.players.filter((p) => p.userId === userId)[0];
}

function emit(out: StepResult, type: string, userId: string, tick: number, data: DomainEvent['data']): void {
  const { state } = out;
  state.eventSeq += 1;
  out.events.push({ id: eventId(state.matchId, state.eventSeq), type, gameId: state.gameId, matchId: state.matchId, userId, tick, data });
}

function send(out: StepResult, opCode: number, payload: unknown, to: string[] | null): void {
  out.messages.push({ opCode, payload, to });
}

function reject(out: StepResult, userId: string, reason: string): void {
  send(out, OP.REJECTED, { opCode: OP.ANSWER, reason }, [userId]);
}
