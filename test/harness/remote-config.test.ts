import { cohortOf } from '../../plugins/experiments/assignment';
import { REMOTE_CONFIG_DEFAULTS } from '../../plugins/remote-config/defaults';
import { failure, gameRpc, loadHarness } from '../support/harness-duel';
import { QUIZVERSE_ID } from '../support/quiz';

/** Remote config on the built bundle in the harness (the real-server twin is test/integration/remote-config.test.ts). */
describe('remote config in the harness', () => {
  test('fetch merges built-in, game default and cohort variant; updates are versioned and roll back', async () => {
    const h = await loadHarness('remote-config');
    const rpc = gameRpc(h);
    const players = Array.from({ length: 8 }, () => h.createUser());
    const builtIn = REMOTE_CONFIG_DEFAULTS[QUIZVERSE_ID];
    expect(rpc('remote_config_fetch', {}, players[0])).toEqual({ version: 0, config: builtIn, cohorts: {} });

    expect(failure(() => rpc('remote_config_update', { default: { motd: 'hi' } }, players[0]))).toContain('PERMISSION_DENIED');
    const v1 = rpc('remote_config_update', { default: { motd: 'Season 3', features: { friends: false } }, reason: 'season launch', expected_version: 0 }).version;
    expect(v1).toMatchObject({ version: 1, updated_by: 'http_key', reason: 'season launch', changes: [{ path: 'default.motd', change: 'added' }, { path: 'default.features', change: 'added' }] });
    expect(rpc('remote_config_fetch', {}, players[0])).toEqual({ version: 1, config: { ...builtIn, motd: 'Season 3', features: { ...(builtIn.features as object), friends: false } }, cohorts: {} });
    expect(failure(() => rpc('remote_config_update', { default: { motd: 'x' }, expected_version: 0 }))).toContain('expected_version: the config is at version 1, not 0');

    const cohorts = [{ id: 'control', weight: 0.5 }, { id: 'no_shop', weight: 0.5 }];
    expect(failure(() => rpc('remote_config_update', { variants: { shop_test: { no_shop: {} } } }))).toContain('variants.shop_test: QuizVerse has no experiment shop_test');
    const { experiment } = rpc('experiment_create', { experiment: { id: 'shop_test', name: 'Shop', cohorts } });
    expect(failure(() => rpc('remote_config_update', { variants: { shop_test: { nope: {} } } }))).toContain('variants.shop_test.nope: shop_test has no cohort nope (control, no_shop)');
    rpc('remote_config_update', { variants: { shop_test: { no_shop: { features: { shop: false } } } } });
    for (const p of players) {
      const cohort = cohortOf(experiment, p);
      const fetched = rpc('remote_config_fetch', {}, p);
      expect(fetched.cohorts).toEqual({ shop_test: cohort });
      expect(fetched.config.features.shop).toBe(cohort === 'control');
      expect(rpc('experiment_get_assignment', { experiment_id: 'shop_test' }, p)).toMatchObject({ cohort }); // fetching exposed them
    }
    // Server-to-server: the game default.
    expect(rpc('remote_config_fetch', {}).config.features.shop).toBe(true);

    const rolled = rpc('remote_config_rollback', { version: 1, reason: 'undo shop test' }).version;
    expect(rolled).toMatchObject({ version: 3, rolled_back_to: 1, variants: {}, changes: [{ path: 'variants.shop_test', change: 'removed' }] });
    for (const p of players) expect(rpc('remote_config_fetch', {}, p)).toMatchObject({ version: 3, cohorts: {}, config: { features: { shop: true } } });
    expect(failure(() => rpc('remote_config_rollback', { version: 9 }))).toContain('QuizVerse has no config version 9');

    const history = rpc('remote_config_history', { limit: 2 });
    expect(history.versions.map((v: { version: number }) => v.version)).toEqual([3, 2]);
    expect(rpc('remote_config_history', { cursor: history.cursor }).versions.map((v: { version: number }) => v.version)).toEqual([1]);
    h.dispose();
  });
});
