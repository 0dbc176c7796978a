import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { QUIZVERSE } from '../../matches/quiz/game-quizverse';
import { normaliseTournament, storedTournamentProblems, validateTournament } from '../../plugins/tournaments/definitions';
import { payouts, rankScores } from '../../plugins/tournaments/prizes';
import { progress } from '../../plugins/tournaments/rounds';
import { aggregate, brPlacementAndKills, quizMatchScore } from '../../plugins/tournaments/scoring';
import type { DomainEvent } from '../../core/events';

const NOW = Date.UTC(2026, 11, 6, 18, 30);
const HOUR = 3600 * 1000;
const seeds = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);
const event = (data: DomainEvent['data']): DomainEvent => ({ id: 'm:1', type: 'match_completed', gameId: '', matchId: 'm', userId: 'u', tick: 1, data });

describe('rounds: where a bracket stands, from seeds and results', () => {
  test('single elimination of 8: open pairings round by round, ranks by the round a player went out in (shared)', () => {
    const s = seeds(8);
    const results: { [id: string]: string } = {};
    let state = progress('single_elimination', s, results, 0);
    expect(state.open.map((p) => [p.id, p.a, p.b])).toEqual([['w1m1', 'p0', 'p7'], ['w1m2', 'p3', 'p4'], ['w1m3', 'p1', 'p6'], ['w1m4', 'p2', 'p5']]);
    // The better seed wins every pairing.
    while (!state.done) {
      for (const p of state.open) results[p.id] = s.indexOf(p.a) < s.indexOf(p.b) ? p.a : p.b;
      state = progress('single_elimination', s, results, 0);
    }
    expect(state.ranks).toEqual([['p0', 1], ['p1', 2], ['p2', 3], ['p3', 3], ['p4', 5], ['p5', 5], ['p6', 5], ['p7', 5]].map(([userId, rank]) => ({ userId, rank })));
    expect(state.view.champion).toBe('p0');
  });

  test('a pairing neither player came to puts both out; their next opponent goes through without playing', () => {
    const s = seeds(4);
    const state = progress('single_elimination', s, { w1m1: '', w1m2: 'p1' }, 0);
    expect(state.done).toBe(true);
    expect(state.view.champion).toBe('p1');
    expect(state.ranks).toEqual([{ userId: 'p1', rank: 1 }, { userId: 'p0', rank: 2 }, { userId: 'p2', rank: 2 }, { userId: 'p3', rank: 2 }]);
    expect(state.out.sort()).toEqual(['p0', 'p2', 'p3']);
  });

  test("double elimination needs two losses: a winners' final loser plays on in the losers' bracket", () => {
    const s = seeds(4);
    const state = progress('double_elimination', s, { w1m1: 'p0', w1m2: 'p1', w2m1: 'p0' }, 0);
    expect(state.out).toEqual([]);
    expect(state.open.map((p) => p.id)).toEqual(['l1m1']);
  });

  test('Swiss runs its rounds with pairing ids s<round>m<n> and ranks by the standings', () => {
    const s = seeds(5);
    const results: { [id: string]: string } = {};
    let state = progress('swiss', s, results, 3);
    let rounds = 0;
    while (!state.done) {
      rounds = Math.max(rounds, state.open[0].round);
      for (const p of state.open) results[p.id] = p.a;
      state = progress('swiss', s, results, 3);
    }
    expect(rounds).toBe(3);
    expect(Object.keys(results).every((id) => /^s[1-3]m[12]$/.test(id))).toBe(true);
    expect(state.ranks!.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(state.view.rounds.flat().filter((p) => p.bye)).toHaveLength(3);
  });
});

describe('prizes', () => {
  test('equal scores share a rank; tied players split what the ranks they cover pay, rounded down', () => {
    const placed = rankScores([{ userId: 'a', score: 90 }, { userId: 'b', score: 70 }, { userId: 'c', score: 70 }, { userId: 'd', score: 10 }]);
    expect(placed.map((p) => p.rank)).toEqual([1, 2, 2, 4]);
    const tiers = [{ from: 1, to: 1, rewards: { currencies: { coins: 100 } } }, { from: 2, to: 3, rewards: { currencies: { coins: 25 }, items: { badge: 1 } } }];
    expect(payouts(placed, tiers, null, 0).map((p) => p.rewards)).toEqual([
      { currencies: { coins: 100 } }, { currencies: { coins: 25 }, items: { badge: 1 } }, { currencies: { coins: 25 }, items: { badge: 1 } }, {},
    ]);
  });

  test('a pool pays its share of the fees by percentages, rounded down; the remainder is not paid', () => {
    const pool = { currency: 'coins', fee_share_percent: 90, split_percent: [60, 30, 10] };
    const paid = payouts([{ userId: 'a', rank: 1 }, { userId: 'b', rank: 2 }, { userId: 'c', rank: 3 }, { userId: 'd', rank: 4 }], [], pool, 77);
    // 90% of 77 = 69; 60% = 41, 30% = 20, 10% = 6: 67 of 69 paid.
    expect(paid.map((p) => (p.rewards.currencies || {}).coins || 0)).toEqual([41, 20, 6, 0]);
  });
});

describe('scoring: points from matches the server ran', () => {
  test('QuizVerse: the match score; LastToLive: placement points plus 10 per kill', () => {
    expect(quizMatchScore(event({ score: 1234, placement: 1 }))).toBe(1234);
    expect(quizMatchScore(event({ score: -5 }))).toBe(0);
    expect([1, 2, 10, 11, 25, 26].map((placement) => brPlacementAndKills(event({ placement, kills: 2 })))).toEqual([120, 95, 30, 25, 25, 20]);
  });

  test('aggregates: sum, best, best n', () => {
    expect(aggregate([10, 40, 20, 30], 'sum', 0)).toBe(100);
    expect(aggregate([10, 40, 20, 30], 'best', 0)).toBe(40);
    expect(aggregate([10, 40, 20, 30], 'best_n', 2)).toBe(70);
    expect(aggregate([], 'best', 0)).toBe(0);
  });
});

describe('tournament definitions', () => {
  const leaderboard = { id: 'weekly_cup', name: 'Weekly Cup', format: 'leaderboard', mode: 'solo', starts_at: NOW + HOUR, ends_at: NOW + 3 * HOUR, recurrence: 'weekly', aggregate: 'best_n', best_n: 3 };
  const bracket = { id: 'duel_cup', name: 'Duel Cup', format: 'double_elimination', mode: 'duel', starts_at: NOW + HOUR, entry_fee: { currency: 'coins', amount: 10 }, prize_pool: { currency: 'coins', fee_share_percent: 80, split_percent: [70, 30] } };
  const swiss = { id: 'swiss_cup', name: 'Swiss Cup', format: 'swiss', mode: 'duel', starts_at: NOW + HOUR, rounds: 5, max_size: 16, prizes: [{ from: 1, to: 3, rewards: { currencies: { coins: 5 } } }] };

  test('valid tournaments of every format are stored with defaults and read back as valid', () => {
    for (const [input, game] of [[leaderboard, LASTTOLIVE], [bracket, QUIZVERSE], [swiss, QUIZVERSE]] as const) {
      expect(validateTournament(input, game, [], NOW)).toEqual([]);
      const stored = normaliseTournament(input, NOW);
      expect(storedTournamentProblems(JSON.parse(JSON.stringify(stored)), game, [])).toEqual([]);
    }
    // Weekly repeats the start's UTC time and weekday (Nakama's reset cron).
    expect(normaliseTournament(leaderboard, NOW)).toMatchObject({ reset_cron: '30 19 * * 0', registration_opens_at: NOW, max_size: 0 });
    expect(normaliseTournament(bracket, NOW)).toMatchObject({ ends_at: NOW + HOUR, max_size: 64, prizes: [], reset_cron: '' });
  });

  test('every problem names its field', () => {
    const bad = { ...bracket, mode: 'party', ends_at: NOW + 2 * HOUR, recurrence: 'daily', rounds: 3, entry_fee: { currency: 'xp', amount: 5 }, prize_pool: { currency: 'coins', fee_share_percent: 0, split_percent: [50, 40] }, colour: 'red' };
    expect(validateTournament(bad, QUIZVERSE, ['duel_cup'], NOW)).toEqual([
      'tournament.colour: unknown field (id, name, description, format, mode, registration_opens_at, starts_at, ends_at, recurrence, reset_cron, max_size, max_matches, aggregate, best_n, rounds, entry_fee, prizes, prize_pool)',
      'tournament.id: QuizVerse has a tournament duel_cup already',
      'tournament.mode: double_elimination plays two-player matches; party does not take two',
      'tournament.ends_at: only leaderboard tournaments have one (brackets end with their final)',
      'tournament.recurrence: only leaderboard tournaments recur',
      'tournament.rounds: Swiss only',
      'tournament.entry_fee.currency: xp is earned, not spent',
      'tournament.prize_pool.currency: a pool pays out the entry fee\'s currency',
      'tournament.prize_pool.fee_share_percent: 1-100',
      'tournament.prize_pool.split_percent: must add up to 100',
    ]);
    expect(validateTournament({ ...leaderboard, ends_at: NOW - 1 }, LASTTOLIVE, [], NOW)).toContain('tournament.ends_at: at least a second after starts_at');
  });
});
