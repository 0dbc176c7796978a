import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { QUIZVERSE } from '../../matches/quiz/game-quizverse';
import { matchResult } from '../support/quiz';
import { connectPlayer, rpc, rpcError, server, type Player } from './support/nakama';
import { matchDuel, playAnswering } from './support/quiz-bots';

/**
 * The per-game leaderboards on the real server (docs/leaderboards.md): QuizVerse duels played by
 * nakama-js clients put the match scores on the boards the server creates; leaderboard_get shows
 * the top, the records around the caller and the caller's friends; a client's own write to a board
 * is refused; another game's board is not reachable.
 */
const G = { game_id: QUIZVERSE.id };
interface Row { rank: number; user_id: string; username: string | null; score: number }
interface Board { records: Row[]; next_cursor: string; me: Row | null; board: { id: string; period: string } }

/** `winner` wins a duel against `loser` (right answers against wrong ones); the winner's match score. */
async function duel(winner: Player, loser: Player): Promise<number> {
  winner.matchData.length = 0;
  const matchId = await matchDuel(winner, loser);
  await Promise.all([playAnswering(winner, matchId, true), playAnswering(loser, matchId, false)]);
  const result = await winner.until(() => matchResult(winner.matchData), 'the match result', 60000);
  await Promise.all([winner, loser].map((p) => p.socket.leaveMatch(matchId)));
  expect(result.standings.map((s) => s.userId)).toEqual([winner.userId, loser.userId]);
  return result.standings[0].score;
}

const get = (p: Player, board_id: string, extra: object = {}) => rpc<Board>(p, 'leaderboard_get', { ...G, board_id, ...extra });

/** Poll until `check` holds (records are written right after the match's end is delivered). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const value = await read();
    if (check(value) || i >= 50) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('leaderboards (real server)', () => {
  let alice: Player;
  let bob: Player;
  let carol: Player;
  const won: { [who: string]: number } = {};
  beforeAll(async () => {
    [alice, bob, carol] = await Promise.all([connectPlayer('lb-alice'), connectPlayer('lb-bob'), connectPlayer('lb-carol')]);
    // alice and carol are friends (both asked: Nakama's mutual state 0); bob is nobody's friend.
    await alice.client.addFriends(alice.session, [carol.userId]);
    await carol.client.addFriends(carol.session, [alice.userId]);
    won.alice = await duel(alice, bob);
    won.carol = await duel(carol, bob);
    won.alice2 = await duel(alice, bob);
  }, 240000);
  afterAll(() => [alice, bob, carol].forEach((p) => p.close()));

  test('the duels put the match scores on the boards: top, around me and friends', async () => {
    const total = won.alice + won.alice2;
    // Other test files' duels write the same boards: each player's own record, and the order among ours.
    const mine = await Promise.all([alice, carol, bob].map((p) => eventually(() => get(p, 'score_weekly'), (b) => b.me !== null && (p !== alice || b.me.score === total))));
    expect(mine.map((b) => [b.me!.user_id, b.me!.score])).toEqual([[alice.userId, total], [carol.userId, won.carol], [bob.userId, 0]]);
    const byScore = mine.map((b) => b.me!).sort((a, b) => b.score - a.score);
    expect(byScore.map((r) => r.rank)).toEqual(byScore.map((r) => r.rank).sort((a, b) => a - b));
    const top = await get(bob, 'score_weekly', { limit: 100 });
    expect(top.records.map((r) => r.rank)).toEqual(top.records.map((_, i) => i + 1));
    expect(top.me).toMatchObject({ user_id: bob.userId, score: 0 });
    // Other test files' duels write the same boards: alice's rank is her place among them.
    const allTime = await get(alice, 'score_all_time', { limit: 100 });
    const place = allTime.records.findIndex((r) => r.user_id === alice.userId) + 1;
    expect(allTime.me).toMatchObject({ user_id: alice.userId, score: total });
    if (place > 0) expect(allTime.me!.rank).toBe(place);
    else expect(allTime.me!.rank).toBeGreaterThan(100);
    expect((await get(alice, 'best_match_all_time')).me!.score).toBe(Math.max(won.alice, won.alice2));
    expect((await get(alice, 'wins_weekly')).me!.score).toBe(2);
    expect((await get(carol, 'wins_weekly')).me!.score).toBe(1);
    expect((await get(bob, 'wins_weekly')).me).toBeNull();

    // A page at a time: the second page of one goes on where the first ended.
    const first = await get(bob, 'score_weekly', { limit: 1 });
    const second = await get(bob, 'score_weekly', { limit: 1, cursor: first.next_cursor });
    expect([first.records[0].rank, second.records[0].rank]).toEqual([1, 2]);
    expect(second.records[0].user_id).not.toBe(first.records[0].user_id);
    expect(second.records[0].score).toBeLessThanOrEqual(first.records[0].score);

    const around = await get(carol, 'score_weekly', { mode: 'around_me', limit: 3 });
    expect(around.records.map((r) => r.user_id)).toContain(carol.userId);
    expect(around.me).toMatchObject({ user_id: carol.userId, score: won.carol });

    const friends = await get(alice, 'score_weekly', { mode: 'friends' });
    expect(friends.records.map((r) => [r.user_id, r.score])).toEqual([[alice.userId, total], [carol.userId, won.carol]].sort((a, b) => (b[1] as number) - (a[1] as number)));
    expect(friends.records.every((r, i) => r.rank === top.records.filter((t) => t.user_id === r.user_id)[0].rank && (i === 0 || r.score <= friends.records[i - 1].score))).toBe(true);
    const lonely = await get(bob, 'score_weekly', { mode: 'friends' });
    expect(lonely.records.map((r) => r.user_id)).toEqual([bob.userId]);
  });

  test("leaderboards_list: the game's boards and their resets", async () => {
    const list = await rpc<{ boards: { id: string; period: string; reset_cron: string | null; period_started_at: number | null; next_reset_at: number | null }[] }>(alice, 'leaderboards_list', G);
    expect(list.boards.map((b) => b.id)).toEqual(['score_weekly', 'score_all_time', 'best_match_all_time', 'wins_weekly']);
    const weekly = list.boards[0];
    expect(weekly).toMatchObject({ period: 'weekly', reset_cron: '0 0 * * 1' });
    expect(new Date(weekly.next_reset_at!).toISOString()).toMatch(/T00:00:00\.000Z$/);
    expect(new Date(weekly.next_reset_at!).getUTCDay()).toBe(1);
    expect(weekly.next_reset_at! - Date.now()).toBeLessThanOrEqual(7 * 86400000);
  });

  test("a client's own write to a board is refused; its score stays the server's", async () => {
    const id = `${QUIZVERSE.id}:leaderboard:score_weekly`;
    expect(await rpcError(bob.client.writeLeaderboardRecord(bob.session, id, { score: '1000000' }))).toMatchObject({ status: 403, code: 7 });
    // nakama-js has no call for it: Nakama's HTTP API directly.
    const { host, port } = server();
    const deleted = await fetch(`http://${host}:${port}/v2/leaderboard/${encodeURIComponent(id)}`, { method: 'DELETE', headers: { authorization: `Bearer ${bob.session.token}` } });
    expect(deleted.status).toBe(403);
    const listed = await bob.client.listLeaderboardRecords(bob.session, id, [bob.userId], 1);
    expect((listed.owner_records || []).map((r) => [r.owner_id, Number(r.score)])).toEqual([[bob.userId, 0]]);
    expect((await get(bob, 'score_weekly')).me!.score).toBe(0);
  });

  test("another game's boards are not reachable; bad input is refused", async () => {
    expect(await rpcError(get(alice, 'kills_all_time'))).toMatchObject({ status: 404, message: expect.stringMatching(/^NOT_FOUND: QuizVerse has no leaderboard kills_all_time/) });
    expect(await rpcError(get(alice, `${LASTTOLIVE.id}:leaderboard:wins_weekly`))).toMatchObject({ status: 400, message: expect.stringMatching(/^INVALID_FIELD: board_id/) });
    // LastToLive's wins_weekly is its own board: QuizVerse wins are not on it.
    const br = await rpc<Board>(alice, 'leaderboard_get', { game_id: LASTTOLIVE.id, board_id: 'wins_weekly' });
    expect(br.me).toBeNull();
    expect(br.records.filter((r) => r.user_id === alice.userId)).toEqual([]);
    for (const extra of [{ mode: 'everyone' }, { limit: 0 }, { limit: 101 }, { mode: 'friends', cursor: 'x' }, { cursor: 'forged' }, { extra: 1 }]) {
      expect(await rpcError(get(alice, 'score_weekly', extra))).toMatchObject({ status: 400, message: expect.stringMatching(/^INVALID_FIELD: /) });
    }
  });
});
