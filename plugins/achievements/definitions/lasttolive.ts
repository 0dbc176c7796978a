import type { AchievementDefinition } from '../definitions';

/** LastToLive achievements (validated at build and start against the game's currencies and items). */
export const LASTTOLIVE_ACHIEVEMENTS: AchievementDefinition[] = [
  {
    id: 'first_kill', name: 'First Blood', description: 'Eliminate another player.',
    category: 'combat', rarity: 'common', points: 5,
    counter: { event: 'kill' }, target: 1, rewards: { currencies: { coins: 50, xp: 50 }, items: { badge_first_blood: 1 } },
  },
  {
    id: 'sharpshooter', name: 'Sharpshooter', description: 'Eliminate 10 players from 40 m or more.',
    category: 'combat', rarity: 'epic', points: 40, requires: ['first_kill'],
    counter: { event: 'kill', atLeast: { distance: 4000 } }, target: 10, rewards: { currencies: { gems: 20, xp: 200 }, items: { title_sharpshooter: 1 } },
  },
  {
    id: 'survivor', name: 'Survivor', description: 'Win matches.',
    category: 'wins', rarity: 'rare', points: 30,
    counter: { event: 'match_won' },
    tiers: [
      { tier: 'bronze', target: 1, rewards: { currencies: { coins: 100, xp: 100 } } },
      { tier: 'silver', target: 10, rewards: { currencies: { coins: 300, xp: 300 }, items: { crate_common: 1 } } },
      { tier: 'gold', target: 50, rewards: { currencies: { gems: 50, xp: 800 } } },
      { tier: 'platinum', target: 100, rewards: { currencies: { gems: 150, xp: 2000 } } },
    ],
  },
  {
    id: 'win_100_matches', name: 'Last One Standing', description: 'Win 100 matches.',
    category: 'wins', rarity: 'legendary', points: 100,
    counter: { event: 'match_won' }, target: 100, rewards: { currencies: { gems: 200 }, items: { title_last_one_standing: 1 } },
  },
  {
    id: 'veteran', name: 'Veteran', description: 'Finish 50 matches (claim the reward yourself).',
    category: 'matches', rarity: 'common', points: 10, claim: 'manual',
    counter: { event: 'match_completed' }, target: 50, rewards: { currencies: { coins: 250 }, items: { crate_common: 2 } },
  },
  {
    id: 'solo_squad_wipe', name: 'One-Man Army', description: 'Eliminate a whole squad on your own.',
    category: 'combat', rarity: 'legendary', points: 75, hidden: true,
    counter: { event: 'squad_wipe_solo' }, target: 1, rewards: { currencies: { gems: 100 }, items: { badge_squad_wiper: 1 } },
  },
];
