import { QUIZVERSE } from '../../matches/quiz/game-quizverse';
import { activeAt, tierOf, validateSeason, xpForTier, type SeasonDefinition } from '../../plugins/season-pass/season';

const season = (over: Partial<SeasonDefinition> = {}): SeasonDefinition => ({
  id: 's1', name: 'S1', starts_at: 1000, ends_at: 2000, tiers: 100, xp_curve: { base: 1000, step: 50 },
  premium_price: { currency: 'coins', amount: 500 }, rewards: { free: {}, premium: {} }, match_xp: { match_won: 100 }, ...over,
});

describe('season pass rules', () => {
  test('the XP curve: tier t to t+1 costs base + step * (t - 1); tiers are capped', () => {
    const s = season();
    expect([1, 2, 3, 100].map((t) => xpForTier(s, t))).toEqual([0, 1000, 2050, 99 * 1000 + (50 * 99 * 98) / 2]);
    expect([0, 999, 1000, 2049, 2050, 10 ** 9].map((xp) => tierOf(s, xp))).toEqual([1, 1, 2, 2, 3, 100]);
  });

  test('one season at a time: active over [starts_at, ends_at)', () => {
    const seasons = [season(), season({ id: 's2', starts_at: 2000, ends_at: 3000 })];
    expect([999, 1000, 1999, 2000, 3000].map((now) => (activeAt(seasons, now) || { id: null }).id)).toEqual([null, 's1', 's1', 's2', null]);
  });

  test('validation names each bad field', () => {
    expect(validateSeason(season(), QUIZVERSE, [])).toEqual([]);
    expect(validateSeason(season({ id: 'S 1', tiers: 101, rewards: { free: { 0: { currencies: { gems: 1 } } }, premium: {} }, match_xp: { match_won: 0 } }), QUIZVERSE, [season({ id: 'x', starts_at: 1500, ends_at: 2500 })])).toEqual([
      'season.id: must be snake_case',
      'season: overlaps x',
      'season.tiers: an integer from 1 to 100',
      'season.rewards.free.0: not a tier of the season',
      'season.rewards.free.0.currencies.gems: not a currency of QuizVerse (coins, xp)',
      'season.match_xp.match_won: must be an integer > 0',
    ]);
  });
});
