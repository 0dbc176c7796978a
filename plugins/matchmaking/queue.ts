import type { GameDefinition } from '../../core/game-registry';
import { gameCollection } from '../../core/scope';
import { updateDocument } from '../../core/storage';
import { SYSTEM_USER } from '../../matches/shared/match-record';
import { RESUBMIT_SECONDS } from './widening';

/**
 * Who is searching, since when, and how long finding a match took. Three stores, each for what it is
 * good at:
 * - a status document per player and game (`<game_id>:matchmaking` / `status`): the search start the
 *   widening schedule counts from, and the outcome (matched, with the match id and the wait);
 * - a Nakama stream per game and mode that every searching session joins (hidden): an exact live count
 *   of searching players that Nakama itself cleans up when a session disconnects;
 * - recent waits per game (`<game_id>:matchmaking` / `recent_waits`, system-owned) for queue stats.
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
/** Recent waits kept per game, and how far back queue stats look. */
const RECENT_WAITS = 500;
export const STATS_WINDOW_MS = 15 * 60 * 1000;

/** A player's socket session (what joins and leaves the queue stream). */
export interface Session { userId: string; sessionId: string }

export interface WaitSample { mode: string; wait_ms: number; at: number }

const statusTarget = (gameId: string, userId: string) => ({ collection: gameCollection(gameId, 'matchmaking'), key: 'status', userId });
const waitsTarget = (gameId: string) => ({ collection: gameCollection(gameId, 'matchmaking'), key: 'recent_waits', userId: SYSTEM_USER });
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
  const statuses = nk.storageRead(userIds.map((userId) => statusTarget(game.id, userId)));
  const starts = statuses.map((o) => o.value as unknown as SearchStatus).filter((s) => isSearching(s, mode, now)).map((s) => s.since);
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
    return { state: 'matched', mode, since, submitted_at: since, match_id: matchId, matched_at: now, wait_ms: now - since };
  });
  for (const p of players) nk.streamUserLeave(p.userId, p.sessionId, queueStream(game.id, mode));
  updateDocument<{ samples: WaitSample[] }>(nk, waitsTarget(game.id), (current) => ({
    samples: (current ? current.samples : []).filter((s) => now - s.at < STATS_WINDOW_MS).concat(samples).slice(-RECENT_WAITS),
  }), { permissionRead: 0, permissionWrite: 0 });
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

/** Waits of the players matched in the last STATS_WINDOW_MS. */
export function recentWaits(nk: nkruntime.Nakama, gameId: string, now: number): WaitSample[] {
  const [stored] = nk.storageRead([waitsTarget(gameId)]);
  const samples = stored ? (stored.value as unknown as { samples: WaitSample[] }).samples : [];
  return samples.filter((s) => now - s.at < STATS_WINDOW_MS);
}

function writeStatuses(nk: nkruntime.Nakama, gameId: string, userIds: string[], statusOf: (userId: string) => SearchStatus): void {
  nk.storageWrite(userIds.map((userId) => ({
    ...statusTarget(gameId, userId), value: statusOf(userId) as unknown as { [key: string]: unknown }, permissionRead: 1 as const, permissionWrite: 0 as const,
  })));
}
