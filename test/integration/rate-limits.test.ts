import { QUIZVERSE_ID } from '../support/quiz';
import { connectPlayer, rpc, rpcError, serverRpc, type Player } from './support/nakama';

/**
 * Rate limits on the real server, where RPCs run in a pool of VMs: the counters live in Nakama's
 * node-local cache, so the limit holds whichever VM serves a call (module globals would not).
 */
describe('rate limits on a real Nakama', () => {
  let player: Player;
  beforeAll(async () => { player = await connectPlayer('limits'); });
  afterAll(() => player?.close());

  test('30 writes of one RPC per 10 s, across pooled VMs; then RESOURCE_EXHAUSTED with retry_after_ms; servers are not limited', async () => {
    const body = { game_id: QUIZVERSE_ID };
    // 40 calls at once: Nakama spreads them over its pooled VMs.
    const results = await Promise.all(Array.from({ length: 40 }, () => rpc(player, 'matchmaking_cancel', body).then(() => 'ok', (r: Response) => r.status)));
    // At least the 30 allowed; calls in flight together may slip through (the counter is read, then written).
    expect(results.filter((r) => r === 'ok').length).toBeGreaterThanOrEqual(30);
    expect(results.filter((r) => r === 429).length).toBeGreaterThan(0);
    // Per-VM counters would admit this one in some other VM; the shared node-local counter refuses it.
    const refused = await rpcError(rpc(player, 'matchmaking_cancel', body));
    expect(refused).toMatchObject({ status: 429, code: 8, message: expect.stringMatching(/^RESOURCE_EXHAUSTED: rate limit: matchmaking_cancel allows 30 calls per 10 s; retry_after_ms=\d+$/) });
    const status = await rpc<any>(player, 'rate_limit_status', {});
    expect(status.rpcs.matchmaking_cancel).toMatchObject({ limit: 30, remaining: 0 });
    // Reads have their own budget; the http key (a trusted backend) is not limited.
    expect(await rpc<any>(player, 'matchmaking_get_status', body)).toMatchObject({ state: expect.any(String) });
    for (let i = 0; i < 35; i++) await serverRpc('metrics_get_summary', {});
  });
});
