import type { MatchmakerMatched, Notification } from '@heroiclabs/nakama-js';
import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { OP as BR_OP, type MatchResultMessage as BrResult } from '../../matches/br/protocol';
import { REMATCH_GUARD_MS } from '../../plugins/matchmaking/queue';
import { createClientBot } from '../support/br-client-bot';
import { decode, encode, QUIZVERSE_ID } from '../support/quiz';
import { connectPlayer, rpc, rpcError, serverCall, serverRpc, walletLedger, type Player } from './support/nakama';
import { playAnswering } from './support/quiz-bots';

const quiz = { game_id: QUIZVERSE_ID };
const br = { game_id: LASTTOLIVE.id };
const runId = `${process.pid}_${Date.now() % 1e8}`;
const SECOND = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const noticesOf = (p: Player, code: number, tournamentId: string) =>
  p.notifications.filter((n: Notification) => n.code === code && (n.content as { tournament_id?: string }).tournament_id === tournamentId);
/** What the wallet ledger says a tournament moved for a player, by reason. */
async function ledgerOf(p: Player, gameId: string, currency: string, tournamentId: string) {
  const moves: { [reason: string]: number[] } = {};
  for (const item of await walletLedger(p.userId)) {
    const reason = String(item.metadata.reason || '');
    if (!reason.startsWith(`tournament:${tournamentId}:`)) continue;
    (moves[reason.split(':')[2]] = moves[reason.split(':')[2]] || []).push(item.changeset[`${gameId}:${currency}`]);
  }
  return moves;
}
async function credit(gameId: string, players: Player[], currency: string, amount: number) {
  const operations = players.map((p) => ({ user_id: p.userId, currencies: { [currency]: amount }, reason: 'test_credit' }));
  await serverRpc('batch_wallet_operations', { game_id: gameId, operations });
}

/**
 * Tournaments on the real server: a QuizVerse single-elimination bracket of 8 played through its
 * server-created matches to the prizes, a LastToLive leaderboard tournament scored from played
 * matches, fees, refunds and prizes balancing in the wallet ledger, settlement racing itself, and
 * Nakama's own tournament API closed to clients.
 */
describe('tournaments on a real Nakama', () => {
  const players: Player[] = [];
  afterAll(() => players.forEach((p) => p.close()));

  test('admin RPCs refuse players; every problem with a tournament names its field', async () => {
    const [p] = await Promise.all([connectPlayer('tadmin')]);
    players.push(p);
    const t = { id: `refused_${runId}`, name: 'Refused', format: 'leaderboard', mode: 'solo', starts_at: Date.now(), ends_at: Date.now() + 60 * SECOND };
    expect(await rpcError(rpc(p, 'tournament_create', { ...br, tournament: t }))).toMatchObject({ status: 403, code: 7 });
    expect(await rpcError(rpc(p, 'tournament_cancel', { ...br, tournament_id: t.id }))).toMatchObject({ status: 403, code: 7 });
    expect(await rpcError(rpc(p, 'tournament_submit_score', { ...br, tournament_id: t.id, user_id: p.userId, points: 1 }))).toMatchObject({ status: 403, code: 7 });
    const bad = await serverCall('tournament_create', { ...br, tournament: { ...t, format: 'single_elimination', ends_at: undefined, mode: 'squad', prize_pool: { currency: 'gems', fee_share_percent: 100, split_percent: [60, 30] } } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^INVALID_FIELD: /);
    expect(bad.body.message).toContain('tournament.prize_pool.currency: a pool pays out the entry fee\'s currency');
    expect(bad.body.message).toContain('tournament.prize_pool.split_percent: must add up to 100');
    expect(await rpcError(rpc(p, 'tournament_join', { ...br, tournament_id: 'no_such_tournament' }))).toMatchObject({ status: 404, code: 5 });
  });

  test('a cancelled tournament refunds every entrant once and takes no more entries', async () => {
    const pair = await Promise.all([connectPlayer('tcx1'), connectPlayer('tcx2')]);
    players.push(...pair);
    await credit(QUIZVERSE_ID, pair, 'coins', 10);
    const id = `cancelled_${runId}`;
    await serverRpc('tournament_create', { ...quiz, tournament: { id, name: 'Cancelled', format: 'double_elimination', mode: 'duel', starts_at: Date.now() + 3600 * SECOND, entry_fee: { currency: 'coins', amount: 10 } } });
    for (const p of pair) await rpc(p, 'tournament_join', { ...quiz, tournament_id: id });
    expect(await rpcError(rpc(pair[0], 'tournament_join', { ...quiz, tournament_id: id }))).toMatchObject({ status: 409, code: 6 });
    const [first, again] = await Promise.all([serverCall('tournament_cancel', { ...quiz, tournament_id: id }), serverCall('tournament_cancel', { ...quiz, tournament_id: id })]);
    expect([first.status, again.status]).toContain(200); // the other may be refused (cancelled already) or race it: refunds stay once each
    for (const p of pair) {
      expect(await ledgerOf(p, QUIZVERSE_ID, 'coins', id)).toEqual({ entry_fee: [-10], refund: [10] });
      await p.until(() => noticesOf(p, 304, id)[0], 'the refund notice');
      expect((await rpc<any>(p, 'tournament_get_my_tournaments', quiz)).entries.filter((e: any) => e.tournament_id === id)[0]).toMatchObject({ status: 'refunded' });
    }
    expect((await rpc<any>(pair[0], 'tournament_list_active', quiz)).tournaments.map((t: any) => t.tournament_id)).not.toContain(id);
    expect(await rpcError(rpc(pair[1], 'tournament_join', { ...quiz, tournament_id: id }))).toMatchObject({ status: 400, code: 9 });
    expect(await rpcError(rpc(pair[1], 'tournament_leave', { ...quiz, tournament_id: id }))).toMatchObject({ status: 404, code: 5 });
  });

  test('twenty players joining at the same moment all get in, each counted and charged once', async () => {
    const crowd = await Promise.all(Array.from({ length: 20 }, (_, i) => connectPlayer(`tjoin${i}`)));
    players.push(...crowd);
    await credit(QUIZVERSE_ID, crowd, 'coins', 3);
    const id = `crowd_${runId}`;
    await serverRpc('tournament_create', { ...quiz, tournament: { id, name: 'Crowd', format: 'leaderboard', mode: 'duel', starts_at: Date.now(), ends_at: Date.now() + 3600 * SECOND, entry_fee: { currency: 'coins', amount: 3 }, prize_pool: { currency: 'coins', fee_share_percent: 100, split_percent: [100] } } });
    // Every join updates the edition's count and fees: simultaneous ones conflict and must retry, not fail.
    const joined = await Promise.all(crowd.map((p) => rpc<any>(p, 'tournament_join', { ...quiz, tournament_id: id })));
    expect(joined.every((j) => j.entry.status === 'joined')).toBe(true);
    const listed = (await rpc<any>(crowd[0], 'tournament_list_active', quiz)).tournaments.filter((t: any) => t.tournament_id === id)[0];
    expect(listed).toMatchObject({ entrants: 20, prize_pool: { fees: 60 } });
    for (const p of crowd) expect(await ledgerOf(p, QUIZVERSE_ID, 'coins', id)).toEqual({ entry_fee: [-3] });
    const top = await rpc<any>(crowd[0], 'tournament_get_leaderboard', { ...quiz, tournament_id: id, limit: 50 });
    expect(top.records).toHaveLength(20);
    expect(top.me).toMatchObject({ user_id: crowd[0].userId, score: 0 });
  });

  test('an 8-player single-elimination QuizVerse bracket: entries and fees, matches created and played, prizes from the pool paid once', async () => {
    const field = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => connectPlayer(`tse${i}`)));
    players.push(...field);
    const [late] = field.splice(8, 1);
    await credit(QUIZVERSE_ID, [...field, late], 'coins', 50);
    const id = `cup_${runId}`;
    const startsAt = Date.now() + 12 * SECOND;
    const created = await serverRpc<any>('tournament_create', { ...quiz, tournament: {
      id, name: 'Integration Cup', format: 'single_elimination', mode: 'duel', starts_at: startsAt, max_size: 8,
      entry_fee: { currency: 'coins', amount: 10 }, prize_pool: { currency: 'coins', fee_share_percent: 100, split_percent: [50, 30, 20] },
    } });
    expect(created.edition).toMatchObject({ tournament_id: id, status: 'registration', entrants: 0, format: 'single_elimination' });

    // Join in order (seeds follow the equal ratings by join time); one player leaves and is refunded, then rejoins.
    for (const p of field) await rpc(p, 'tournament_join', { ...quiz, tournament_id: id });
    expect(await rpcError(rpc(field[0], 'tournament_join', { ...quiz, tournament_id: id }))).toMatchObject({ status: 409, code: 6 });
    expect(await rpcError(rpc(late, 'tournament_join', { ...quiz, tournament_id: id }))).toMatchObject({ status: 400, code: 9 });
    expect(await rpc<any>(field[7], 'tournament_leave', { ...quiz, tournament_id: id })).toMatchObject({ refunded: { coins: 10 } });
    const listed = await rpc<any>(late, 'tournament_list_active', quiz);
    expect(listed.tournaments.filter((t: any) => t.tournament_id === id)[0]).toMatchObject({ entrants: 7, joined: false, prize_pool: { fees: 70 } });
    await rpc(field[7], 'tournament_join', { ...quiz, tournament_id: id });
    for (const p of field) await p.until(() => noticesOf(p, 300, id).length > 0 || undefined, 'the registration notice');

    // Every player plays each match they are told of; in every pairing the earlier joiner answers right.
    const rankOf = new Map(field.map((p, i) => [p.userId, i]));
    const played = new Set<string>();
    const play = (p: Player) => {
      for (const n of noticesOf(p, 301, id)) {
        const c = n.content as { match_id: string; opponent: { user_id: string } };
        if (played.has(`${p.userId}/${c.match_id}`)) continue;
        played.add(`${p.userId}/${c.match_id}`);
        void playAnswering(p, c.match_id, rankOf.get(p.userId)! < rankOf.get(c.opponent.user_id)!);
      }
      return undefined;
    };
    const watchers = field.map((p) => p.until(() => play(p) || (noticesOf(p, 302, id).length > 0 || noticesOf(p, 303, id).length > 0 ? true : undefined), 'the end of the bracket', 150 * SECOND));
    await Promise.all(watchers);
    await field[0].until(() => noticesOf(field[0], 303, id)[0], 'the champion\'s prize', 30 * SECOND);
    const bracket = await rpc<any>(field[0], 'tournament_get_bracket', { ...quiz, tournament_id: id });
    expect(bracket.status).toBe('rewards_distributed');
    expect(bracket.champion.user_id).toBe(field[0].userId);
    expect(bracket.seeds.map((s: any) => s.user_id)).toEqual(field.map((p) => p.userId));
    expect(bracket.rounds.map((r: any[]) => r.length)).toEqual([4, 2, 1]);
    expect(bracket.rounds[0].map((x: any) => [x.a.user_id, x.b.user_id])).toEqual([[0, 7], [3, 4], [1, 6], [2, 5]].map(([a, b]) => [field[a].userId, field[b].userId]));
    expect(bracket.rounds.flat().every((x: any) => typeof x.match_id === 'string')).toBe(true);
    const rankOfUser = (i: number) => bracket.ranks.filter((r: any) => r.user_id === field[i].userId)[0].rank;
    expect(field.map((_, i) => rankOfUser(i))).toEqual([1, 2, 3, 3, 5, 5, 5, 5]);
    for (const i of [4, 5, 6, 7]) expect(noticesOf(field[i], 302, id)).toHaveLength(1);

    // Pool: 8 x 10 coins. Rank 1: 50% = 40; rank 2: 30% = 24; ranks 3 and 4 shared by the two semi-final losers: 20% + 0% = 16, 8 each.
    const prizes = [40, 24, 8, 8, 0, 0, 0, 0];
    // Settlement raced by every player's lazy check at once pays nothing twice.
    await Promise.all(field.map((p) => rpc(p, 'tournament_claim_rewards', { ...quiz, tournament_id: id })));
    for (const [i, p] of field.entries()) {
      const moves = await ledgerOf(p, QUIZVERSE_ID, 'coins', id);
      expect({ i, moves }).toEqual({ i, moves: { entry_fee: i === 7 ? [-10, -10] : [-10], ...(i === 7 ? { refund: [10] } : {}), ...(prizes[i] > 0 ? { prize: [prizes[i]] } : {}) } });
      const mine = (await rpc<any>(p, 'tournament_get_my_tournaments', quiz)).entries.filter((e: any) => e.tournament_id === id)[0];
      expect(mine).toMatchObject({ status: 'finished', rank: [1, 2, 3, 3, 5, 5, 5, 5][i], prize: prizes[i] > 0 ? { currencies: { coins: prizes[i] } } : null });
    }
    expect(prizes.reduce((a, b) => a + b, 0)).toBe(80);
    const claimed = await rpc<any>(field[0], 'tournament_claim_rewards', { ...quiz, tournament_id: id });
    expect(claimed.paid).toEqual([expect.objectContaining({ rank: 1, prize: { currencies: { coins: 40 } } })]);
    expect(noticesOf(field[0], 303, id)).toHaveLength(1);
  }, 240 * SECOND);

  test('a LastToLive leaderboard tournament is scored from played matches; clients cannot write its records; the end pays once', async () => {
    const field = await Promise.all(['tlb1', 'tlb2', 'tlb3', 'tlb4', 'tlb5'].map((label) => connectPlayer(label)));
    players.push(...field);
    const [a, b, c, d, idle] = field;
    await credit(LASTTOLIVE.id, field, 'gems', 5);
    const id = `ladder_${runId}`;
    const startsAt = Date.now();
    const endsAt = startsAt + 100 * SECOND;
    await serverRpc('tournament_create', { ...br, tournament: {
      id, name: 'Integration Ladder', format: 'leaderboard', mode: 'solo', starts_at: startsAt, ends_at: endsAt, aggregate: 'sum',
      entry_fee: { currency: 'gems', amount: 5 }, prizes: [{ from: 1, to: 1, rewards: { currencies: { gems: 30 } } }, { from: 2, to: 2, rewards: { currencies: { gems: 10 } } }],
    } });
    for (const p of field) await rpc(p, 'tournament_join', { ...br, tournament_id: id });

    // Nakama's own tournament API is closed to clients: no score, no join, no delete.
    const board = `${LASTTOLIVE.id}:tournament:${id}`;
    expect(await rpcError(a.client.writeTournamentRecord(a.session, board, { score: '1000000' }))).toMatchObject({ status: 403, code: 7 });
    expect(await rpcError(a.client.joinTournament(a.session, board))).toMatchObject({ status: 403, code: 7 });
    expect((await rpcError(a.client.deleteTournamentRecord(a.session, board))).status).toBeGreaterThanOrEqual(400);
    expect(await rpcError(rpc(a, 'tournament_submit_score', { ...br, tournament_id: id, user_id: a.userId, points: 999 }))).toMatchObject({ status: 403, code: 7 });

    // Four players play two solo duels each (the winners of the first two meet, so do the losers:
    // equal ratings match at once); idle only joined. Points: placement 1 = 100, 2 = 75, plus 10 per kill.
    const expected = new Map(field.map((p) => [p, 0]));
    const byId = new Map(field.map((p) => [p.userId, p]));
    const play = async (pair: Player[]) => {
      const result = await playBrMatch(pair);
      for (const s of result.standings) expected.set(byId.get(s.userId)!, expected.get(byId.get(s.userId)!)! + [100, 75][s.placement - 1] + 10 * s.kills);
      return result.standings.map((s) => byId.get(s.userId)!);
    };
    const [w1, l1] = await play([a, b]);
    const [w2, l2] = await play([c, d]);
    await sleep(REMATCH_GUARD_MS); // the matchmaker refuses a ticket within REMATCH_GUARD_MS of a match that may still be wrapping up
    await play([w1, w2]);
    await play([l1, l2]);
    const top = await rpc<any>(a, 'tournament_get_leaderboard', { ...br, tournament_id: id, limit: 10 });
    expect(top.records.map((r: any) => r.score)).toEqual(field.map((p) => expected.get(p)!).sort((x, y) => y - x));
    expect(top.records.filter((r: any) => r.user_id === idle.userId)[0]).toMatchObject({ score: 0 });
    expect(top.me).toMatchObject({ user_id: a.userId, score: expected.get(a) });
    const around = await rpc<any>(idle, 'tournament_get_leaderboard', { ...br, tournament_id: id, around_me: true, limit: 3 });
    expect(around.me).toMatchObject({ user_id: idle.userId, score: 0 });
    const mine = (await rpc<any>(a, 'tournament_get_my_tournaments', br)).entries.filter((e: any) => e.tournament_id === id)[0];
    expect(mine).toMatchObject({ status: 'joined', matches: 2, score: expected.get(a) });
    expect(await rpcError(rpc(a, 'tournament_leave', { ...br, tournament_id: id }))).toMatchObject({ status: 400, code: 9 });

    // At the end Nakama's callback settles; every player's lazy check races it, twice over.
    await sleep(Math.max(0, endsAt - Date.now()) + 300);
    await Promise.all([...field, ...field].map((p) => rpc(p, 'tournament_get_my_tournaments', br)));
    // Ranks: equal scores share one and split what the ranks they cover pay (docs/tournaments.md).
    const pays = [30, 10];
    const prizeOf = (p: Player) => {
      const score = expected.get(p)!;
      const rank = 1 + field.filter((q) => expected.get(q)! > score).length;
      const tied = field.filter((q) => expected.get(q) === score).length;
      return score === 0 ? 0 : Math.floor(pays.slice(rank - 1, rank - 1 + tied).reduce((x, y) => x + y, 0) / tied);
    };
    for (const p of field) {
      expect({ user: p.userId, moves: await ledgerOf(p, LASTTOLIVE.id, 'gems', id) }).toEqual({ user: p.userId, moves: { entry_fee: [-5], ...(prizeOf(p) > 0 ? { prize: [prizeOf(p)] } : {}) } });
      expect(noticesOf(p, 303, id)).toHaveLength(prizeOf(p) > 0 ? 1 : 0);
    }
    const first = field.slice().sort((x, y) => expected.get(y)! - expected.get(x)!)[0];
    const past = await rpc<any>(first, 'tournament_get_past_results', { ...br, tournament_id: id });
    expect(past.results).toEqual([expect.objectContaining({ status: 'rewards_distributed', rank: 1, score: expected.get(first), prize: { currencies: { gems: prizeOf(first) } } })]);
    expect(past.results[0].top.map((r: any) => r.score)).toEqual(top.records.map((r: any) => r.score));
    expect(await rpcError(rpc(idle, 'tournament_join', { ...br, tournament_id: id }))).toMatchObject({ status: 400, code: 9 });
  }, 180 * SECOND);
});

/** Two players matchmake into a LastToLive solo match and their bots fight it out; the result. */
async function playBrMatch(pair: Player[]): Promise<BrResult> {
  const matched = Promise.all(pair.map((p) => new Promise<MatchmakerMatched>((resolve) => { p.socket.onmatchmakermatched = resolve; })));
  for (const p of pair) await p.socket.addMatchmaker('*', 2, 2, { game_id: LASTTOLIVE.id, mode: 'solo' });
  const matchId = (await matched)[0].match_id;
  const seen = pair.map((p) => p.matchData.length);
  for (const p of pair) {
    const bot = createClientBot(p.userId);
    const received = p.socket.onmatchdata;
    p.socket.onmatchdata = (m) => {
      received(m);
      if (m.match_id !== matchId) return;
      for (const out of bot.receive(m.op_code, decode(m.data)) || []) void p.socket.sendMatchState(matchId, out.opCode, encode(out.payload));
    };
  }
  await Promise.all(pair.map((p) => p.socket.joinMatch(matchId)));
  const result = await pair[0].until(() => {
    const m = pair[0].matchData.slice(seen[0]).filter((x) => x.opCode === BR_OP.MATCH_RESULT)[0];
    return m && decode<BrResult>(m.data);
  }, 'the match result', 60 * SECOND);
  return result;
}
