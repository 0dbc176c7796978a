import type { MatchmakerMatched } from '@heroiclabs/nakama-js';
import { version } from '../../package.json';
import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { QUIZVERSE_ID } from '../support/quiz';
import { connectPlayer, rpc, rpcError, serverCall, serverRpc, type Player } from './support/nakama';

/** Health checks on the real server: the cheap check for players and monitors, the detailed one for admins. */
describe('health checks on a real Nakama', () => {
  const players: Player[] = [];
  afterAll(() => players.forEach((p) => p.close()));

  test('health_check answers a player and the http key; the detailed check sees the database and a running duel', async () => {
    const pair = await Promise.all([connectPlayer('health1'), connectPlayer('health2')]);
    players.push(...pair);
    const module = { name: 'nakama-live-games', version };
    expect(await rpc(pair[0], 'health_check', {})).toMatchObject({ status: 'ok', module, node: expect.any(String) });
    const monitor = await serverCall('health_check', {});
    expect(monitor).toMatchObject({ status: 200, body: { status: 'ok', module } });
    expect(await rpcError(rpc(pair[0], 'health_check_detailed', {}))).toMatchObject({ status: 403, code: 7 });

    const matched = Promise.all(pair.map((p) => new Promise<MatchmakerMatched>((resolve) => { p.socket.onmatchmakermatched = resolve; })));
    for (const p of pair) await p.socket.addMatchmaker('*', 2, 2, { game_id: QUIZVERSE_ID, mode: 'duel' });
    const matchId = (await matched)[0].match_id;
    for (const p of pair) await p.socket.joinMatch(matchId);

    // Nakama lists matches from its label index, which takes in new matches within about a second.
    let detailed = await serverRpc<any>('health_check_detailed', {});
    // Other tests' matches may be listed already, so wait for this one's two players (presences count once joined).
    for (let tries = 0; detailed.matches[QUIZVERSE_ID].players < 2 && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      detailed = await serverRpc<any>('health_check_detailed', {});
    }
    expect(detailed).toMatchObject({ status: 'ok', module, database: { reachable: true, latency_ms: expect.any(Number), schema_version: 1 } });
    expect(detailed.database.latency_ms).toBeLessThan(1000);
    expect(detailed.matches[QUIZVERSE_ID].matches).toBeGreaterThanOrEqual(1);
    expect(detailed.matches[QUIZVERSE_ID].players).toBeGreaterThanOrEqual(2);
    expect(detailed.matches[LASTTOLIVE.id]).toEqual({ matches: expect.any(Number), players: expect.any(Number) });
    expect(detailed.games.map((g: { id: string }) => g.id)).toEqual([QUIZVERSE_ID, LASTTOLIVE.id]);
    expect(detailed.plugins).toEqual(expect.arrayContaining(['health', 'tournaments']));
    for (const p of pair) await p.socket.leaveMatch(matchId);
  });

  test('the empty-loop floor of the benchmarks cannot be started on a server not run for benchmarks, nor by a player', async () => {
    const player = await connectPlayer('floor1');
    players.push(player);
    expect(await rpcError(rpc(player, 'floor_matches_create', { count: 1, tick_rate: 10, seconds: 1 }))).toMatchObject({ code: 7 });
    const refused = await serverCall('floor_matches_create', { count: 1, tick_rate: 10, seconds: 1 });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe('FAILED_PRECONDITION: floor_matches_create: this server does not run with the runtime env LIVE_GAMES_BENCH=enabled');
  });
});
