import type { DomainEvent } from '../../core/events';

/**
 * Leaderboard tournament scores, derived only from matches the server ran: per game, a rule turns
 * one match_completed event into points, and the tournament's aggregate turns a player's match
 * points into their score. Clients never assert a score.
 */
export type ScoreRule = (event: DomainEvent) => number;
export type Aggregate = 'sum' | 'best' | 'best_n';

const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 0);

/** QuizVerse: the match score (points for correct answers, speed and streaks: docs/protocol-quiz.md). */
export const quizMatchScore: ScoreRule = (event) => int(event.data.score);

/** LastToLive placement points (1st..10th); 11th-25th get 5, later 0. Plus 10 per kill. */
export const PLACEMENT_POINTS = [100, 75, 60, 50, 40, 30, 25, 20, 15, 10];
export const KILL_POINTS = 10;

/** LastToLive: placement points plus kill points. */
export const brPlacementAndKills: ScoreRule = (event) => {
  const placement = int(event.data.placement);
  const placed = placement === 0 ? 0 : placement <= PLACEMENT_POINTS.length ? PLACEMENT_POINTS[placement - 1] : placement <= 25 ? 5 : 0;
  return placed + KILL_POINTS * int(event.data.kills);
};

/** A player's score from their match points: the sum, the best match, or the sum of the best n. */
export function aggregate(points: number[], how: Aggregate, n: number): number {
  if (how === 'sum') return points.reduce((a, b) => a + b, 0);
  const best = points.slice().sort((a, b) => b - a);
  if (how === 'best') return best.length > 0 ? best[0] : 0;
  return best.slice(0, n).reduce((a, b) => a + b, 0);
}

/** What counts a match for an entry: its tournament's cap and aggregate. */
export interface Counting { max_matches: number; aggregate: Aggregate; best_n: number }

/** Count one match's points for an entry and re-aggregate its score; false when the entry has counted max_matches already. */
export function countMatch(entry: { points: number[]; score: number }, t: Counting, points: number): boolean {
  if (t.max_matches > 0 && entry.points.length >= t.max_matches) return false;
  entry.points.push(points);
  entry.score = aggregate(entry.points, t.aggregate, t.best_n);
  return true;
}
