import { emit, reject, send, type QuizStepResult } from './output';
import { OP, type AnswerResultMessage, type QuestionMessage, type RoundResultMessage } from './protocol';
import { correctAnswerPoints } from './scoring';
import type { PlannedQuestion, QuizPlayer, QuizState } from './state';

/** The question of the current round, or null before round 1. */
export function currentQuestion(state: QuizState): PlannedQuestion | null {
  return state.round ? state.plan[state.round.number - 1] : null;
}

/** The QUESTION message of the current round as of `tick` (ticksLeft shrinks for a late rejoiner). */
export function questionMessage(state: QuizState, tick: number): QuestionMessage {
  const round = state.round!;
  const q = state.plan[round.number - 1];
  return {
    round: round.number, rounds: state.rounds, questionId: q.questionId, category: q.category, difficulty: q.difficulty,
    text: q.text, choices: q.choices, timeLimitTicks: state.timeLimitTicks, tickRate: state.tickRate,
    ticksLeft: Math.max(0, round.deadlineTick - tick),
  };
}

/**
 * Judge an answer. Refused (with a reason naming the field) and without effect: answers from a
 * forfeited or absent player, when no question is open (late), for another round, a second answer
 * to the round, a choice out of range.
 */
export function answer(out: QuizStepResult, player: QuizPlayer, roundNumber: number, choice: number, tick: number): void {
  const { state } = out;
  const round = state.round;
  if (player.forfeited) return reject(out, player.userId, 'you have forfeited this match');
  if (!player.connected) return reject(out, player.userId, 'you are not in the match');
  if (state.phase !== 'question' || !round) return reject(out, player.userId, 'round: no question is open');
  if (roundNumber !== round.number) return reject(out, player.userId, `round: answer for round ${roundNumber} but round ${round.number} is open`);
  if (player.answeredRound === round.number) return reject(out, player.userId, `round: round ${round.number} is already answered`);
  const q = state.plan[round.number - 1];
  if (choice < 0 || choice >= q.choices.length) return reject(out, player.userId, `choice: must be 0..${q.choices.length - 1}`);

  player.answeredRound = round.number;
  const responseTicks = tick - round.startTick;
  const result: AnswerResultMessage = { round: round.number, correct: choice === q.correctChoice, points: 0, score: 0, speedBonus: 0, streakBonus: 0, streak: 0 };
  if (result.correct) {
    player.streak += 1;
    player.bestStreak = Math.max(player.bestStreak, player.streak);
    const earned = correctAnswerPoints(round.deadlineTick - tick, state.timeLimitTicks, player.streak);
    player.score += earned.points;
    player.correctAnswers += 1;
    player.responseTicks += responseTicks;
    // Why the first correct answer is the fastest: inputs are applied in tick and arrival order.
    if (!round.fastestUserId) {
      round.fastestUserId = player.userId;
      round.fastestPoints = earned.points;
    }
    Object.assign(result, earned);
    emit(out, 'answer_correct', player.userId, tick, {
      questionId: q.questionId, category: q.category, difficulty: q.difficulty, streak: player.streak,
      response_ticks: responseTicks, round: round.number, points: earned.points,
    });
  } else {
    player.streak = 0;
    emit(out, 'answer_wrong', player.userId, tick, { questionId: q.questionId, category: q.category, difficulty: q.difficulty, round: round.number });
  }
  result.score = player.score;
  result.streak = player.streak;
  send(out, OP.ANSWER_RESULT, result, [player.userId]);
}

/** Open round `number`: everyone in the match gets the question. */
export function openRound(out: QuizStepResult, number: number, tick: number): void {
  const { state } = out;
  state.phase = 'question';
  state.round = { number, startTick: tick, deadlineTick: tick + state.timeLimitTicks, fastestUserId: '', fastestPoints: 0 };
  send(out, OP.QUESTION, questionMessage(state, tick), null);
}

/** Close the open round: missing answers break streaks, the fastest correct answer wins the round. */
export function closeRound(out: QuizStepResult, tick: number): void {
  const { state } = out;
  const round = state.round!;
  for (const p of state.players) if (p.answeredRound !== round.number) p.streak = 0;
  if (round.fastestUserId) emit(out, 'round_won', round.fastestUserId, tick, { round: round.number, points: round.fastestPoints });
  state.phase = 'between';
  state.nextPhaseTick = tick + state.gapTicks;
  const result: RoundResultMessage = {
    round: round.number, correctChoice: state.plan[round.number - 1].correctChoice, fastest: round.fastestUserId || null,
    scores: state.players.map((p) => ({ userId: p.userId, score: p.score })),
  };
  send(out, OP.ROUND_RESULT, result, null);
}
