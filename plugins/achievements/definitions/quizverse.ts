import type { AchievementDefinition } from '../definitions';

/** QuizVerse achievements (validated at build and start against the game's currencies and items). */
export const QUIZVERSE_ACHIEVEMENTS: AchievementDefinition[] = [
  {
    id: 'first_correct_answer', name: 'First Correct Answer', description: 'Answer a question correctly in any match.',
    category: 'answers', rarity: 'common', points: 5,
    counter: { event: 'answer_correct' }, target: 1, rewards: { currencies: { coins: 50 } },
  },
  {
    id: 'quiz_streak_10', name: 'On Fire', description: 'Answer 10 questions correctly in a row, across matches (a wrong answer starts again).',
    category: 'answers', rarity: 'rare', points: 20,
    counter: { event: 'answer_correct', resetOn: 'answer_wrong' }, target: 10, rewards: { currencies: { coins: 200, xp: 100 }, items: { badge_streak: 1 } },
  },
  {
    id: 'quizmaster_100', name: 'Quizmaster', description: 'Answer 100 questions correctly.',
    category: 'answers', rarity: 'epic', points: 50,
    counter: { event: 'answer_correct' }, target: 100, rewards: { currencies: { coins: 500, xp: 250 }, items: { title_quizmaster: 1 } },
  },
  {
    id: 'category_master_science', name: 'Scientist', description: 'Answer 25 science questions correctly.',
    category: 'categories', rarity: 'rare', points: 25,
    counter: { event: 'answer_correct', equals: { category: 'science' } }, target: 25, rewards: { currencies: { xp: 150 }, items: { badge_scientist: 1 } },
  },
  {
    id: 'speed_demon', name: 'Quick Draw', description: 'Answer correctly within one second.',
    category: 'answers', rarity: 'rare', points: 15, hidden: true,
    counter: { event: 'answer_correct', atMost: { response_ticks: 5 } }, target: 1, rewards: { items: { badge_speed: 1 } },
  },
  {
    id: 'quiz_champion', name: 'Champion', description: 'Win quiz matches.',
    category: 'wins', rarity: 'epic', points: 40,
    counter: { event: 'match_won' },
    tiers: [
      { tier: 'bronze', target: 1, rewards: { currencies: { coins: 25, xp: 50 } } },
      { tier: 'silver', target: 10, rewards: { currencies: { coins: 100, xp: 150 } } },
      { tier: 'gold', target: 50, rewards: { currencies: { coins: 400, xp: 400 }, items: { hint_token: 5 } } },
      { tier: 'platinum', target: 200, rewards: { currencies: { coins: 1500, xp: 1000 } } },
    ],
  },
  {
    id: 'round_winner', name: 'Round Winner', description: 'Win 20 rounds (claim the reward yourself).',
    category: 'wins', rarity: 'common', points: 10, claim: 'manual', requires: ['first_correct_answer'],
    counter: { event: 'round_won' }, target: 20, rewards: { currencies: { coins: 100 }, items: { hint_token: 2 } },
  },
  {
    id: 'polymath', name: 'Polymath', description: 'Earn Quizmaster, Scientist and On Fire.',
    category: 'mastery', rarity: 'legendary', points: 100,
    children: ['quizmaster_100', 'category_master_science', 'quiz_streak_10'], rewards: { currencies: { coins: 1000, xp: 500 }, items: { title_polymath: 1 } },
  },
];
