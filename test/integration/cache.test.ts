import { QUIZVERSE_ID } from '../support/quiz';
import { connectPlayer, rpc, rpcError, serverRpc, type Player } from './support/nakama';

/**
 * The node-local caches (core/cache.ts) on the real server: admin RPCs over server-to-server calls,
 * refused for players, and an admin change served at once although the value was cached. Other test
 * files share the server and its caches, so counts are compared as "at least"; nothing here changes
 * what they see (a season far in the future, caches cleared only force reloads).
 */
const NAMES = ['achievement_definitions', 'seasons', 'live_event_definitions', 'leaderboard_pages', 'tournament_definitions', 'experiment_definitions', 'remote_config', 'quest_definitions', 'community_totals'];

interface Stats { ttl_seconds: number; hits: number; misses: number; hit_ratio: number | null; generation: number }
const cacheStats = async () => (await serverRpc<{ caches: { [cache: string]: Stats } }>('cache_stats', {})).caches;

describe('caches on a real Nakama', () => {
  let player: Player;
  beforeAll(async () => { player = await connectPlayer('cache'); });
  afterAll(() => player?.close());

  test('cache_stats and cache_clear answer admins (http key) and refuse players with PERMISSION_DENIED', async () => {
    expect(await rpcError(rpc(player, 'cache_stats', {}))).toMatchObject({ status: 403, code: 7, message: 'PERMISSION_DENIED: this call is for admins' });
    expect(await rpcError(rpc(player, 'cache_clear', { cache: 'seasons' }))).toMatchObject({ status: 403, code: 7 });
    const caches = await cacheStats();
    expect(Object.keys(caches)).toEqual(NAMES);
    expect(caches.seasons).toMatchObject({ ttl_seconds: 10, generation: expect.any(Number), hits: expect.any(Number), misses: expect.any(Number) });
    await expect(serverRpc('cache_clear', { cache: 'nope' })).rejects.toThrow(`cache_clear: 400 INVALID_FIELD: cache: must be one of ${NAMES.join(', ')}`);
    await expect(serverRpc('cache_clear', { cache: 'constructor' })).rejects.toThrow('400 INVALID_FIELD');
  });

  test('a season an admin creates is served at once, although the season list was cached', async () => {
    const game = { game_id: QUIZVERSE_ID };
    const now = Date.now();
    // Far in the future (2100 + now): no other test's season overlaps it, and it never runs.
    const starts = Date.UTC(2100, 0, 1) + now;
    const season = {
      id: `cache_probe_${now}`, name: 'Cache Probe', starts_at: starts, ends_at: starts + 1000, tiers: 2, xp_curve: { base: 100, step: 0 },
      premium_price: { currency: 'coins', amount: 1 }, rewards: { free: { 2: { currencies: { coins: 1 } } }, premium: {} }, match_xp: {},
    };
    const rewards = () => rpc<any>(player, 'season_get_all_rewards', { ...game, season_id: season.id });
    expect(await rpcError(rewards())).toMatchObject({ status: 404, message: `NOT_FOUND: QuizVerse has no season ${season.id}` });
    const primed = (await cacheStats()).seasons;
    expect(await rpcError(rewards())).toMatchObject({ status: 404 }); // served from the cached list
    expect((await cacheStats()).seasons.hits).toBeGreaterThan(primed.hits);

    expect(await serverRpc('season_create', { ...game, season })).toEqual({ created: season.id });
    expect(await rewards()).toEqual({ season_id: season.id, tiers: [{ tier: 1, xp_required: 0, free: null, premium: null }, { tier: 2, xp_required: 100, free: { currencies: { coins: 1 } }, premium: null }] });
  });

  test('cache_clear clears one cache or all (generations move on); metrics totals are kept', async () => {
    const before = await cacheStats();
    const rpcCalls = async () => (await serverRpc<{ rpcs: { [id: string]: { calls: number } } }>('metrics_get_rpc_stats', {})).rpcs.cache_stats.calls;
    const callsBefore = await rpcCalls();

    expect(await serverRpc('cache_clear', { cache: 'live_event_definitions' })).toEqual({
      cleared: ['live_event_definitions'], generations: { live_event_definitions: before.live_event_definitions.generation + 1 },
    });
    const all = await serverRpc<{ cleared: string[]; generations: { [cache: string]: number } }>('cache_clear', {});
    expect(all.cleared).toEqual(NAMES);
    expect(all.generations).toEqual({
      achievement_definitions: before.achievement_definitions.generation + 1,
      seasons: before.seasons.generation + 1,
      live_event_definitions: before.live_event_definitions.generation + 2,
      leaderboard_pages: before.leaderboard_pages.generation + 1,
      tournament_definitions: before.tournament_definitions.generation + 1,
      experiment_definitions: before.experiment_definitions.generation + 1,
      remote_config: before.remote_config.generation + 1,
      quest_definitions: before.quest_definitions.generation + 1,
      community_totals: before.community_totals.generation + 1,
    });

    const after = await cacheStats();
    for (const name of NAMES) {
      expect(after[name].generation).toBe(all.generations[name]);
      expect(after[name].hits).toBeGreaterThanOrEqual(before[name].hits); // hit and miss totals are not reset
      expect(after[name].misses).toBeGreaterThanOrEqual(before[name].misses);
    }
    expect(await rpcCalls()).toBeGreaterThan(callsBefore); // metrics totals survive (no nk.localcacheClear)
  });
});
