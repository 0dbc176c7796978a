import type { QuestDefinition } from '../definitions';

/** QuizVerse quests (validated at start against the game: currencies, items, requirement fields). */
export const QUIZVERSE_QUESTS: QuestDefinition[] = [
  {
    id: 'quiz_apprentice',
    name: 'Quiz Apprentice',
    description: 'Answer three questions right, finish a match, then win a duel within a day.',
    type: 'story',
    difficulty: 'easy',
    steps: [
      { id: 'three_right', name: 'Answer 3 questions right', requirements: [{ counter: { event: 'answer_correct' }, threshold: 3 }], rewards: { currencies: { coins: 10 } } },
      { id: 'finish_match', name: 'Finish a match', requirements: [{ counter: { event: 'match_completed' }, threshold: 1 }], rewards: { currencies: { coins: 15 } } },
      { id: 'win_duel', name: 'Win a duel within 24 hours', requirements: [{ counter: { event: 'match_won', equals: { mode: 'duel' } }, threshold: 1, timeframe_seconds: 86400 }], rewards: { items: { hint_token: 1 } } },
    ],
    rewards: { currencies: { coins: 50, xp: 50 } },
  },
  {
    id: 'quiz_sprint',
    name: 'Quiz Sprint',
    description: 'Within an hour of starting: score 500 points in matches, and (optionally) answer one within a second.',
    type: 'challenge',
    difficulty: 'hard',
    prerequisites: ['quiz_apprentice'],
    time_limit_seconds: 3600,
    steps: [
      { id: 'quick_answer', name: 'Answer right within a second', optional: true, requirements: [{ counter: { event: 'answer_correct' }, metric: { min: 'response_ticks' }, operator: 'lte', threshold: 5 }], rewards: { currencies: { coins: 5 } } },
      { id: 'points', name: 'Score 500 points', requirements: [{ counter: { event: 'match_completed' }, metric: { sum: 'score' }, threshold: 500 }] },
    ],
    rewards: { currencies: { coins: 100 }, items: { badge_speed: 1 } },
  },
];
