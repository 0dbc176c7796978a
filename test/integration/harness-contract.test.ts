import type { Harness } from '../../tools/harness';
import { loadHarness } from '../support/harness-duel';
import { QUIZVERSE_ID } from '../support/quiz';
import { connectPlayer, rpcError, server, type Player } from './support/nakama';

/**
 * The harness must behave like the real server for what the module uses: each case runs on both
 * and the answers are compared. A difference means the harness (or our reading of Nakama) is wrong.
 */
describe('harness contract: same cases, same answers as the real Nakama', () => {
  let h: Harness;
  let player: Player;
  let harnessUser: string;

  beforeAll(async () => {
    h = await loadHarness('contract');
    harnessUser = h.createUser({ username: 'contract' });
    player = await connectPlayer('contract');
  });
  afterAll(() => {
    h?.dispose();
    player?.close();
  });

  const harnessError = (call: () => unknown) => {
    try {
      call();
    } catch (e) {
      const { code, message } = e as { code: number; message: string };
      return { code, message };
    }
    throw new Error('expected the harness call to fail');
  };

  test('player_overview answers a new player identically', async () => {
    const real = (await player.client.rpc(player.session, 'player_overview', { game_id: QUIZVERSE_ID })).payload;
    const twin = JSON.parse(h.rpc('player_overview', { game_id: QUIZVERSE_ID }, { userId: harnessUser }));
    expect(twin).toEqual(real);
  });

  test.each([
    ['an empty payload', ''],
    ['broken JSON', '{"game_id":'],
    ['an array', '[1]'],
    ['a bad game id', JSON.stringify({ game_id: 'nope' })],
    ['an unknown game', JSON.stringify({ game_id: '00000000-0000-4000-8000-000000000000' })],
    ['an unknown field', JSON.stringify({ game_id: QUIZVERSE_ID, limit: 5 })],
  ])('player_overview with %s fails with the same code and message', async (_, body) => {
    const { host, port } = server();
    const res = await fetch(`http://${host}:${port}/v2/rpc/player_overview?unwrap`, {
      method: 'POST', headers: { authorization: `Bearer ${player.session.token}` }, body,
    });
    const real = await res.json();
    expect(harnessError(() => h.rpc('player_overview', body, { userId: harnessUser }))).toEqual({ code: real.code, message: real.message });
  });

  test('a call without a user fails the same way', async () => {
    const { host, port, httpKey } = server();
    const res = await fetch(`http://${host}:${port}/v2/rpc/player_overview?http_key=${httpKey}&unwrap`, { method: 'POST', body: JSON.stringify({ game_id: QUIZVERSE_ID }) });
    const real = await res.json();
    expect(harnessError(() => h.rpc('player_overview', { game_id: QUIZVERSE_ID }, { httpKey: true }))).toEqual({ code: real.code, message: real.message });
  });

  test('a ticket for an unknown mode is refused with the same message', async () => {
    const props = { game_id: QUIZVERSE_ID, mode: 'royale' };
    const real = await player.socket.addMatchmaker('*', 2, 2, props).then(() => null, (e) => e);
    const twin = harnessError(() => h.matchmake([{ presence: harnessUser, properties: props }, { presence: h.createUser(), properties: props }]));
    expect(twin).toEqual({ code: real.code, message: real.message });
  });
});
