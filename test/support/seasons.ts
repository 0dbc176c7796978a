/** A QuizVerse season starting now for 30 days: 10 tiers of 100 XP, free rewards at tiers 1-3, premium at 1, 3 and 10 (100 coins). */
const DAY = 24 * 3600 * 1000;

export function seasonFor(now: number, id = 'season_one') {
  return {
    id, name: 'Season One', starts_at: now - 1000, ends_at: now + 30 * DAY, tiers: 10,
    xp_curve: { base: 100, step: 0 }, premium_price: { currency: 'coins', amount: 100 },
    rewards: {
      free: { 1: { currencies: { coins: 10 } }, 2: { currencies: { coins: 20 } }, 3: { items: { hint_token: 1 } } },
      premium: { 1: { currencies: { coins: 100 } }, 3: { currencies: { coins: 300 } }, 10: { items: { title_quizmaster: 1 } } },
    },
    match_xp: { match_completed: 50, match_won: 100 },
  };
}
