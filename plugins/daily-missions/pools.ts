import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { QUIZVERSE } from '../../matches/quiz/game-quizverse';
import type { MissionPool } from './pool';

/** The daily mission pools per game id (validated at start: plugin.validate). */
export const MISSION_POOLS: { [gameId: string]: MissionPool } = {
  [QUIZVERSE.id]: {
    per_day: 3,
    reset_minutes_utc: 0,
    missions: [
      { id: 'play_two', name: 'Finish 2 matches', requirement: { counter: { event: 'match_completed' }, threshold: 2 }, rewards: { currencies: { coins: 20 } } },
      { id: 'right_five', name: 'Answer 5 questions right', requirement: { counter: { event: 'answer_correct' }, threshold: 5 }, rewards: { currencies: { coins: 15 } } },
      { id: 'win_one', name: 'Win a match', requirement: { counter: { event: 'match_won' }, threshold: 1 }, rewards: { currencies: { coins: 25, xp: 25 } } },
      { id: 'science_three', name: 'Answer 3 science questions right', requirement: { counter: { event: 'answer_correct', equals: { category: 'science' } }, threshold: 3 }, rewards: { currencies: { coins: 15 } } },
      { id: 'points_300', name: 'Score 300 points', requirement: { counter: { event: 'match_completed' }, metric: { sum: 'score' }, threshold: 300 }, rewards: { currencies: { coins: 20 } } },
      { id: 'quick_answer', name: 'Answer right within a second', requirement: { counter: { event: 'answer_correct' }, metric: { min: 'response_ticks' }, operator: 'lte', threshold: 5 }, rewards: { items: { hint_token: 1 } } },
    ],
  },
  [LASTTOLIVE.id]: {
    per_day: 3,
    reset_minutes_utc: 0,
    missions: [
      { id: 'play_two', name: 'Finish 2 matches', requirement: { counter: { event: 'match_completed' }, threshold: 2 }, rewards: { currencies: { coins: 25 } } },
      { id: 'kills_three', name: 'Eliminate 3 players', requirement: { counter: { event: 'kill' }, threshold: 3 }, rewards: { currencies: { coins: 30 } } },
      { id: 'top_ten', name: 'Finish in the top 10', requirement: { counter: { event: 'match_completed', atMost: { placement: 10 } }, threshold: 1 }, rewards: { currencies: { coins: 20 } } },
      { id: 'long_shot', name: 'A kill from 30 m or more', requirement: { counter: { event: 'kill', atLeast: { distance: 30 } }, threshold: 1 }, rewards: { currencies: { gems: 1 } } },
      { id: 'win_one', name: 'Win a match', requirement: { counter: { event: 'match_won' }, threshold: 1 }, rewards: { currencies: { coins: 50, xp: 50 } } },
    ],
  },
};
