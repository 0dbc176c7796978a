import { gameCollection } from '../../core/scope';
import { isVersionConflict, updateDocument } from '../../core/storage';
import { SYSTEM_USER } from '../../matches/shared/match-record';
import type { LiveEventDefinition } from './definitions';
import { SHARDS, type ShardDocument } from './engine';
import type { Occurrence } from './schedule';

/**
 * Where live events keep their state, all namespaced by game:
 * - `<game_id>:live_events` (system-owned, not readable by clients): `definitions` {list}, the
 *   community shards `<occurrence id>/community/<n>` {count} and the announcement flags
 *   `<occurrence id>/announced/<start|end|goal>`;
 * - `<game_id>:live_event_progress` / `<occurrence id>` per player (readable by its owner);
 * - the Nakama leaderboard `<game_id>:event:<occurrence id>` per occurrence.
 */
const eventsCollection = (gameId: string) => gameCollection(gameId, 'live_events');
const definitionsTarget = (gameId: string) => ({ collection: eventsCollection(gameId), key: 'definitions', userId: SYSTEM_USER });
export const progressTarget = (gameId: string, occurrenceId: string, userId: string) => ({ collection: gameCollection(gameId, 'live_event_progress'), key: occurrenceId, userId });
export const shardTarget = (gameId: string, occurrenceId: string, shard: number) => ({ collection: eventsCollection(gameId), key: `${occurrenceId}/community/${shard}`, userId: SYSTEM_USER });

/** Definitions are cached per node this long (a change made on another node shows after it). */
const CACHE_SECONDS = 5;
const definitionsCacheKey = (gameId: string) => `live_events:definitions:${gameId}`;

/** The game's events (running, upcoming and recently ended), cached for a few seconds. */
export function readDefinitions(nk: nkruntime.Nakama, gameId: string): LiveEventDefinition[] {
  const cached = nk.localcacheGet(definitionsCacheKey(gameId));
  if (typeof cached === 'string') return JSON.parse(cached) as LiveEventDefinition[];
  const [stored] = nk.storageRead([definitionsTarget(gameId)]);
  const list = stored ? (stored.value as unknown as { list: LiveEventDefinition[] }).list : [];
  nk.localcachePut(definitionsCacheKey(gameId), JSON.stringify(list), CACHE_SECONDS);
  return list;
}

/** Change the game's events with a version-checked write (retried on conflicts); returns the new list. */
export function updateDefinitions(nk: nkruntime.Nakama, gameId: string, change: (list: LiveEventDefinition[]) => LiveEventDefinition[]): LiveEventDefinition[] {
  const stored = updateDocument<{ list: LiveEventDefinition[] }>(nk, definitionsTarget(gameId), (current) => ({ list: change(current ? current.list : []) }), { permissionRead: 0, permissionWrite: 0 });
  nk.localcacheDelete(definitionsCacheKey(gameId));
  return stored ? stored.list : [];
}

/** The community counter of an occurrence: the sum of its shards (one read). */
export function communityTotal(nk: nkruntime.Nakama, gameId: string, occurrenceId: string): number {
  const targets: ReturnType<typeof shardTarget>[] = [];
  for (let shard = 0; shard < SHARDS; shard++) targets.push(shardTarget(gameId, occurrenceId, shard));
  return nk.storageRead(targets).reduce((sum, o) => sum + ((o.value as unknown as ShardDocument).count || 0), 0);
}

const claimCacheKey = (gameId: string, key: string) => `live_events:claimed:${gameId}:${key}`;

/** True when this node has seen the flag `key` claimed (by anyone). */
export const seenClaimed = (nk: nkruntime.Nakama, gameId: string, key: string) => nk.localcacheGet(claimCacheKey(gameId, key)) === true;

/**
 * Claim a one-time flag (e.g. an announcement) for the whole cluster: a create-only write, so exactly
 * one caller wins. Returns true for the winner. Remembered per node to skip the write next time.
 */
export function claimOnce(nk: nkruntime.Nakama, gameId: string, key: string, now: number): boolean {
  if (seenClaimed(nk, gameId, key)) return false;
  let won = true;
  try {
    nk.storageWrite([{ collection: eventsCollection(gameId), key, userId: SYSTEM_USER, value: { at: now }, version: '*', permissionRead: 0, permissionWrite: 0 }]);
  } catch (error) {
    if (!isVersionConflict(error)) throw error;
    won = false;
  }
  nk.localcachePut(claimCacheKey(gameId, key), true, 3600);
  return won;
}

export const leaderboardId = (gameId: string, occurrenceId: string) => `${gameId}:event:${occurrenceId}`;

/** Create the occurrence's leaderboard if it does not exist (Nakama ignores a repeated create). */
export function ensureLeaderboard(nk: nkruntime.Nakama, gameId: string, o: Occurrence): string {
  const id = leaderboardId(gameId, o.id);
  nk.leaderboardCreate(id, true, 'descending', 'best', null, { game_id: gameId, event_id: o.event.id, occurrence_id: o.id }, true);
  return id;
}

/**
 * Write a player's total points as their record. Operator `best` of an absolute total: points only
 * grow, so a repeated or late write can never lower or double a score.
 */
export function writePoints(nk: nkruntime.Nakama, gameId: string, o: Occurrence, userId: string, points: number): void {
  if (points <= 0) return;
  const id = ensureLeaderboard(nk, gameId, o);
  const { username } = nk.accountGetId(userId).user;
  nk.leaderboardRecordWrite(id, userId, username, points, 0, null, 'best');
}

/** The player's rank on the occurrence's leaderboard (0: no record). */
export function rankOf(nk: nkruntime.Nakama, gameId: string, o: Occurrence, userId: string): number {
  const list = nk.leaderboardRecordsList(ensureLeaderboard(nk, gameId, o), [userId], null);
  return list.ownerRecords && list.ownerRecords[0] ? list.ownerRecords[0].rank : 0;
}
