import { cohortOf } from '../../plugins/experiments/assignment';
import { QUIZVERSE_ID } from '../support/quiz';
import { startFaultServer, type FaultServer } from './support/fault-server';
import { connectPlayer, rpc, rpcError, serverRpc, type Player } from './support/nakama';

const G = { game_id: QUIZVERSE_ID };
type Assignment = { experiment_id: string; cohort: string | null; exposed_at?: number; reason?: string };

/**
 * Experiments on a real Nakama of this test's own (it is restarted): cohorts are the same on every
 * call, in parallel, and after a restart; targeting by the account's language; exposures are the
 * server's, not the player's to write.
 */
describe('experiments on a real Nakama', () => {
  let s: FaultServer;
  const players: Player[] = [];

  beforeAll(async () => {
    s = await startFaultServer('experiments');
    for (let i = 0; i < 20; i++) players.push(await connectPlayer(`exp${i}`, s));
  });
  afterAll(async () => {
    players.forEach((p) => p.close());
    await s?.stop();
  });

  test('1,000 assignment calls give each player one cohort, recorded once; the same after a restart', async () => {
    const cohorts = [{ id: 'control', weight: 0.34 }, { id: 'shorter_rounds', weight: 0.33 }, { id: 'longer_rounds', weight: 0.33 }];
    const { experiment } = await serverRpc<any>('experiment_create', { ...G, experiment: { id: 'round_length', name: 'Round length', cohorts } }, s);
    expect(await rpcError(rpc(players[0], 'experiment_create', { ...G, experiment: { id: 'mine', name: 'Mine', cohorts } }))).toMatchObject({ status: 403 });
    expect((await rpc<any>(players[0], 'experiments_list_active', G)).experiments.map((e: { id: string }) => e.id)).toEqual(['round_length']);

    // 50 calls per player, 10 at a time (the first ten race to record the exposure).
    const answers = await Promise.all(players.map(async (p) => {
      const got: Assignment[] = [];
      for (let wave = 0; wave < 5; wave++) {
        got.push(...await Promise.all(Array.from({ length: 10 }, () => rpc<Assignment>(p, 'experiment_get_assignment', { ...G, experiment_id: 'round_length' }))));
      }
      return got;
    }));
    expect(answers.flat()).toHaveLength(1000);
    const first = answers.map((got) => got[0]);
    players.forEach((p, i) => {
      expect(first[i]).toEqual({ experiment_id: 'round_length', cohort: cohortOf(experiment, p.userId), exposed_at: expect.any(Number) });
      for (const a of answers[i]) expect(a).toEqual(first[i]);
    });
    expect(new Set(first.map((a) => a.cohort)).size).toBeGreaterThan(1);

    await s.kill();
    await s.start();
    for (const [i, p] of players.entries()) expect(await rpc<Assignment>(p, 'experiment_get_assignment', { ...G, experiment_id: 'round_length' })).toEqual(first[i]);

    // The exposure record is the server's: the player's own storage write is refused.
    const write = players[0].client.writeStorageObjects(players[0].session, [{ collection: `${QUIZVERSE_ID}:experiment_exposures`, key: 'exposures', value: { experiments: {} } }]);
    expect(await rpcError(write)).toMatchObject({ status: 403 });

    await serverRpc('experiment_end', { ...G, experiment_id: 'round_length' }, s);
    expect(await rpc<Assignment>(players[1], 'experiment_get_assignment', { ...G, experiment_id: 'round_length' })).toEqual({ experiment_id: 'round_length', cohort: null, reason: 'not_running' });
  });

  test("targeting reads the player's account language", async () => {
    const cohorts = [{ id: 'a', weight: 0.5 }, { id: 'b', weight: 0.5 }];
    await serverRpc('experiment_create', { ...G, experiment: { id: 'portuguese_copy', name: 'Copy', cohorts, targeting: { lang_tags: ['pt-BR'] } } }, s);
    const [brazilian, other] = players;
    await brazilian.client.updateAccount(brazilian.session, { lang_tag: 'pt-BR' });
    expect(await rpc<Assignment>(other, 'experiment_get_assignment', { ...G, experiment_id: 'portuguese_copy' })).toEqual({ experiment_id: 'portuguese_copy', cohort: null, reason: 'not_targeted' });
    expect(await rpc<Assignment>(brazilian, 'experiment_get_assignment', { ...G, experiment_id: 'portuguese_copy' })).toMatchObject({ cohort: expect.stringMatching(/^(a|b)$/) });
  });
});
