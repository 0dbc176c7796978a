/**
 * Elo for 1v1 modes. Ratings are integers (they travel as the matchmaker's `skill` property).
 * K is larger while a player is provisional so new players find their level quickly.
 */
export const INITIAL_RATING = 1500;
/** Games a player counts as provisional for. */
export const PROVISIONAL_GAMES = 10;
export const K_PROVISIONAL = 40;
export const K_ESTABLISHED = 20;

export interface Rating {
  rating: number;
  /** Rated games played in this mode. */
  games: number;
}

export const newRating = (): Rating => ({ rating: INITIAL_RATING, games: 0 });

/** The probability that a player rated `a` beats one rated `b`. */
export function expectedScore(a: number, b: number): number {
  return 1 / (1 + Math.pow(10, (b - a) / 400));
}

export function kFactor(r: Rating): number {
  return r.games < PROVISIONAL_GAMES ? K_PROVISIONAL : K_ESTABLISHED;
}

/** Both ratings after a game; `scoreA` is 1 (a won), 0.5 (draw) or 0 (b won). */
export function eloUpdate(a: Rating, b: Rating, scoreA: 1 | 0.5 | 0): [Rating, Rating] {
  const expectedA = expectedScore(a.rating, b.rating);
  return [
    { rating: Math.round(a.rating + kFactor(a) * (scoreA - expectedA)), games: a.games + 1 },
    { rating: Math.round(b.rating + kFactor(b) * (1 - scoreA - (1 - expectedA))), games: b.games + 1 },
  ];
}
