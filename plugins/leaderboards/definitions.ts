import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { QUIZVERSE } from '../../matches/quiz/game-quizverse';
import type { BoardDefinition } from './boards';

/**
 * The leaderboards of each game (validated at start: plugin.validate). Scores come only from the
 * match events the server derived (matches/quiz/standings.ts, matches/br/standings.ts).
 */
export const BOARDS: { [gameId: string]: BoardDefinition[] } = {
  [QUIZVERSE.id]: [
    { id: 'score_weekly', name: 'Points this week', counter: { event: 'match_completed' }, score: { sum: 'score' }, period: 'weekly' },
    { id: 'score_all_time', name: 'Points of all time', counter: { event: 'match_completed' }, score: { sum: 'score' }, period: 'all_time' },
    { id: 'best_match_all_time', name: 'Best match', counter: { event: 'match_completed' }, score: { max: 'score' }, period: 'all_time' },
    { id: 'wins_weekly', name: 'Wins this week', counter: { event: 'match_won' }, score: 'count', period: 'weekly' },
  ],
  [LASTTOLIVE.id]: [
    { id: 'wins_weekly', name: 'Wins this week', counter: { event: 'match_won' }, score: 'count', period: 'weekly' },
    { id: 'wins_all_time', name: 'Wins of all time', counter: { event: 'match_won' }, score: 'count', period: 'all_time' },
    { id: 'kills_all_time', name: 'Eliminations of all time', counter: { event: 'match_completed' }, score: { sum: 'kills' }, period: 'all_time' },
  ],
};
