import { eloUpdate, expectedScore, kFactor, newRating } from '../../plugins/ratings/elo';

describe('Elo for 1v1 modes', () => {
  test('equal players: the winner gains what the loser loses, K = 40 while provisional', () => {
    expect(eloUpdate(newRating(), newRating(), 1)).toEqual([{ rating: 1520, games: 1 }, { rating: 1480, games: 1 }]);
    expect(eloUpdate(newRating(), newRating(), 0.5)).toEqual([{ rating: 1500, games: 1 }, { rating: 1500, games: 1 }]);
  });

  test('an upset moves ratings more than an expected result', () => {
    const strong = { rating: 1800, games: 30 };
    const weak = { rating: 1400, games: 30 };
    expect(expectedScore(1800, 1400)).toBeCloseTo(0.909, 3);
    const [expectedWin] = eloUpdate(strong, weak, 1);
    const [upsetLoss, upsetWin] = eloUpdate(strong, weak, 0);
    expect(expectedWin.rating - strong.rating).toBe(2);
    expect(strong.rating - upsetLoss.rating).toBe(18);
    expect(upsetWin.rating - weak.rating).toBe(18);
  });

  test('established players use K = 20', () => {
    expect(kFactor({ rating: 1500, games: 9 })).toBe(40);
    expect(kFactor({ rating: 1500, games: 10 })).toBe(20);
  });
});
