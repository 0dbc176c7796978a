import { createRng, seedRng, type Rng } from '../../matches/shared/rng';
import { doubleElimination, playable, seedPositions, singleElimination, type Bracket, type Results } from '../../plugins/tournaments/brackets';
import { swissPairings, swissStandings, type SwissGame } from '../../plugins/tournaments/swiss';

const players = (n: number) => Array.from({ length: n }, (_, i) => `p${i + 1}`);

/** Plays a bracket to its end with seeded random winners; returns the results and the final tree. */
function playOut(draw: (entrants: string[], results: Results) => Bracket, entrants: string[], rng: Rng) {
  const results: Results = {};
  let bracket = draw(entrants, results);
  for (let open = playable(bracket); open.length > 0; open = playable(bracket)) {
    for (const p of open) results[p.id] = rng.int(2) === 0 ? p.a! : p.b!;
    bracket = draw(entrants, results);
  }
  return bracket;
}

/** Each player's losses in played pairings (byes are not played). */
function lossesIn(bracket: Bracket) {
  const losses: { [id: string]: number } = {};
  for (const round of bracket.rounds) {
    for (const p of round) {
      if (p.bye || !p.a || !p.b) continue;
      const loser = p.winner === p.a ? p.b : p.a;
      losses[loser] = (losses[loser] || 0) + 1;
    }
  }
  return losses;
}

describe('single elimination', () => {
  test('standard seeding: 1-8, 4-5, 2-7, 3-6; the top seeds get the byes', () => {
    expect(seedPositions(8)).toEqual([0, 7, 3, 4, 1, 6, 2, 5]);
    const round1 = singleElimination(players(6), {}).rounds[0];
    expect(round1.map((p) => [p.a, p.b, p.bye])).toEqual([
      ['p1', '', true], ['p4', 'p5', false], ['p2', '', true], ['p3', 'p6', false],
    ]);
    expect(round1.filter((p) => p.bye).map((p) => p.winner)).toEqual(['p1', 'p2']);
  });

  test('a result naming neither player changes nothing', () => {
    const bracket = singleElimination(players(4), { w1m1: 'p3' });
    expect(bracket.rounds[0][0].winner).toBeNull();
  });

  test('property: for 2..40 entrants, everyone plays each round until beaten or given a bye, one champion, one loss each', () => {
    for (let n = 2; n <= 40; n++) {
      for (let trial = 0; trial < 5; trial++) {
        const entrants = players(n);
        const bracket = playOut(singleElimination, entrants, createRng(seedRng(`se-${n}-${trial}`)));
        const alive = new Set(entrants);
        for (const round of bracket.rounds) {
          // Every player not yet beaten appears exactly once in the round (a bye included).
          const seen = round.flatMap((p) => [p.a, p.b].filter((who): who is string => !!who));
          expect(seen.slice().sort()).toEqual(Array.from(alive).sort());
          for (const p of round) if (!p.bye) alive.delete(p.winner === p.a ? p.b! : p.a!);
        }
        expect(Array.from(alive)).toEqual([bracket.champion]);
        const losses = lossesIn(bracket);
        for (const e of entrants) expect([e, losses[e] || 0]).toEqual([e, e === bracket.champion ? 0 : 1]);
      }
    }
  });
});

describe('double elimination', () => {
  test('eight players: losers drop into the losers\' bracket, the grand final resets when its underdog wins', () => {
    const entrants = players(8);
    const results: Results = { w1m1: 'p1', w1m2: 'p4', w1m3: 'p2', w1m4: 'p3', w2m1: 'p1', w2m2: 'p2', w3m1: 'p1' };
    let bracket = doubleElimination(entrants, results);
    const l1 = bracket.rounds.find((r) => r[0].id === 'l1m1')!;
    expect(l1.map((p) => [p.a, p.b])).toEqual([['p8', 'p5'], ['p7', 'p6']]);
    Object.assign(results, { l1m1: 'p5', l1m2: 'p6' });
    bracket = doubleElimination(entrants, results);
    // The survivors meet the second round's losers in reverse order: p5, from the top half, meets p3 from the bottom half.
    const l2 = bracket.rounds.find((r) => r[0].id === 'l2m1')!;
    expect(l2.map((p) => [p.a, p.b])).toEqual([['p5', 'p3'], ['p6', 'p4']]);
    Object.assign(results, { l2m1: 'p3', l2m2: 'p4', l3m1: 'p3', l4m1: 'p3', gf1: 'p3' });
    bracket = doubleElimination(entrants, results);
    expect(bracket.champion).toBeNull();
    expect(playable(bracket).map((p) => [p.id, p.a, p.b])).toEqual([['gf2', 'p1', 'p3']]);
    bracket = doubleElimination(entrants, { ...results, gf2: 'p1' });
    expect(bracket.champion).toBe('p1');
  });

  test('property: for 2..40 entrants, one champion, everyone else out after exactly two losses, at most one game a round each', () => {
    for (let n = 2; n <= 40; n++) {
      for (let trial = 0; trial < 5; trial++) {
        const entrants = players(n);
        const bracket = playOut(doubleElimination, entrants, createRng(seedRng(`de-${n}-${trial}`)));
        expect(bracket.champion).not.toBeNull();
        const losses = lossesIn(bracket);
        for (const e of entrants) expect([e, losses[e] || 0]).toEqual([e, e === bracket.champion ? expect.any(Number) : 2]);
        expect(losses[bracket.champion!] || 0).toBeLessThanOrEqual(1);
        for (const round of bracket.rounds) {
          const seen = round.flatMap((p) => [p.a, p.b].filter((who): who is string => !!who));
          expect(new Set(seen).size).toBe(seen.length);
        }
        expect(playable(bracket)).toEqual([]);
      }
    }
  });
});

describe('swiss', () => {
  /** Plays `rounds` Swiss rounds with seeded random results (a draw one time in ten). */
  function playSwiss(n: number, rounds: number, seed: string) {
    const rng = createRng(seedRng(seed));
    const entrants = players(n);
    const games: SwissGame[] = [];
    for (let round = 1; round <= rounds; round++) {
      const pairs = swissPairings(entrants, games);
      expect(pairs).not.toBeNull();
      for (const { a, b } of pairs!) {
        const roll = rng.int(10);
        games.push({ round, a, b, winner: b === null ? null : roll === 0 ? null : roll % 2 ? a : b });
      }
    }
    return { entrants, games };
  }

  test('property: odd and even fields, 5 rounds: everyone plays or has the bye each round, no rematch, at most one bye each', () => {
    for (let n = 10; n <= 21; n++) {
      for (let trial = 0; trial < 4; trial++) {
        const { entrants, games } = playSwiss(n, 5, `swiss-${n}-${trial}`);
        const met = new Set<string>();
        for (let round = 1; round <= 5; round++) {
          const these = games.filter((g) => g.round === round);
          const seen = these.flatMap((g) => (g.b === null ? [g.a] : [g.a, g.b]));
          expect(seen.sort()).toEqual(entrants.slice().sort());
          expect(these.filter((g) => g.b === null)).toHaveLength(n % 2);
          for (const g of these) {
            if (g.b === null) continue;
            const key = [g.a, g.b].sort().join('-');
            expect(met.has(key)).toBe(false);
            met.add(key);
          }
        }
        const standings = swissStandings(entrants, games);
        expect(standings.every((s) => s.byes <= 1)).toBe(true);
        // Every point comes from a game: n/2 games a round, 1 point each, plus the byes.
        expect(standings.reduce((sum, s) => sum + s.points, 0)).toBe(5 * Math.ceil(n / 2));
      }
    }
  });

  test('standings order: points, then Buchholz, then wins, then seed', () => {
    const games: SwissGame[] = [
      { round: 1, a: 'p1', b: 'p2', winner: 'p1' }, { round: 1, a: 'p3', b: 'p4', winner: 'p3' },
      { round: 2, a: 'p1', b: 'p3', winner: 'p3' }, { round: 2, a: 'p2', b: 'p4', winner: 'p2' },
    ];
    const order = swissStandings(players(4), games).map((s) => [s.userId, s.points, s.buchholz]);
    // p1 and p2 have 1 point each; p1 met p2 (1) and p3 (2): Buchholz 3; p2 met p1 (1) and p4 (0): 1; p4 met p3 and p2: 3.
    expect(order).toEqual([['p3', 2, 1], ['p1', 1, 3], ['p2', 1, 1], ['p4', 0, 3]]);
  });

  test('no pairing without a rematch: null', () => {
    const games: SwissGame[] = [{ round: 1, a: 'p1', b: 'p2', winner: 'p1' }];
    expect(swissPairings(players(2), games)).toBeNull();
  });
});
