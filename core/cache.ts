import { addLocal, readLocal } from './metrics';

/**
 * Caching: one small service over Nakama's node-local cache (nk.localcacheGet/Put/Delete).
 *
 * Why the node-local cache: module globals are per VM and Nakama hands every RPC, hook and match an
 * arbitrary VM of its pool (docs: ../shared/NAKAMA_RUNTIME.md), so a cache in a module global would be
 * cold in most VMs and could not be invalidated from the VM that made the change. The local cache is
 * one map per node shared by all of its VMs, matches included. It holds strings, numbers and booleans
 * only, so values are stored as JSON (a hit returns a fresh copy: callers may mutate it).
 *
 * Named caches are declared once in CACHES with their TTL. Every value lives at most its TTL, then the
 * next lookup loads it again (from storage, a leaderboard...). Per cache:
 * - achievement_definitions (30 s, key: game id): achievements added by admins at runtime. Read on
 *   every match event and achievements menu; changed rarely, by admins only.
 * - seasons (10 s, key: game id): the game's season list. Read on every match event and every XP
 *   grant (the running season collects XP). Starts and ends are computed from the cached list and
 *   the current time, so the TTL only delays admin edits made on another node.
 * - live_event_definitions (5 s, key: game id): the game's live events. Read on every match event,
 *   every XP grant (multipliers) and every event RPC; short because event_end and event_create on
 *   another node change multipliers and missions for everyone.
 * - leaderboard_pages (2 s, key: leaderboard id): the top 100 records of a live event occurrence's
 *   leaderboard (event_get_leaderboard serves smaller limits as slices; the caller's own rank is read
 *   fresh). A record write on this node that changes the cached page deletes it at once; writes on
 *   other nodes show within the TTL.
 * - tournament_definitions (5 s, key: game id): the game's tournaments. Read on every match end and
 *   every tournament RPC; short because tournament_cancel on another node must stop scoring soon.
 * - experiment_definitions (5 s, key: game id): the game's experiments. Read on every assignment and
 *   analytics batch (cohort stamping); short because experiment_end on another node must stop
 *   assignments soon.
 * - remote_config (10 s, key: game id): the game's stored remote config (default and variants). Read
 *   on every remote_config_fetch; an update or rollback on another node shows within 10 s.
 * - quest_definitions (30 s, key: game id): quests added by admins at runtime. Read on every match
 *   event delivery and quest RPC; changed rarely, by admins only.
 * - community_totals (2 s, key: game id and occurrence id): a live event's community counter (the
 *   sum of its 16 shards, one read of 16 objects). Read by every event menu and every inbox read; the
 *   counter only grows, so a cached total that reached the goal is true, and one just short of it
 *   shows the goal reached at most 2 s late. The goal's announcement reads the shards fresh.
 *
 * Invalidation: admin changes call invalidate(nk, cache, key) right after their storage write, so the
 * node that made the change serves it at once; other nodes serve the old value until its TTL runs
 * out (the TTL is the cluster's staleness bound). Nakama's local cache cannot list keys, so a whole
 * cache is invalidated through its generation: a number per cache kept in the local cache (no TTL)
 * and part of every key; bumping it orphans the old entries, which then expire by their TTL.
 * cache_clear (plugins/cache) does that; it never calls nk.localcacheClear, which would also wipe
 * rate-limit counters (core/rate-limit.ts) and metrics totals (core/metrics.ts).
 *
 * Known looseness, as elsewhere in the local cache (not atomic): a load that started before an
 * invalidation of its key on another VM of the node may put the value it read before the change;
 * it lives at most the TTL. Two simultaneous generation bumps may count as one (both still orphan the
 * old entries). Hit and miss counts are node-local totals since the node started, read-then-written
 * like core/metrics.ts (approximate under simultaneous lookups); Prometheus has exact ones:
 * `cache_lookups` {cache, result: hit|miss}.
 *
 * Keys in the local cache: `cache:<name>:generation`, `cache:<name>:hits`, `cache:<name>:misses`,
 * `cache:<name>:<generation>:<key>` (values).
 */

export interface CacheSpec {
  /** How long a value is served before it is loaded again (whole seconds, > 0: Nakama takes integers). */
  ttlSeconds: number;
}

export const CACHES = {
  achievement_definitions: { ttlSeconds: 30 },
  seasons: { ttlSeconds: 10 },
  live_event_definitions: { ttlSeconds: 5 },
  leaderboard_pages: { ttlSeconds: 2 },
  tournament_definitions: { ttlSeconds: 5 },
  experiment_definitions: { ttlSeconds: 5 },
  remote_config: { ttlSeconds: 10 },
  quest_definitions: { ttlSeconds: 30 },
  community_totals: { ttlSeconds: 2 },
} as const satisfies { [name: string]: CacheSpec };

export type CacheName = keyof typeof CACHES;

export const CACHE_NAMES = Object.keys(CACHES) as CacheName[];

/** Own names only: 'constructor' or '__proto__' are not caches. */
export const isCacheName = (name: unknown): name is CacheName => typeof name === 'string' && Object.prototype.hasOwnProperty.call(CACHES, name);

/** Prometheus counter of lookups (Nakama exports it as `<node>_custom_cache_lookups`). */
export const CACHE_METRIC = 'cache_lookups';

const generationKey = (cache: CacheName) => `cache:${cache}:generation`;
const countKey = (cache: CacheName, result: 'hits' | 'misses') => `cache:${cache}:${result}`;
const generation = (nk: nkruntime.Nakama, cache: CacheName) => readLocal(nk, generationKey(cache));
const valueKey = (nk: nkruntime.Nakama, cache: CacheName, key: string) => `cache:${cache}:${generation(nk, cache)}:${key}`;

function count(nk: nkruntime.Nakama, cache: CacheName, result: 'hit' | 'miss'): void {
  const key = countKey(cache, result === 'hit' ? 'hits' : 'misses');
  addLocal(nk, key, 1);
  nk.metricsCounterAdd(CACHE_METRIC, { cache, result }, 1);
}

/**
 * The value of `key` in `cache`: from the node's cache when present, else `load()`, stored for the
 * cache's TTL. `load` must return something JSON can hold (undefined is returned but not stored).
 */
export function cached<T>(nk: nkruntime.Nakama, cache: CacheName, key: string, load: () => T): T {
  const k = valueKey(nk, cache, key);
  const hit = nk.localcacheGet(k);
  if (typeof hit === 'string') {
    count(nk, cache, 'hit');
    return JSON.parse(hit) as T;
  }
  count(nk, cache, 'miss');
  const value = load();
  const json = JSON.stringify(value);
  if (typeof json === 'string') nk.localcachePut(k, json, CACHES[cache].ttlSeconds);
  return value;
}

/** The cached value of `key` if there is one, without loading or counting (e.g. to decide whether a write changes it). */
export function peek<T>(nk: nkruntime.Nakama, cache: CacheName, key: string): T | undefined {
  const hit = nk.localcacheGet(valueKey(nk, cache, key));
  return typeof hit === 'string' ? (JSON.parse(hit) as T) : undefined;
}

/** Drop one key of a cache, or (no key) the whole cache by bumping its generation. Returns the cache's generation. */
export function invalidate(nk: nkruntime.Nakama, cache: CacheName, key?: string): number {
  if (key !== undefined) {
    nk.localcacheDelete(valueKey(nk, cache, key));
    return generation(nk, cache);
  }
  const next = generation(nk, cache) + 1;
  nk.localcachePut(generationKey(cache), next, 0);
  return next;
}

export interface CacheStats {
  ttl_seconds: number;
  hits: number;
  misses: number;
  /** hits / (hits + misses), 3 decimals; null before the first lookup. */
  hit_ratio: number | null;
  /** Whole-cache invalidations since the node started. */
  generation: number;
}

/** Every cache's TTL, node-local hit and miss totals, hit ratio and generation. */
export function stats(nk: nkruntime.Nakama): { [cache: string]: CacheStats } {
  const out: { [cache: string]: CacheStats } = {};
  for (const cache of CACHE_NAMES) {
    const hits = readLocal(nk, countKey(cache, 'hits'));
    const misses = readLocal(nk, countKey(cache, 'misses'));
    out[cache] = {
      ttl_seconds: CACHES[cache].ttlSeconds, hits, misses,
      hit_ratio: hits + misses > 0 ? Math.round((hits / (hits + misses)) * 1000) / 1000 : null,
      generation: generation(nk, cache),
    };
  }
  return out;
}
