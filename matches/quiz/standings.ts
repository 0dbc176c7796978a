import { emit, findPlayer, send, type QuizStepResult } from './output';
import { OP, type MatchResultMessage, type Standing } from './protocol';
import type { QuizPlayer } from './state';

/**
 * Standings, best first. Players who stayed come before players who forfeited; forfeited players
 * are ordered by who held out longer (later forfeit first). Then: higher score, more correct
 * answers, fewer total ticks taken for correct answers, and finally matchmaker order. Placements
 * are therefore always 1..n with no ties.
 */
export function rank(players: QuizPlayer[]): Standing[] {
  const ordered = players
    .map((p, index) => ({ p, index }))
    .sort((a, b) =>
      Number(a.p.forfeited) - Number(b.p.forfeited) ||
      b.p.forfeitTick - a.p.forfeitTick ||
      b.p.score - a.p.score ||
      b.p.correctAnswers - a.p.correctAnswers ||
      a.p.responseTicks - b.p.responseTicks ||
      a.index - b.index);
  return ordered.map(({ p }, i) => ({
    userId: p.userId, username: p.username, placement: i + 1, score: p.score,
    correctAnswers: p.correctAnswers, bestStreak: p.bestStreak, forfeited: p.forfeited,
  }));
}

/** The winner: placement 1 when anyone scored (then there is exactly one), else nobody. */
export function winnerOf(standings: Standing[]): string | null {
  return standings.some((s) => s.score > 0) ? standings[0].userId : null;
}

/**
 * End the match: match_won for the winner, match_completed for each player who ever joined, and
 * match_ended (userId '', every listed player, for ratings) when anyone joined, else match_abandoned
 * (userId '': nobody came; a tournament pairing neither player played); MATCH_RESULT to all.
 */
export function finish(out: QuizStepResult, tick: number): void {
  const { state } = out;
  state.phase = 'ended';
  for (const p of state.players) p.graceUntilTick = -1;
  const standings = rank(state.players);
  const winner = winnerOf(standings);
  if (winner) emit(out, 'match_won', winner, tick, { mode: state.mode, score: standings[0].score });
  const played = standings.filter((s) => findPlayer(state, s.userId)!.joined);
  for (const s of played) {
    emit(out, 'match_completed', s.userId, tick, { mode: state.mode, placement: s.placement, score: s.score, correct_answers: s.correctAnswers, forfeited: s.forfeited });
  }
  if (played.length > 0) {
    emit(out, 'match_ended', '', tick, { mode: state.mode, standings: standings.map((s) => ({ userId: s.userId, placement: s.placement, score: s.score })) });
  } else {
    emit(out, 'match_abandoned', '', tick, { mode: state.mode, players: state.players.map((p) => p.userId) });
  }
  const result: MatchResultMessage = { winner, standings };
  send(out, OP.MATCH_RESULT, result, null);
}
