import seedrandom from 'seedrandom';
import type { Harness } from '../../tools/harness';
import { answerUntilOver, gameRpc, loadHarness } from '../support/harness-duel';
import { QUIZVERSE_ID } from '../support/quiz';

/**
 * Double elimination and Swiss run to the end in the harness: seeded bots play every match the
 * server creates (each bot has a skill; a seeded draw weighted by skill decides who answers right),
 * results come only from the matches, and the tournament advances, ends and pays by itself. The
 * real-server twin is the single-elimination cup of test/integration/tournaments.test.ts.
 */
const FEE = 10;
const SPLIT = [50, 30, 20];
const MINUTE = 60 * 1000;

interface Pairing { id: string; round: number; bracket?: string; a: { user_id: string } | null; b: { user_id: string } | null; winner: string | null; bye: boolean; match_id: string | null }

/** Create a tournament, give `size` bots coins and enter them, then play every match it creates until it has paid its prizes. */
function runTournament(h: Harness, seed: string, size: number, tournament: object) {
  const call = gameRpc(h);
  const random = seedrandom(seed);
  const bots = Array.from({ length: size }, (_, i) => h.createUser({ username: `bot${i}` }));
  const skill = new Map(bots.map((userId) => [userId, 0.2 + random()]));
  call('batch_wallet_operations', { operations: bots.map((user_id) => ({ user_id, currencies: { coins: FEE }, reason: 'test_credit' })) });
  const id = `cup_${seed}`;
  call('tournament_create', { tournament: { id, name: 'Harness Cup', mode: 'duel', starts_at: h.now() + 10 * MINUTE, entry_fee: { currency: 'coins', amount: FEE }, prize_pool: { currency: 'coins', fee_share_percent: 100, split_percent: SPLIT }, ...tournament } });
  for (const userId of bots) call('tournament_join', { tournament_id: id }, userId);
  h.advanceTime(10 * MINUTE + 1000);
  expect(call('tournament_get_bracket', { tournament_id: id }, bots[0]).status).toBe('active'); // the lazy check on a read starts it

  const played = new Set<string>();
  for (;;) {
    const ready = h.notifications.filter((n) => n.code === 301 && n.content.tournament_id === id && !played.has(String(n.content.match_id)));
    if (ready.length === 0) break;
    const { match_id: matchId, opponent } = ready[0].content as { match_id: string; opponent: { user_id: string } };
    played.add(matchId);
    const [a, b] = [ready[0].userId, opponent.user_id];
    const winner = random() < skill.get(a)! / (skill.get(a)! + skill.get(b)!) ? a : b;
    const match = h.match(matchId);
    match.join(a);
    match.join(b);
    match.flush();
    answerUntilOver(match, winner, winner === a ? b : a);
    expect({ matchId, ended: match.ended, error: match.error }).toEqual({ matchId, ended: true, error: null });
  }
  const bracket = call('tournament_get_bracket', { tournament_id: id }, bots[0]);
  return { id, bots, bracket, played, rounds: bracket.rounds as Pairing[][] };
}

/** Each bot's prize by rank: the pool split over ranks, players sharing a rank share what the ranks they cover pay (floored). */
function expectedPrizes(ranks: { user_id: string; rank: number }[], pool: number) {
  const pays = SPLIT.map((percent) => Math.floor((pool * percent) / 100));
  return new Map(ranks.map((r) => {
    const tied = ranks.filter((x) => x.rank === r.rank).length;
    return [r.user_id, Math.floor(pays.slice(r.rank - 1, r.rank - 1 + tied).reduce((x, y) => x + y, 0) / tied)];
  }));
}

/** Fees in, prizes out: the ledger holds each bot's fee once and its rank's prize once (matches also pay achievement coins). */
function expectMoneyBalanced(h: Harness, bots: string[], ranks: { user_id: string; rank: number }[], id: string) {
  const prizes = expectedPrizes(ranks, FEE * bots.length);
  for (const userId of bots) {
    const prize = prizes.get(userId) || 0;
    const moves = h.ledger(userId).filter((i) => String(i.metadata.reason).startsWith(`tournament:${id}:`)).map((i) => [String(i.metadata.reason).split(':')[2], i.changeset[`${QUIZVERSE_ID}:coins`]]).sort();
    expect({ userId, moves }).toEqual({ userId, moves: [['entry_fee', -FEE], ...(prize > 0 ? [['prize', prize]] : [])] });
  }
  const paid = [...prizes.values()].reduce((x, y) => x + y, 0);
  expect(paid).toBeLessThanOrEqual(FEE * bots.length);
  expect(paid).toBeGreaterThan(FEE * bots.length - 3); // only the floor of shared ranks is kept back
}

describe('bracket and Swiss tournaments played to the end by seeded bots', () => {
  test.each([['de16', true], ['de16b', false]])('double elimination of 16 (seed %s, grand final reset %s): every match played, one champion, everyone else out after exactly two losses, prizes once', async (seed, reset) => {
    const h = await loadHarness(seed);
    const { id, bots, bracket, played, rounds } = runTournament(h, seed, 16, { format: 'double_elimination' });
    expect(bracket.status).toBe('rewards_distributed');
    const games = rounds.flat().filter((x) => !x.bye && x.winner !== null);
    expect(games.every((x) => x.match_id !== null && played.has(x.match_id))).toBe(true);
    expect(played.size).toBe(games.length);
    // 15 players each lose twice; the champion never (30 matches), or once when the losers' bracket
    // winner takes the first grand final and forces the reset (31).
    const losses = new Map(bots.map((b) => [b, 0]));
    for (const x of games) {
      const loser = x.winner === x.a!.user_id ? x.b!.user_id : x.a!.user_id;
      losses.set(loser, losses.get(loser)! + 1);
    }
    const champion = bracket.champion.user_id as string;
    expect(losses.get(champion)).toBe(reset ? 1 : 0);
    expect(bots.filter((b) => b !== champion).map((b) => losses.get(b))).toEqual(Array(15).fill(2));
    expect(games.length).toBe(reset ? 31 : 30);
    expect(games.filter((x) => x.bracket === 'grand_final').map((x) => x.id)).toEqual(reset ? ['gf1', 'gf2'] : ['gf1']);

    // Ranks: the champion, the grand-final loser, then by how late each went out (same losers' round: shared).
    const ranks = bracket.ranks as { user_id: string; rank: number }[];
    expect(ranks.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 5, 7, 7, 9, 9, 9, 9, 13, 13, 13, 13]);
    expect(ranks[0].user_id).toBe(champion);
    for (const b of bots.filter((x) => x !== champion)) {
      expect(h.notifications.filter((n) => n.userId === b && n.code === 302 && n.content.tournament_id === id)).toHaveLength(1);
    }
    expectMoneyBalanced(h, bots, ranks, id);
    h.dispose();
  }, 120000);

  test('Swiss of 13 over 5 rounds: everyone plays or has the bye each round, no rematch, no second bye, ranked by points then Buchholz', async () => {
    const h = await loadHarness('swiss13');
    const { id, bots, bracket, played, rounds } = runTournament(h, 'swiss13', 13, { format: 'swiss', rounds: 5 });
    expect(bracket.status).toBe('rewards_distributed');
    expect(rounds).toHaveLength(5);
    const met = new Set<string>();
    const points = new Map(bots.map((b) => [b, 0]));
    const opponents = new Map(bots.map((b) => [b, [] as string[]]));
    for (const round of rounds) {
      expect(round.flatMap((x) => [x.a, x.b].filter(Boolean).map((p) => p!.user_id)).sort()).toEqual([...bots].sort());
      expect(round.filter((x) => x.bye)).toHaveLength(1);
      for (const x of round) {
        expect(x.winner).not.toBeNull();
        points.set(x.winner!, points.get(x.winner!)! + 1);
        if (x.bye) continue;
        const pair = [x.a!.user_id, x.b!.user_id].sort().join('/');
        expect(met.has(pair)).toBe(false);
        met.add(pair);
        opponents.get(x.a!.user_id)!.push(x.b!.user_id);
        opponents.get(x.b!.user_id)!.push(x.a!.user_id);
        expect(played.has(x.match_id!)).toBe(true);
      }
    }
    expect(played.size).toBe(5 * 6);
    const byes = rounds.map((r) => r.filter((x) => x.bye)[0].a!.user_id);
    expect(new Set(byes).size).toBe(5);

    const ranks = bracket.ranks as { user_id: string; rank: number }[];
    expect(ranks.map((r) => r.rank)).toEqual(bots.map((_, i) => i + 1));
    expect(ranks[0].user_id).toBe(bracket.champion.user_id);
    const buchholz = (b: string) => opponents.get(b)!.reduce((sum, o) => sum + points.get(o)!, 0);
    const table = ranks.map((r) => [points.get(r.user_id)!, buchholz(r.user_id)]);
    for (let i = 1; i < table.length; i++) {
      const [p, bh] = table[i];
      const [pAbove, bhAbove] = table[i - 1];
      expect(p < pAbove || (p === pAbove && bh <= bhAbove)).toBe(true);
    }
    expectMoneyBalanced(h, bots, ranks, id);
    h.dispose();
  }, 120000);
});
