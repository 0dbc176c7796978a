import type { DomainEvent } from '../../core/events';
import { MODULE } from '../../main';
import type { Harness } from '../../tools/harness';
import { failure, gameRpc, loadHarness, playDuel } from '../support/harness-duel';

/**
 * The per-game leaderboards (docs/leaderboards.md) in the harness: a played duel's events put each
 * player's match score on the QuizVerse boards; delivering the match's events again (as after a
 * crash) counts nothing twice; a record write that fails after the totals committed is healed by
 * the delivery's retry.
 */
interface Row { rank: number; user_id: string; username: string | null; score: number }
const silent = { debug() {}, info() {}, warn() {}, error() {} } as unknown as nkruntime.Logger;

/** Deliver until nothing is pending, retrying failed deliveries as a match would. */
function deliverAll(h: Harness, events: DomainEvent[]): void {
  const nk = h.nk as unknown as nkruntime.Nakama;
  let pending = MODULE.plugins.deliver(nk, silent, events);
  for (let i = 0; pending.length > 0 && i < 20; i++) pending = MODULE.plugins.deliver(nk, silent, [], pending.map((d) => ({ ...d, retryAt: 0 })));
  expect(pending).toEqual([]);
}

/** A played duel, its events, and each player's match score from its match_completed event. */
async function played(seed: string) {
  const h = await loadHarness(seed);
  const { alice, bob, matchId } = playDuel(h);
  const events: DomainEvent[] = JSON.parse(h.rpc('match_record_get', { match_id: matchId }, { httpKey: true })).events;
  const scoreOf = (userId: string) => events.filter((e) => e.type === 'match_completed' && e.userId === userId)[0].data.score as number;
  return { h, alice, bob, events, scores: { alice: scoreOf(alice), bob: scoreOf(bob) } };
}

describe('leaderboards in the harness', () => {
  test("a played duel puts the players' match scores on the boards; its events delivered again count nothing twice", async () => {
    const { h, alice, bob, events, scores } = await played('leaderboards');
    const rpc = gameRpc(h);
    expect(scores.alice).toBeGreaterThan(0);
    const get = (board: string, by = alice, extra: object = {}) => rpc('leaderboard_get', { board_id: board, ...extra }, by);
    const boards = () => ['score_weekly', 'score_all_time', 'best_match_all_time', 'wins_weekly'].map((b) => get(b).records);
    const weekly = get('score_weekly');
    expect(weekly.records).toEqual([
      { rank: 1, user_id: alice, username: 'alice', score: scores.alice },
      { rank: 2, user_id: bob, username: 'bob', score: scores.bob },
    ]);
    expect(weekly.me).toEqual(weekly.records[0]);
    expect(weekly.board).toMatchObject({ id: 'score_weekly', period: 'weekly', reset_cron: '0 0 * * 1' });
    expect(get('score_all_time').records).toEqual(weekly.records);
    expect(get('best_match_all_time').records).toEqual(weekly.records);
    expect(get('wins_weekly').records).toEqual([{ rank: 1, user_id: alice, username: 'alice', score: 1 }]);
    expect(get('wins_weekly', bob).me).toBeNull();
    expect(get('score_weekly', bob, { mode: 'around_me', limit: 1 })).toMatchObject({ records: [weekly.records[1]], me: weekly.records[1] });
    expect(get('score_weekly', bob, { mode: 'around_me' }).records).toEqual(weekly.records);
    const before = boards();

    deliverAll(h, events);
    deliverAll(h, events.concat(events).reverse());
    expect(boards()).toEqual(before);
    h.dispose();
  });

  test('a record write that fails after the totals committed is written by the retry, once', async () => {
    const { h: first, alice, bob, events, scores } = await played('leaderboards');
    first.dispose();
    // The same players (seeded ids) in a fresh server: their duel's events arrive, and a record write fails once.
    const h = await loadHarness('leaderboards');
    h.createUser({ username: 'alice' });
    h.createUser({ username: 'bob' });
    h.failNext('leaderboardRecordWrite');
    deliverAll(h, events);
    const rows = gameRpc(h)('leaderboard_get', { board_id: 'score_all_time' }, alice).records as Row[];
    expect(rows.map((r) => [r.user_id, r.score])).toEqual([[alice, scores.alice], [bob, scores.bob]]);
    h.dispose();
  });

  test('leaderboards_list, unknown and foreign boards, bad input', async () => {
    const h = await loadHarness('leaderboards');
    const rpc = gameRpc(h);
    const alice = h.createUser({ username: 'alice' });
    const list = rpc('leaderboards_list', {}, alice);
    expect(list.boards.map((b: { id: string }) => b.id)).toEqual(['score_weekly', 'score_all_time', 'best_match_all_time', 'wins_weekly']);
    const weekly = list.boards[0];
    expect(weekly.next_reset_at - weekly.period_started_at).toBe(7 * 86400000);
    expect(new Date(weekly.period_started_at).getUTCDay()).toBe(1);
    expect(list.boards[1]).toMatchObject({ period: 'all_time', reset_cron: null, period_started_at: null, next_reset_at: null });
    expect(failure(() => rpc('leaderboard_get', { board_id: 'kills_all_time' }, alice))).toMatch(/^NOT_FOUND: QuizVerse has no leaderboard kills_all_time/);
    expect(failure(() => rpc('leaderboard_get', { board_id: '126bf539-dae2-4bcf-964d-316c0fa1f92b:leaderboard:score_weekly' }, alice))).toMatch(/^INVALID_FIELD: board_id/);
    expect(failure(() => rpc('leaderboard_get', { board_id: 'score_weekly', mode: 'sideways' }, alice))).toMatch(/^INVALID_FIELD: mode/);
    expect(failure(() => rpc('leaderboard_get', { board_id: 'score_weekly', limit: 101 }, alice))).toMatch(/^INVALID_FIELD: limit/);
    expect(failure(() => rpc('leaderboard_get', { board_id: 'score_weekly', mode: 'around_me', cursor: 'x' }, alice))).toMatch(/^INVALID_FIELD: cursor/);
    expect(failure(() => rpc('leaderboard_get', { board_id: 'score_weekly', cursor: 'not-a-cursor' }, alice))).toMatch(/^INVALID_FIELD: cursor/);
    h.dispose();
  });
});
