import { runtimeError } from '../../core/errors';
import type { GameDefinition } from '../../core/game-registry';
import { recordWait } from '../../core/metrics';
import { gameCollection, SYSTEM_USER } from '../../core/scope';
import { newestFirstKey } from '../../core/storage';
import { RESUBMIT_SECONDS } from './widening';

/**
 * Who is searching, since when, and how long finding a match took. Three stores, each for what it is
 * good at:
 * - a status document per player and game (`<game_id>:matchmaking` / `status`): the search start the
 *   widening schedule counts from, and the outcome (matched, with the match id and the wait);
 * - a Nakama stream per game and mode that every searching session joins (hidden): an exact live count
 *   of searching players that Nakama itself cleans up when a session disconnects;
 * - one system-owned object per formed match with its players' waits (`<game_id>:matchmaking_waits`,
 *   keys sorting newest first) for queue stats. One object per match, not one shared document: Nakama
 *   runs the matched hook for many matches at once, and a shared document made them conflict.
 */
export interface SearchStatus {
  state: 'searching' | 'matched' | 'cancelled';
  mode: string;
  /** When this search started (ms since the epoch): widening counts from here. */
  since: number;
  /** When a ticket was last submitted (ms). */
  submitted_at: number;
  /** The Nakama party searching together, if any. */
  party_id?: string;
  match_id?: string;
  matched_at?: number;
  /** From the start of the search to the match (ms). */
  wait_ms?: number;
}

/** A search whose client stopped re-submitting for this long is over: the next ticket starts afresh. */
export const SEARCH_EXPIRES_MS = (2 * RESUBMIT_SECONDS + 15) * 1000;
/** Stream mode of the matchmaking queues (Nakama's own stream modes are 0-7). */
export const QUEUE_STREAM_MODE = 100;
/** How far back queue stats look, and how many matches they read at most. */
export const STATS_WINDOW_MS = 15 * 60 * 1000;
const STATS_MAX_MATCHES = 500;
/** A ticket this soon after its player was matched is a client re-submitting by mistake (the "ghost searcher"). */
export const REMATCH_GUARD_MS = 10 * 1000;

/** A player's socket session (what joins and leaves the queue stream). */
export interface Session { userId: string; sessionId: string }

export interface WaitSample { mode: string; wait_ms: number; at: number }

const statusTarget = (gameId: string, userId: string) => ({ collection: gameCollection(gameId, 'matchmaking'), key: 'status', userId });
const waitsCollection = (gameId: string) => gameCollection(gameId, 'matchmaking_waits');
export const queueStream = (gameId: string, mode: string): nkruntime.Stream => ({ mode: QUEUE_STREAM_MODE, subject: gameId, label: mode });

export function readStatus(nk: nkruntime.Nakama, gameId: string, userId: string): SearchStatus | null {
  const [stored] = nk.storageRead([statusTarget(gameId, userId)]);
  return stored ? (stored.value as unknown as SearchStatus) : null;
}

/** True while the status is a search that is still going (its client keeps re-submitting). */
export function isSearching(status: SearchStatus | null, mode: string | null, now: number): status is SearchStatus {
  return !!status && status.state === 'searching' && (mode === null || status.mode === mode) && now - status.submitted_at < SEARCH_EXPIRES_MS;
}

/**
 * A search (re)submitted by these players together (one, or a party): a going search in the same
 * mode keeps its start, anything else starts now. Returns the start. The players' sessions join the
 * mode's queue stream.
 */
export function recordSubmission(nk: nkruntime.Nakama, game: GameDefinition, mode: string, players: Session[], partyId: string | undefined, now: number): number {
  const since = beginSearch(nk, game, mode, players.map((p) => p.userId), partyId, now);
  for (const p of players) nk.streamUserJoin(p.userId, p.sessionId, queueStream(game.id, mode), true, false);
  return since;
}

/** The status part of recordSubmission (matchmaking_find_match, which may come without a socket). */
export function beginSearch(nk: nkruntime.Nakama, game: GameDefinition, mode: string, userIds: string[], partyId: string | undefined, now: number): number {
  const statuses = nk.storageRead(userIds.map((userId) => statusTarget(game.id, userId))).map((o) => o.value as unknown as SearchStatus);
  const justMatched = statuses.filter((s) => s.state === 'matched' && now - s.matched_at! < REMATCH_GUARD_MS)[0];
  if (justMatched) throw runtimeError('FAILED_PRECONDITION', `matched ${Math.round((now - justMatched.matched_at!) / 1000)} s ago into match ${justMatched.match_id}: join it (a ticket re-submitted after the match was found starts no new search)`);
  const starts = statuses.filter((s) => isSearching(s, mode, now)).map((s) => s.since);
  // A party searches as long as its longest-searching member (the leader's search usually).
  const since = starts.length > 0 ? Math.min(...starts) : now;
  const status: SearchStatus = { state: 'searching', mode, since, submitted_at: now };
  if (partyId) status.party_id = partyId;
  writeStatuses(nk, game.id, userIds, () => status);
  return since;
}

/** Matched: statuses get the match and the wait, sessions leave the queue, the waits are kept for stats. */
export function recordMatch(nk: nkruntime.Nakama, game: GameDefinition, mode: string, players: Session[], matchId: string, now: number): void {
  const before = nk.storageRead(players.map((p) => statusTarget(game.id, p.userId)));
  const sinceOf: { [userId: string]: number } = {};
  for (const o of before) sinceOf[o.userId] = (o.value as unknown as SearchStatus).since;
  const samples: WaitSample[] = [];
  writeStatuses(nk, game.id, players.map((p) => p.userId), (userId) => {
    const since = sinceOf[userId] !== undefined ? sinceOf[userId] : now;
    samples.push({ mode, wait_ms: now - since, at: now });
    recordWait(nk, game.id, mode, now - since);
    return { state: 'matched', mode, since, submitted_at: since, match_id: matchId, matched_at: now, wait_ms: now - since };
  });
  for (const p of players) nk.streamUserLeave(p.userId, p.sessionId, queueStream(game.id, mode));
  nk.storageWrite([{
    collection: waitsCollection(game.id), key: newestFirstKey(now, matchId), userId: SYSTEM_USER,
    value: { samples } as unknown as { [key: string]: unknown }, permissionRead: 0, permissionWrite: 0,
  }]);
}

/** Cancelled: the status says so and every session of the player leaves the mode's queue. */
export function recordCancel(nk: nkruntime.Nakama, game: GameDefinition, userId: string, now: number): SearchStatus | null {
  const status = readStatus(nk, game.id, userId);
  if (!isSearching(status, null, now)) return null;
  const cancelled: SearchStatus = { ...status, state: 'cancelled', submitted_at: now };
  writeStatuses(nk, game.id, [userId], () => cancelled);
  const stream = queueStream(game.id, status.mode);
  for (const p of nk.streamUserList(stream, true, true)) if (p.userId === userId) nk.streamUserLeave(userId, p.sessionId, stream);
  return cancelled;
}

/**
 * Waits of the players matched in the last STATS_WINDOW_MS (at most STATS_MAX_MATCHES matches). Older
 * objects met on the way are deleted (at most a page per call), so the collection stays small.
 */
export function recentWaits(nk: nkruntime.Nakama, gameId: string, now: number): WaitSample[] {
  const samples: WaitSample[] = [];
  let cursor: string | undefined;
  for (let read = 0; read < STATS_MAX_MATCHES; ) {
    const page = nk.storageList(SYSTEM_USER, waitsCollection(gameId), 100, cursor);
    const objects = page.objects || [];
    read += objects.length;
    const stale = objects.filter((o) => (o.value as unknown as { samples: WaitSample[] }).samples.every((w) => now - w.at >= STATS_WINDOW_MS));
    for (const o of objects) for (const w of (o.value as unknown as { samples: WaitSample[] }).samples) if (now - w.at < STATS_WINDOW_MS) samples.push(w);
    if (stale.length > 0) {
      nk.storageDelete(stale.map((o) => ({ collection: o.collection, key: o.key, userId: o.userId })));
      break;
    }
    if (!page.cursor || objects.length === 0) break;
    cursor = page.cursor;
  }
  return samples;
}

function writeStatuses(nk: nkruntime.Nakama, gameId: string, userIds: string[], statusOf: (userId: string) => SearchStatus): void {
  nk.storageWrite(userIds.map((userId) => ({
    ...statusTarget(gameId, userId), value: statusOf(userId) as unknown as { [key: string]: unknown }, permissionRead: 1 as const, permissionWrite: 0 as const,
  })));
}
