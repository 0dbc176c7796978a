import { CACHE_NAMES, CACHES, invalidate, isCacheName, stats, type CacheName } from '../../core/cache';
import { runtimeError } from '../../core/errors';
import type { GameRegistry } from '../../core/game-registry';
import type { Plugin } from '../../core/plugin';

/**
 * Admin RPCs over the node-local caches (core/cache.ts): their hit and miss totals, and clearing them
 * so the next lookups reload (e.g. after editing storage by hand). Both act on the node that serves
 * the call only; other nodes reload within each cache's TTL. Clearing never touches rate-limit
 * counters or metrics totals (it bumps cache generations, it does not call nk.localcacheClear).
 */
export function createCachePlugin(games: GameRegistry): Plugin {
  const ttls = CACHE_NAMES.map((c) => `${c} ${CACHES[c].ttlSeconds} s`).join(', ');
  return {
    id: 'cache',
    games: games.games.map((g) => g.id),
    rpcs: [
      {
        id: 'cache_stats',
        scope: 'global',
        access: 'admin',
        effect: 'read',
        description: `The node's caches (${ttls}): TTL, hits and misses since the node started (approximate under simultaneous lookups; Prometheus \`cache_lookups\` is exact), hit ratio (null before the first lookup) and generation (whole-cache clears).`,
        response: '{caches: {<cache>: {ttl_seconds, hits, misses, hit_ratio, generation}}}',
        payload: {},
        handle: ({ nk }) => ({ caches: stats(nk) }),
      },
      {
        id: 'cache_clear',
        scope: 'global',
        access: 'admin',
        effect: 'write',
        description: `Clear one cache (\`cache\`: one of ${CACHE_NAMES.join(', ')}) or all of them on the node serving the call: the next lookups reload. Other nodes reload within each TTL. Hit and miss totals, rate limits and metrics are kept.`,
        response: '{cleared: [cache], generations: {<cache>: generation}}',
        payload: { cache: { type: 'string', maxLength: 64 } },
        errors: { INVALID_FIELD: 'cache names no known cache' },
        handle({ nk, payload }) {
          const name = payload.cache;
          if (name !== undefined && name !== null && !isCacheName(name)) throw runtimeError('INVALID_FIELD', `cache: must be one of ${CACHE_NAMES.join(', ')}`);
          const cleared: CacheName[] = isCacheName(name) ? [name] : CACHE_NAMES;
          const generations: { [cache: string]: number } = {};
          for (const cache of cleared) generations[cache] = invalidate(nk, cache);
          return { cleared, generations };
        },
      },
    ],
  };
}
