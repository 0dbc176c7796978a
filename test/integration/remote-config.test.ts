import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { cohortOf } from '../../plugins/experiments/assignment';
import { connectPlayer, rpc, rpcError, serverRpc, type Player } from './support/nakama';

const G = { game_id: LASTTOLIVE.id };
type Fetched = { version: number; config: any; cohorts: { [experiment: string]: string } };

/** Remote config on the real server: versioned updates, fetches through the node cache, cohort variants, rollback. */
describe('remote config on a real Nakama', () => {
  const players: Player[] = [];
  afterAll(() => players.forEach((p) => p.close()));

  test('an update is fetched at once through the cache, a cohort gets its variant, a rollback restores the old version', async () => {
    for (let i = 0; i < 6; i++) players.push(await connectPlayer(`config${i}`));
    const [admin] = players;
    const start = await rpc<Fetched>(admin, 'remote_config_fetch', G);
    expect(await rpcError(rpc(admin, 'remote_config_update', { ...G, default: { motd: 'mine' } }))).toMatchObject({ status: 403 });

    const motd = `drop zone open ${Date.now()}`;
    const { version: updated } = await serverRpc<any>('remote_config_update', { ...G, default: { ...start.config, motd }, expected_version: start.version, reason: 'weekend' });
    expect(updated).toMatchObject({ version: start.version + 1, reason: 'weekend', updated_by: 'http_key', changes: expect.arrayContaining([{ path: 'default.motd', change: start.version === 0 ? 'added' : 'changed' }]) });
    const stale = await serverRpc<any>('remote_config_update', { ...G, default: { motd: 'late' }, expected_version: start.version }).catch((e: Error) => e.message);
    expect(stale).toContain(`the config is at version ${start.version + 1}`);

    const hitsBefore = (await serverRpc<any>('cache_stats', {})).caches.remote_config.hits;
    for (const p of players) expect(await rpc<Fetched>(p, 'remote_config_fetch', G)).toMatchObject({ version: start.version + 1, config: { motd } });
    expect((await serverRpc<any>('cache_stats', {})).caches.remote_config.hits - hitsBefore).toBeGreaterThanOrEqual(players.length - 1);

    const id = `loot_${Date.now().toString(36)}`;
    const { experiment } = await serverRpc<any>('experiment_create', { ...G, experiment: { id, name: 'Loot', cohorts: [{ id: 'control', weight: 0.5 }, { id: 'rich', weight: 0.5 }] } });
    await serverRpc('remote_config_update', { ...G, variants: { [id]: { rich: { loot: { multiplier: 2 } } } } });
    for (const p of players) {
      const got = await rpc<Fetched>(p, 'remote_config_fetch', G);
      const cohort = cohortOf(experiment, p.userId);
      expect(got.cohorts[id]).toBe(cohort);
      expect(got.config.loot?.multiplier).toBe(cohort === 'rich' ? 2 : undefined);
    }

    const { version: rolled } = await serverRpc<any>('remote_config_rollback', { ...G, version: start.version + 1, reason: 'undo loot' });
    expect(rolled).toMatchObject({ version: start.version + 3, rolled_back_to: start.version + 1 });
    for (const p of players) {
      const got = await rpc<Fetched>(p, 'remote_config_fetch', G);
      expect(got).toMatchObject({ version: start.version + 3, config: { motd } });
      expect(got.config.loot).toBeUndefined();
    }
    const { versions } = await serverRpc<any>('remote_config_history', { ...G, limit: 3 });
    expect(versions.map((v: { version: number; reason: string }) => [v.version, v.reason])).toEqual([[start.version + 3, 'undo loot'], [start.version + 2, ''], [start.version + 1, 'weekend']]);
    await serverRpc('experiment_end', { ...G, experiment_id: id });
  });
});
