import { version } from '../../package.json';
import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { failure, loadHarness, startDuel } from '../support/harness-duel';
import { QUIZVERSE_ID } from '../support/quiz';

/** Health checks on the built bundle in the harness (the real-server twin is test/integration/health.test.ts). */
describe('health checks in the harness', () => {
  test('health_check answers players and servers from memory; the detailed check counts matches and reports a database that fails', async () => {
    const h = await loadHarness('health');
    const { alice } = startDuel(h);
    for (const caller of [{ userId: alice }, {}]) {
      expect(JSON.parse(h.rpc('health_check', {}, caller))).toEqual({ status: 'ok', module: { name: 'nakama-live-games', version }, node: 'harness', time: h.now() });
    }
    expect(failure(() => h.rpc('health_check_detailed', {}, { userId: alice }))).toContain('PERMISSION_DENIED');

    const detailed = JSON.parse(h.rpc('health_check_detailed', {}));
    expect(detailed).toMatchObject({ status: 'ok', database: { reachable: true, schema_version: 1 }, matches: { [QUIZVERSE_ID]: { matches: 1, players: 2 }, [LASTTOLIVE.id]: { matches: 0, players: 0 } } });
    expect(detailed.games.map((g: { id: string }) => g.id)).toEqual([QUIZVERSE_ID, LASTTOLIVE.id]);
    expect(detailed.plugins).toEqual(expect.arrayContaining(['health', 'tournaments', 'achievements']));
    expect(Object.keys(detailed.caches)).toContain('tournament_definitions');

    h.failNext('storageRead', 'failed to connect to `user=postgres`: dial error');
    expect(JSON.parse(h.rpc('health_check_detailed', {}))).toMatchObject({ status: 'degraded', database: { reachable: false, error: 'failed to connect to `user=postgres`: dial error' } });
    h.dispose();
  });
});
