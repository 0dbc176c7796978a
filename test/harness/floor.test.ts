import { Harness } from '../../tools/harness';
import { failure, loadHarness } from '../support/harness-duel';

/** The empty-loop floor of the capacity figures (plugins/floor): benchmark servers only; it takes anyone, ignores input, ends on time. */
test('floor matches are refused unless the runtime env enables them; they accept players, ignore their input and end after their time', async () => {
  const h = await loadHarness();
  expect(failure(() => h.rpc('floor_matches_create', { count: 1, tick_rate: 10, seconds: 1 }))).toBe('FAILED_PRECONDITION: floor_matches_create: this server does not run with the runtime env LIVE_GAMES_BENCH=enabled');
  h.dispose();

  const bench = await Harness.load('bundle/index.js', { seed: 'floor', env: { LIVE_GAMES_BENCH: 'enabled' } });
  const ann = bench.createUser();
  expect(failure(() => bench.rpc('floor_matches_create', { count: 1, tick_rate: 10, seconds: 1 }, { userId: ann }))).toMatch(/^PERMISSION_DENIED/);
  expect(failure(() => bench.rpc('floor_matches_create', { count: 0, tick_rate: 10, seconds: 1 }))).toMatch(/^INVALID_FIELD: count/);
  const { match_ids } = JSON.parse(bench.rpc('floor_matches_create', { count: 2, tick_rate: 10, seconds: 1 }));
  expect(match_ids).toHaveLength(2);
  const match = bench.match(match_ids[0]);
  expect(match.join(ann).accept).toBe(true);
  match.send(ann, 1, new Uint8Array([1, 2, 3]));
  match.tick(10); // ticks 0-9: one second at 10 Hz
  expect(match.ended).toBe(false);
  match.tick(1);
  expect(match.ended).toBe(true);
  bench.dispose();
});
