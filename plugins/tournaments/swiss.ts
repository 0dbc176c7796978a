/**
 * Swiss rounds as pure functions of (entrants in seed order, games played). Each round pairs players
 * of equal or near score who have not met, top of the standings first; an odd count gives one player
 * a bye (1 point), the lowest ranked who has not had one. Standings: points (win 1, draw 0.5, bye 1),
 * then Buchholz (the sum of the points of the opponents met; a bye adds none), then wins, then seed.
 * Pairing backtracks within a round only, so a long event on a small field can run out of rematch-free
 * pairings (null); fields of at least twice the rounds always paired in the property tests
 * (test/unit/tournament-formats.test.ts: 10-21 players, 5 rounds).
 */

export interface SwissGame {
  round: number;
  a: string;
  /** null: `a` had the bye. */
  b: string | null;
  /** null: a draw (or the bye); '': neither player came (no points for either). */
  winner: string | null;
}

export interface SwissStanding {
  userId: string;
  points: number;
  buchholz: number;
  wins: number;
  byes: number;
  opponents: string[];
}

export function swissStandings(entrants: string[], games: SwissGame[]): SwissStanding[] {
  const rows: { [userId: string]: SwissStanding } = {};
  for (const userId of entrants) rows[userId] = { userId, points: 0, buchholz: 0, wins: 0, byes: 0, opponents: [] };
  for (const g of games) {
    const a = rows[g.a];
    if (g.b === null) {
      a.points += 1;
      a.byes += 1;
      continue;
    }
    const b = rows[g.b];
    a.opponents.push(g.b);
    b.opponents.push(g.a);
    if (g.winner === null) {
      a.points += 0.5;
      b.points += 0.5;
    } else if (g.winner !== '') {
      rows[g.winner].points += 1;
      rows[g.winner].wins += 1;
    }
  }
  const seed: { [userId: string]: number } = {};
  entrants.forEach((userId, i) => { seed[userId] = i; });
  const table = entrants.map((userId) => rows[userId]);
  for (const row of table) row.buchholz = row.opponents.reduce((sum, o) => sum + rows[o].points, 0);
  return table.sort((x, y) => y.points - x.points || y.buchholz - x.buchholz || y.wins - x.wins || seed[x.userId] - seed[y.userId]);
}

/**
 * The next round's pairings (`b` null: the bye), or null when no pairing without a rematch exists
 * (more rounds than the field allows). Deterministic: the standings order decides every choice.
 */
export function swissPairings(entrants: string[], games: SwissGame[]): { a: string; b: string | null }[] | null {
  const standings = swissStandings(entrants, games);
  const order = standings.map((s) => s.userId);
  const met: { [pair: string]: boolean } = {};
  for (const g of games) if (g.b !== null) met[pairKey(g.a, g.b)] = met[pairKey(g.b, g.a)] = true;
  if (order.length % 2 === 0) {
    const pairs = pairAll(order, met);
    return pairs && pairs.map(([a, b]) => ({ a, b }));
  }
  // The bye: from the bottom, the first player without one for whom the rest can be paired.
  for (let i = standings.length - 1; i >= 0; i--) {
    if (standings[i].byes > 0) continue;
    const pairs = pairAll(order.filter((_, j) => j !== i), met);
    if (pairs) return pairs.map(([a, b]) => ({ a, b } as { a: string; b: string | null })).concat([{ a: order[i], b: null }]);
  }
  return null;
}

const pairKey = (a: string, b: string) => `${a}\n${b}`;

/** Pairs the players top down, each with the highest-ranked one left they have not met (backtracking). */
function pairAll(players: string[], met: { [pair: string]: boolean }): [string, string][] | null {
  if (players.length === 0) return [];
  const first = players[0];
  for (let j = 1; j < players.length; j++) {
    if (met[pairKey(first, players[j])]) continue;
    const rest = pairAll(players.filter((_, k) => k !== 0 && k !== j), met);
    if (rest) return [[first, players[j]] as [string, string]].concat(rest);
  }
  return null;
}
