import type { QuestDefinition } from '../definitions';

/** LastToLive quests (validated at start against the game: currencies, items, requirement fields). */
export const LASTTOLIVE_QUESTS: QuestDefinition[] = [
  {
    id: 'ltl_survivor',
    name: 'Survivor',
    description: 'Take someone down, finish in the top 10, then win a match.',
    type: 'story',
    difficulty: 'normal',
    steps: [
      { id: 'first_kill', name: 'Eliminate a player', requirements: [{ counter: { event: 'kill' }, threshold: 1 }], rewards: { currencies: { coins: 20 } } },
      { id: 'top_ten', name: 'Finish in the top 10', requirements: [{ counter: { event: 'match_completed', atMost: { placement: 10 } }, threshold: 1 }], rewards: { currencies: { coins: 30 } } },
      { id: 'win', name: 'Win a match', requirements: [{ counter: { event: 'match_won' }, threshold: 1 }], rewards: { currencies: { gems: 2 } } },
    ],
    rewards: { currencies: { coins: 100, xp: 100 }, items: { crate_common: 1 } },
  },
  {
    id: 'ltl_sharpshooter',
    name: 'Sharpshooter',
    description: 'Three kills within ten minutes.',
    type: 'challenge',
    difficulty: 'hard',
    prerequisites: ['ltl_survivor'],
    time_limit_seconds: 86400,
    steps: [{ id: 'three_kills', name: '3 kills within 10 minutes', requirements: [{ counter: { event: 'kill' }, threshold: 3, timeframe_seconds: 600 }] }],
    rewards: { currencies: { gems: 5 }, items: { title_sharpshooter: 1 } },
  },
];
