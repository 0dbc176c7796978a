import { QUIZVERSE_ID } from '../support/quiz';
import { connectPlayer, rpc, rpcError, server, serverRpc, type Player } from './support/nakama';

/** Metrics on the real server: Nakama's Prometheus endpoint carries the module's counters; admins read totals. */
describe('metrics on a real Nakama', () => {
  let player: Player;
  beforeAll(async () => { player = await connectPlayer('metrics'); });
  afterAll(() => player?.close());

  test("RPC calls and errors reach Nakama's Prometheus endpoint and the admin metrics RPCs", async () => {
    await rpc(player, 'player_overview', { game_id: QUIZVERSE_ID });
    await rpcError(rpc(player, 'player_overview', { game_id: 'not-a-game' }));
    expect(await rpcError(rpc(player, 'metrics_get_summary', {}))).toMatchObject({ status: 403, code: 7 });

    const port = process.env.NAKAMA_METRICS_PORT;
    expect(port).toBeTruthy();
    const text = await (await fetch(`http://${server().host}:${port}/metrics`)).text();
    const sample = (pattern: RegExp) => text.split('\n').filter((line) => pattern.test(line) && !line.startsWith('#'));
    expect(sample(/custom_rpc_calls\{.*result="ok".*rpc="player_overview"|custom_rpc_calls\{.*rpc="player_overview".*result="ok"/).length).toBeGreaterThan(0);
    expect(sample(/custom_rpc_calls\{.*INVALID_FIELD/).length).toBeGreaterThan(0);
    expect(sample(/custom_rpc_latency/).length).toBeGreaterThan(0);

    const stats = await serverRpc<any>('metrics_get_rpc_stats', {});
    expect(stats.rpcs.player_overview.calls).toBeGreaterThanOrEqual(2);
    expect(stats.rpcs.player_overview.errors).toBeGreaterThanOrEqual(1);
    const summary = await serverRpc<any>('metrics_get_summary', {});
    expect(summary.rpc.calls).toBeGreaterThanOrEqual(3);
    expect(Object.keys(summary.players_in_matches)).toContain(QUIZVERSE_ID);
    expect((await serverRpc<any>('metrics_export', {})).text).toMatch(/module_rpc_calls\{rpc="player_overview"\} \d+/);
  });
});
