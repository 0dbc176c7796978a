import type { Harness } from '../../tools/harness';
import { failure, gameRpc, loadHarness } from '../support/harness-duel';
import { QUIZVERSE_ID } from '../support/quiz';

/**
 * The node-local caches (core/cache.ts) on the built bundle: the harness's RPC VMs share one local
 * cache like a Nakama node's pooled VMs, and its TTLs run on the harness clock (h.advanceTime).
 */
const SYSTEM_USER = '00000000-0000-0000-0000-000000000000';
const HOUR = 3600 * 1000;

function api(h: Harness) {
  const call = gameRpc(h);
  /** Admin calls without a game (server-to-server, like the http key). */
  const admin = (id: string, payload: object = {}) => JSON.parse(h.rpc(id, payload));
  const stats = (cache: string) => admin('cache_stats').caches[cache];
  return { call, admin, stats, failure };
}

function seasonFor(now: number) {
  return {
    id: 'season_one', name: 'Season One', starts_at: now - 1000, ends_at: now + 24 * HOUR, tiers: 3, xp_curve: { base: 100, step: 0 },
    premium_price: { currency: 'coins', amount: 100 }, rewards: { free: {}, premium: {} }, match_xp: {},
  };
}

function cup(now: number, over: object = {}) {
  const mission = (id: string, points: number) => ({ id, name: id, counter: { event: 'never_emitted' }, target: 1, points, rewards: {} });
  return { id: 'winter_cup', name: 'Winter Cup', description: 'Climb.', starts_at: now, ends_at: now + 24 * HOUR, missions: [mission('big', 10), mission('small', 5)], ...over };
}

describe('node-local caches in the harness', () => {
  test('every cache is declared with its TTL; lookups count hits and misses, shared by all VMs; values expire after the TTL', async () => {
    const h = await loadHarness();
    const { call, admin, stats } = api(h);
    expect(admin('cache_stats').caches).toEqual({
      achievement_definitions: { ttl_seconds: 30, hits: 0, misses: 0, hit_ratio: null, generation: 0 },
      seasons: { ttl_seconds: 10, hits: 0, misses: 0, hit_ratio: null, generation: 0 },
      live_event_definitions: { ttl_seconds: 5, hits: 0, misses: 0, hit_ratio: null, generation: 0 },
      leaderboard_pages: { ttl_seconds: 2, hits: 0, misses: 0, hit_ratio: null, generation: 0 },
      tournament_definitions: { ttl_seconds: 5, hits: 0, misses: 0, hit_ratio: null, generation: 0 },
      experiment_definitions: { ttl_seconds: 5, hits: 0, misses: 0, hit_ratio: null, generation: 0 },
      remote_config: { ttl_seconds: 10, hits: 0, misses: 0, hit_ratio: null, generation: 0 },
      quest_definitions: { ttl_seconds: 30, hits: 0, misses: 0, hit_ratio: null, generation: 0 },
      community_totals: { ttl_seconds: 2, hits: 0, misses: 0, hit_ratio: null, generation: 0 },
    });
    const ann = h.createUser({ username: 'ann' });
    // Three calls land on the harness's three pooled VMs in turn: one load, then hits from the others.
    for (let i = 0; i < 3; i++) expect(call('season_get_active', {}, ann).season).toBeNull();
    expect(stats('seasons')).toEqual({ ttl_seconds: 10, hits: 2, misses: 1, hit_ratio: 0.667, generation: 0 });

    h.advanceTime(9_999);
    call('season_get_active', {}, ann);
    expect(stats('seasons')).toMatchObject({ hits: 3, misses: 1 });
    h.advanceTime(1); // 10 s after the load: expired
    call('season_get_active', {}, ann);
    expect(stats('seasons')).toMatchObject({ hits: 3, misses: 2 });

    // The same lookups in Prometheus (exact counters, labelled by cache and result).
    const lookups = h.metrics.filter((m) => m.name === 'cache_lookups' && m.tags.cache === 'seasons');
    expect(lookups.filter((m) => m.tags.result === 'hit')).toHaveLength(3);
    expect(lookups.filter((m) => m.tags.result === 'miss')).toHaveLength(2);
    h.dispose();
  });

  test('admin changes are visible at once on the node that made them: seasons, achievement definitions, live events', async () => {
    const h = await loadHarness();
    const { call, stats } = api(h);
    const ann = h.createUser({ username: 'ann' });
    const start = h.now();

    expect(call('season_get_active', {}, ann).season).toBeNull();
    expect(call('season_get_active', {}, ann).season).toBeNull();
    expect(stats('seasons')).toMatchObject({ hits: 1, misses: 1 }); // "no season" is cached now
    call('season_create', { season: seasonFor(h.now()) });
    expect(call('season_get_active', {}, ann).season).toMatchObject({ id: 'season_one' });
    call('season_end', {});
    expect(call('season_get_active', {}, ann).season).toBeNull();

    const definition = { id: 'cache_probe', name: 'Probe', description: 'Never unlocked.', category: 'probe', rarity: 'rare', points: 5, counter: { event: 'never_emitted' }, target: 1 };
    expect(call('achievements_get_by_category', { category: 'probe' }, ann).achievements).toEqual([]);
    call('achievements_create_definition', { definition });
    expect(call('achievements_get_by_category', { category: 'probe' }, ann).achievements).toEqual([expect.objectContaining({ id: 'cache_probe', progress: 0 })]);
    call('achievements_bulk_create', { definitions: [{ ...definition, id: 'cache_probe_two' }] });
    expect(call('achievements_get_by_category', { category: 'probe' }, ann).achievements.map((a: { id: string }) => a.id)).toEqual(['cache_probe', 'cache_probe_two']);
    call('achievements_delete_definition', { achievement_id: 'cache_probe' });
    expect(call('achievements_get_by_category', { category: 'probe' }, ann).achievements.map((a: { id: string }) => a.id)).toEqual(['cache_probe_two']);

    expect(call('event_get_active_events', {}, ann).events).toEqual([]);
    call('event_create', { event: cup(h.now()) });
    expect(call('event_get_active_events', {}, ann).events).toEqual([expect.objectContaining({ event_id: 'winter_cup' })]);
    call('event_end', { event_id: 'winter_cup' });
    expect(call('event_get_active_events', {}, ann).events).toEqual([]);

    // All of it without the clock moving: each change invalidated its cache, none waited for a TTL.
    expect(h.now()).toBe(start);
    h.dispose();
  });

  test("leaderboard pages: the top is cached (2 s), the caller's rank is fresh; writes that change the page drop it, others do not", async () => {
    const h = await loadHarness();
    const { call, stats } = api(h);
    call('event_create', { event: cup(h.now()) });
    const complete = (user_id: string, mission_id: string, operation_id?: string) => call('event_complete_mission', { user_id, event_id: 'winter_cup', mission_id, operation_id });
    const board = (userId: string, limit?: number) => call('event_get_leaderboard', { event_id: 'winter_cup', limit }, userId);
    const top = (b: { records: { username: string; points: number }[] }) => b.records.map((r) => `${r.username}:${r.points}`);

    const [one, two] = ['one', 'two'].map((username) => h.createUser({ username }));
    complete(one, 'big');
    expect(top(board(two))).toEqual(['one:10']); // loaded
    expect(board(two, 1)).toMatchObject({ records: [{ rank: 1, user_id: one }], me: null }); // a slice of the cached page
    expect(stats('leaderboard_pages')).toMatchObject({ hits: 1, misses: 1 });

    // A write that changes the page (a new record on a page not full) drops it: seen at once.
    complete(two, 'big', 'op-two');
    expect(top(board(one)).sort()).toEqual(['one:10', 'two:10']); // equal scores: Nakama orders them by owner id
    expect(stats('leaderboard_pages')).toMatchObject({ hits: 1, misses: 2 });
    // A retried completion rewrites the same score: the page is unchanged and stays cached.
    expect(complete(two, 'big', 'op-two')).toMatchObject({ applied: false });
    expect(board(two).me).toEqual({ rank: 2, points: 10 });
    expect(stats('leaderboard_pages')).toMatchObject({ hits: 2, misses: 2 });
    complete(two, 'small'); // 15 points: two overtakes one
    expect(top(board(one))).toEqual(['two:15', 'one:10']);
    expect(stats('leaderboard_pages')).toMatchObject({ hits: 2, misses: 3 });

    // Fill the page (100 records of 10 points or more); a player scoring below its last record leaves
    // it cached, yet sees their own rank at once.
    for (let i = 0; i < 98; i++) complete(h.createUser({ username: `p${i}` }), 'big');
    expect(board(one, 100).records).toHaveLength(100);
    const misses = stats('leaderboard_pages').misses;
    const late = h.createUser({ username: 'late' });
    complete(late, 'small');
    const seen = board(late, 100);
    expect(seen.records).toHaveLength(100);
    expect(seen.me).toEqual({ rank: 101, points: 5 });
    expect(stats('leaderboard_pages').misses).toBe(misses);

    // Without writes, the page is loaded again after its TTL.
    h.advanceTime(1_999);
    board(one);
    expect(stats('leaderboard_pages').misses).toBe(misses);
    h.advanceTime(1);
    board(one);
    expect(stats('leaderboard_pages').misses).toBe(misses + 1);
    h.dispose();
  });

  test('cache_clear reloads one cache or all, and keeps rate limits, metrics and hit counts; admins only; cache names are checked', async () => {
    const h = await loadHarness();
    const { call, admin, stats, failure } = api(h);
    const ann = h.createUser({ username: 'ann' });
    call('season_create', { season: seasonFor(h.now()) });
    call('event_create', { event: cup(h.now()) });
    expect(call('season_get_active', {}, ann).season.name).toBe('Season One');
    expect(call('event_get_active_events', {}, ann).events[0].name).toBe('Winter Cup');

    // Storage changed behind the module's back: the caches still serve what they loaded.
    const rename = (collection: string, key: string, edit: (value: any) => void) => {
      const stored = h.storage(`${QUIZVERSE_ID}:${collection}`, key)!;
      const value = JSON.parse(JSON.stringify(stored.value));
      edit(value);
      h.nk.storageWrite([{ collection: `${QUIZVERSE_ID}:${collection}`, key, userId: SYSTEM_USER, value, permissionRead: 0, permissionWrite: 0 }]);
    };
    rename('seasons', 'list', (v) => { v.list[0].name = 'Season Renamed'; });
    rename('live_events', 'definitions', (v) => { v.list[0].name = 'Cup Renamed'; });
    expect(call('season_get_active', {}, ann).season.name).toBe('Season One');
    expect(call('event_get_active_events', {}, ann).events[0].name).toBe('Winter Cup');

    const rateBefore = JSON.parse(h.rpc('rate_limit_status', {}, { userId: ann })).rpcs.season_get_active;
    const callsBefore = admin('metrics_get_rpc_stats').rpcs.season_get_active.calls;
    const hitsBefore = stats('seasons').hits;

    expect(admin('cache_clear', { cache: 'seasons' })).toEqual({ cleared: ['seasons'], generations: { seasons: 1 } });
    expect(call('season_get_active', {}, ann).season.name).toBe('Season Renamed');
    expect(call('event_get_active_events', {}, ann).events[0].name).toBe('Winter Cup'); // not cleared
    expect(admin('cache_clear')).toEqual({
      cleared: ['achievement_definitions', 'seasons', 'live_event_definitions', 'leaderboard_pages', 'tournament_definitions', 'experiment_definitions', 'remote_config', 'quest_definitions', 'community_totals'],
      generations: { achievement_definitions: 1, seasons: 2, live_event_definitions: 1, leaderboard_pages: 1, tournament_definitions: 1, experiment_definitions: 1, remote_config: 1, quest_definitions: 1, community_totals: 1 },
    });
    expect(call('event_get_active_events', {}, ann).events[0].name).toBe('Cup Renamed');

    // Rate-limit counters, metrics totals and the caches' own hit counts survive a clear.
    const rateAfter = JSON.parse(h.rpc('rate_limit_status', {}, { userId: ann })).rpcs.season_get_active;
    expect(rateAfter.used).toBe(rateBefore.used + 1);
    expect(admin('metrics_get_rpc_stats').rpcs.season_get_active.calls).toBe(callsBefore + 1);
    expect(stats('seasons')).toMatchObject({ hits: hitsBefore, generation: 2 });

    // Players are refused; names are checked (own names only, not inherited properties).
    expect(failure(() => h.rpc('cache_stats', {}, { userId: ann }))).toBe('PERMISSION_DENIED: this call is for admins');
    expect(failure(() => h.rpc('cache_clear', { cache: 'seasons' }, { userId: ann }))).toBe('PERMISSION_DENIED: this call is for admins');
    const names = 'achievement_definitions, seasons, live_event_definitions, leaderboard_pages, tournament_definitions, experiment_definitions, remote_config, quest_definitions, community_totals';
    for (const cache of ['nope', 'constructor', '__proto__', 'toString', 'Seasons', '']) {
      expect(failure(() => admin('cache_clear', { cache }))).toBe(`INVALID_FIELD: cache: must be one of ${names}`);
    }
    expect(failure(() => admin('cache_clear', { cache: 7 }))).toBe('INVALID_FIELD: cache: must be a string');
    expect(failure(() => admin('cache_clear', { caches: 'seasons' }))).toBe('INVALID_FIELD: caches: unknown field');
    expect(stats('seasons').generation).toBe(2); // refused calls cleared nothing
    h.dispose();
  });
});
