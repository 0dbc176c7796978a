import { QUIZVERSE_ID } from '../support/quiz';
import { connectPlayer, rpc, rpcError, server, type Player } from './support/nakama';

describe('player_overview on a real Nakama', () => {
  let player: Player;
  beforeAll(async () => { player = await connectPlayer('menu'); });
  afterAll(() => player?.close());

  test('a new player sees an empty wallet and locked achievements', async () => {
    const view = await rpc<any>(player, 'player_overview', { game_id: QUIZVERSE_ID });
    expect(view).toEqual({
      game_id: QUIZVERSE_ID,
      wallet: { coins: 0, xp: 0 },
      achievements: expect.arrayContaining([{
        id: 'first_correct_answer', name: 'First Correct Answer', description: expect.any(String), category: 'answers', rarity: 'common', points: 5,
        hidden: false, kind: 'simple', progress: 0, target: 1, tier: null, unlocked: false, unlocked_at: null, claimable: false,
        rewards: { currencies: { coins: 50 } }, tiers: null, children: null,
      }]),
      ratings: { duel: { rating: 1500, games: 0 }, party: { rating: 1500, games: 0, mu: 1500, sigma: 500 } },
    });
  });

  test.each([
    [{}, 400, 'INVALID_FIELD: game_id: required'],
    [{ game_id: 'quizverse' }, 400, 'INVALID_FIELD: game_id: must be a lowercase UUID'],
    [{ game_id: '00000000-0000-4000-8000-000000000000' }, 400, 'UNKNOWN_GAME: unknown game_id "00000000-0000-4000-8000-000000000000"'],
    [{ game_id: QUIZVERSE_ID, extra: 1 }, 400, 'INVALID_FIELD: extra: unknown field'],
  ])('payload %j is refused with %i %s', async (payload, status, message) => {
    const error = await rpcError(player.client.rpc(player.session, 'player_overview', payload));
    expect(error).toMatchObject({ status, code: 3, message });
  });

  test('a server-to-server call without a user is refused', async () => {
    const { host, port, httpKey } = server();
    const res = await fetch(`http://${host}:${port}/v2/rpc/player_overview?http_key=${httpKey}&unwrap`, {
      method: 'POST', body: JSON.stringify({ game_id: QUIZVERSE_ID }),
    });
    expect(res.status).toBe(401);
    expect((await res.json()).message).toBe('UNAUTHENTICATED: this call needs a user session');
  });
});
