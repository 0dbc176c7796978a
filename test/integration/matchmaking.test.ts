import type { MatchmakerMatched, MatchmakerTicket } from '@heroiclabs/nakama-js';
import { QUIZVERSE_ID } from '../support/quiz';
import { connectPlayer, rpc, rpcError, serverRpc, type Player } from './support/nakama';

interface FindMatch {
  rating: number;
  ticket: { query: string; min_count: number; max_count: number; string_properties: { [k: string]: string }; numeric_properties: { [k: string]: number } };
  widening: { after_seconds: number; range: number | null; min_rating: number | null; max_rating: number | null }[];
  resubmit_seconds: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll until `check` returns a value (matchmaker callbacks do not wake Player.until). */
async function eventually<T>(check: () => T | undefined, what: string, timeoutMs = 20000): Promise<T> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(100)) {
    const value = check();
    if (value !== undefined) return value;
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/**
 * Matchmaking on the real server: the server's ratings and rating windows decide who meets whom in
 * Nakama's own matchmaker. Ratings here are set far from the 1500 of fresh players (admin RPC), so
 * other test files' duels cannot match with these players.
 */
describe('matchmaking on a real Nakama', () => {
  let players: Player[] = [];
  afterAll(() => players.forEach((p) => p.close()));

  test('only an admin sets ratings by hand; a player gets PERMISSION_DENIED', async () => {
    players = await Promise.all(['mm-ann', 'mm-ben', 'mm-cat'].map((n) => connectPlayer(n)));
    const [ann] = players;
    const denied = await rpcError(rpc(ann, 'matchmaking_update_skill_rating', { game_id: QUIZVERSE_ID, user_id: ann.userId, mode: 'duel', rating: 4000 }));
    expect(denied).toMatchObject({ code: 7, message: 'PERMISSION_DENIED: this call is for admins' });
    expect(await rpc(ann, 'player_overview', { game_id: QUIZVERSE_ID })).toMatchObject({ ratings: { duel: { rating: 1500, games: 0 } } });
  });

  test('players only meet within their rating window: 3000 and 3400 wait, 3000 and 3050 are matched', async () => {
    const [ann, ben, cat] = players;
    for (const [p, rating] of [[ann, 3000], [ben, 3400], [cat, 3050]] as const) {
      expect(await serverRpc('matchmaking_update_skill_rating', { game_id: QUIZVERSE_ID, user_id: p.userId, mode: 'duel', rating })).toMatchObject({ rating: { rating } });
    }
    const matched = new Map<string, MatchmakerMatched>();
    for (const p of players) p.socket.onmatchmakermatched = (m) => { matched.set(p.userId, m); };
    const search = async (p: Player): Promise<MatchmakerTicket> => {
      const found = await rpc<FindMatch>(p, 'matchmaking_find_match', { game_id: QUIZVERSE_ID, mode: 'duel' });
      const t = found.ticket;
      return p.socket.addMatchmaker(t.query, t.min_count, t.max_count, t.string_properties, { skill: 1 }); // a forged skill: overwritten
    };
    const annFound = await rpc<FindMatch>(ann, 'matchmaking_find_match', { game_id: QUIZVERSE_ID, mode: 'duel' });
    expect(annFound).toMatchObject({ rating: 3000, resubmit_seconds: 15, ticket: { query: '*', min_count: 2, max_count: 2 } });
    expect(annFound.widening[0]).toEqual({ after_seconds: 0, range: 100, min_rating: 2900, max_rating: 3100 });
    await search(ann);
    const benTicket = await search(ben);
    await sleep(3000); // three matchmaker passes (interval 1 s): 3000 and 3400 are outside each other's window
    expect(matched.size).toBe(0);
    const benStatus = await rpc<any>(ben, 'matchmaking_get_status', { game_id: QUIZVERSE_ID });
    expect(benStatus).toMatchObject({ state: 'searching', mode: 'duel', rating: 3400, range: 100, min_rating: 3300, max_rating: 3500, in_queue: true });
    expect((await rpc<any>(ben, 'matchmaking_get_queue_stats', { game_id: QUIZVERSE_ID })).modes.duel.searching).toBeGreaterThanOrEqual(2);

    await search(cat);
    await eventually(() => matched.get(ann.userId), 'ann matched');
    const m = await eventually(() => matched.get(cat.userId), 'cat matched');
    expect(m.users.map((u) => u.presence.user_id).sort()).toEqual([ann.userId, cat.userId].sort());
    expect(m.users.map((u) => u.numeric_properties!.skill).sort()).toEqual([3000, 3050]);
    expect(m.self.string_properties!.game).toBe('quizverse');
    expect(await rpc(ann, 'matchmaking_get_status', { game_id: QUIZVERSE_ID })).toMatchObject({ state: 'matched', match_id: m.match_id, wait_ms: expect.any(Number) });
    expect(matched.has(ben.userId)).toBe(false);

    // Ben gives up: the status says so and he leaves the queue (the client removes its ticket too).
    await ben.socket.removeMatchmaker(benTicket.ticket);
    expect(await rpc(ben, 'matchmaking_cancel', { game_id: QUIZVERSE_ID })).toEqual({ cancelled: true });
    expect(await rpc(ben, 'matchmaking_get_status', { game_id: QUIZVERSE_ID })).toMatchObject({ state: 'cancelled', mode: 'duel' });
    const stats = await rpc<any>(ben, 'matchmaking_get_queue_stats', { game_id: QUIZVERSE_ID });
    expect(stats.modes.duel.matched).toBeGreaterThanOrEqual(2);
    expect(stats.window_seconds).toBe(900);
  });
});
