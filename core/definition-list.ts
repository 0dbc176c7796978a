import { cached, invalidate, type CacheName } from './cache';
import { gameCollection, SYSTEM_USER } from './scope';
import { updateDocument } from './storage';

export interface DefinitionList<T> {
  /** The game's list, through the node cache (a change made on another node shows within the cache's TTL). */
  read(nk: nkruntime.Nakama, gameId: string): T[];
  /**
   * Change the game's list with a version-checked write (retried on conflicts; `change` may throw to
   * refuse), then drop the node's cached copy. Returns the new list.
   */
  update(nk: nkruntime.Nakama, gameId: string, change: (list: T[]) => T[]): T[];
}

/**
 * Definitions live-ops staff add at runtime (achievements, seasons, live events): per game, one
 * system-owned document `{list}` under `<game_id>:<feature>` / `key`, read through `cache`.
 */
export function definitionList<T>(feature: string, key: string, cache: CacheName): DefinitionList<T> {
  const target = (gameId: string) => ({ collection: gameCollection(gameId, feature), key, userId: SYSTEM_USER });
  return {
    read: (nk, gameId) => cached(nk, cache, gameId, () => {
      const [stored] = nk.storageRead([target(gameId)]);
      return stored ? (stored.value as unknown as { list: T[] }).list : [];
    }),
    update(nk, gameId, change) {
      const stored = updateDocument<{ list: T[] }>(nk, target(gameId), (current) => ({ list: change(current ? current.list : []) }), { permissionRead: 0, permissionWrite: 0 });
      invalidate(nk, cache, gameId);
      return stored ? stored.list : [];
    },
  };
}
