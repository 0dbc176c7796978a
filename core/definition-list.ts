import { cached, invalidate, type CacheName } from './cache';
import { defineDocument, documentAt, readDocument, type DocumentKind, type Store } from './documents';
import type { GameDefinition, GameRegistry } from './game-registry';
import { anyObject, list, obj, withDefault } from './shape';
import { updateDocument } from './storage';

export interface DefinitionList<T> {
  /** The system-owned document kind holding the lists (one document per game). */
  kind: DocumentKind<{ list: T[] }>;
  /** The game's list, through the node cache (a change made on another node shows within the cache's TTL). */
  read(store: Store, gameId: string): T[];
  /**
   * Change the game's list with a version-checked write (retried on conflicts; `change` may throw to
   * refuse), then drop the node's cached copy. Returns the new list.
   */
  update(store: Store, gameId: string, change: (list: T[]) => T[]): T[];
}

/** At most this many definitions per game and list (admins add them; far more would be a mistake). */
const MAX_DEFINITIONS = 1000;

/** Where a list lives: its kind's name, collection (default: the name) and key, and its node cache. */
export interface ListPlace { name: string; collection?: string; key: string; cache: CacheName }

/**
 * Definitions live-ops staff add at runtime (achievements, seasons, live events): per game, one
 * system-owned document `{list}` under `<game_id>:<collection>` / `key`, read through `cache`. Stored
 * entries are untrusted like every document: one `problemsOf` finds fault with (given the game's
 * other entries) is dropped and logged, so a console edit or another version's format never reaches
 * a match or a menu, and the next update writes the list without it.
 */
export function definitionList<T>(
  { name, collection, key, cache }: ListPlace,
  games: GameRegistry,
  problemsOf: (entry: T, game: GameDefinition, others: T[]) => string[],
): DefinitionList<T> {
  const kind = defineDocument<{ list: T[] }>({
    name,
    collection,
    owner: 'system',
    shape: obj({ list: withDefault(list(anyObject, MAX_DEFINITIONS), () => []) }) as DocumentKind<{ list: T[] }>['shape'],
    empty: () => ({ list: [] }),
  });
  const target = (gameId: string) => documentAt(kind, gameId, key);
  /** The entries its validator finds no fault with, each checked against those kept before it and those after it. */
  const valid = (store: Store, gameId: string, entries: T[]) => {
    const game = games.find(gameId);
    const kept: T[] = [];
    entries.forEach((entry, i) => {
      const problems = game ? problemsOf(entry, game, kept.concat(entries.slice(i + 1))) : [`no game ${gameId}`];
      if (problems.length === 0) kept.push(entry);
      else store.logger.warn('untrusted definition %s[%d] of game %s dropped: %s', name, i, gameId, problems.slice(0, 3).join('; '));
    });
    return kept;
  };
  return {
    kind,
    read: (store, gameId) => cached(store.nk, cache, gameId, () => valid(store, gameId, readDocument(store, target(gameId))!.list)),
    update(store, gameId, change) {
      const stored = updateDocument(store, target(gameId), (current) => ({ list: change(valid(store, gameId, current ? current.list : [])) }));
      invalidate(store.nk, cache, gameId);
      return stored ? stored.list : [];
    },
  };
}
