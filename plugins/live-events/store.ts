import { PROCESSED } from '../../core/apply-once';
import { cached, invalidate, peek } from '../../core/cache';
import { defineDocument, documentAt, readStored, writeOf, type Store } from '../../core/documents';
import { bool, dict, int, obj, optional, withDefault } from '../../core/shape';
import { isVersionConflict } from '../../core/storage';
import { emptyProgress, SHARDS, type ProgressDocument, type ShardDocument } from './engine';
import type { Occurrence } from './schedule';
import { DESCENDING, OPERATOR, OVERRIDE } from '../../core/nakama-enums';

/**
 * Where live events keep their state, all namespaced by game:
 * - `<game_id>:live_events` (system-owned, not readable by clients): `definitions` {list}, the
 *   community shards `<occurrence id>/community/<n>` {count} and the announcement flags
 *   `<occurrence id>/announced/<start|end|goal>`;
 * - `<game_id>:live_event_progress` / `<occurrence id>` per player (readable by its owner);
 * - the Nakama leaderboard `<game_id>:event:<occurrence id>` per occurrence.
 */
const COUNT = withDefault(int(0), () => 0);

export const LIVE_EVENT_PROGRESS = defineDocument<ProgressDocument>({
  name: 'live_event_progress',
  owner: 'player',
  shape: obj({
    missions: withDefault(dict(obj({ progress: int(0), completed_at: optional(int(0)) }), 100), () => ({})),
    points: COUNT, contributions: COUNT, community_claimed: optional(bool), rank_claimed: optional(bool), processed: PROCESSED,
  }),
  empty: emptyProgress,
});
const LIVE_EVENT_SHARDS = defineDocument<ShardDocument>({
  name: 'live_event_shards', collection: 'live_events', owner: 'system',
  shape: obj({ count: COUNT, processed: PROCESSED }),
  empty: () => ({ count: 0, processed: [] }),
});
const LIVE_EVENT_FLAGS = defineDocument<{ at: number }>({ name: 'live_event_flags', collection: 'live_events', owner: 'system', shape: obj({ at: int(0) }) });
/** The kinds of this file (the definitions' kind is the plugin's definition list). */
export const STORE_DOCUMENTS = [LIVE_EVENT_PROGRESS, LIVE_EVENT_SHARDS, LIVE_EVENT_FLAGS];

export const progressTarget = (gameId: string, occurrenceId: string, userId: string) => documentAt(LIVE_EVENT_PROGRESS, gameId, occurrenceId, userId);
export const shardTarget = (gameId: string, occurrenceId: string, shard: number) => documentAt(LIVE_EVENT_SHARDS, gameId, `${occurrenceId}/community/${shard}`);

/** The community counter of an occurrence as menus show it: at most 2 s old (core/cache.ts community_totals). */
export const communityTotal = (store: Store, gameId: string, occurrenceId: string): number =>
  cached(store.nk, 'community_totals', `${gameId}:${occurrenceId}`, () => readCommunityTotal(store, gameId, occurrenceId));

/** The community counter of an occurrence now: the sum of its shards (one read). */
export function readCommunityTotal(store: Store, gameId: string, occurrenceId: string): number {
  const targets: ReturnType<typeof shardTarget>[] = [];
  for (let shard = 0; shard < SHARDS; shard++) targets.push(shardTarget(gameId, occurrenceId, shard));
  return readStored(store, targets).reduce((sum, o) => sum + (o.value ? o.value.count : 0), 0);
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
    nk.storageWrite([writeOf(documentAt(LIVE_EVENT_FLAGS, gameId, key), { at: now }, '*')]);
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
  nk.leaderboardCreate(id, true, DESCENDING, OPERATOR.best, null, { game_id: gameId, event_id: o.event.id, occurrence_id: o.id }, true);
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
  const record = nk.leaderboardRecordWrite(id, userId, username, points, 0, undefined, OVERRIDE.best);
  const page = peek<BoardRecord[]>(nk, 'leaderboard_pages', id);
  if (page && pageChangedBy(page, userId, record && typeof record.score === 'number' ? record.score : points)) invalidate(nk, 'leaderboard_pages', id);
}

/** One row of an occurrence's leaderboard as event_get_leaderboard shows it. */
export interface BoardRecord { rank: number; user_id: string; username: string | null; points: number }

/** The top of a leaderboard is cached as one page of this many records (event_get_leaderboard's largest limit); smaller limits are slices. */
export const LEADERBOARD_PAGE = 100;

/**
 * The top LEADERBOARD_PAGE records of the occurrence's leaderboard, cached per node
 * (core/cache.ts leaderboard_pages, 2 s). writePoints drops the page when a write on this node
 * changes it; writes on other nodes show within the TTL.
 */
export function leaderboardTop(nk: nkruntime.Nakama, gameId: string, o: Occurrence): BoardRecord[] {
  return cached(nk, 'leaderboard_pages', leaderboardId(gameId, o.id), () => {
    const list = nk.leaderboardRecordsList(ensureLeaderboard(nk, gameId, o), undefined, LEADERBOARD_PAGE);
    return (list.records || []).map((r) => ({ rank: r.rank, user_id: r.ownerId, username: r.username, points: r.score }));
  });
}

/**
 * Whether a player's record with `score` (after the write) differs from the cached page: their row
 * shows another score, or they are not on it and would enter it (a page not full, or a score not below
 * its last; equal scores count as a change, to be safe).
 */
function pageChangedBy(page: BoardRecord[], userId: string, score: number): boolean {
  const row = page.filter((r) => r.user_id === userId)[0];
  if (row) return row.points !== score;
  return page.length < LEADERBOARD_PAGE || score >= page[page.length - 1].points;
}

/** The player's own record on the occurrence's leaderboard, read fresh (null: no record). */
export function ownRecord(nk: nkruntime.Nakama, gameId: string, o: Occurrence, userId: string): { rank: number; points: number } | null {
  const list = nk.leaderboardRecordsList(ensureLeaderboard(nk, gameId, o), [userId]);
  const mine = list.ownerRecords && list.ownerRecords[0];
  return mine ? { rank: mine.rank, points: mine.score } : null;
}

/** The player's rank on the occurrence's leaderboard (0: no record). */
export function rankOf(nk: nkruntime.Nakama, gameId: string, o: Occurrence, userId: string): number {
  const mine = ownRecord(nk, gameId, o, userId);
  return mine ? mine.rank : 0;
}
