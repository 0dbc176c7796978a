import { addressOf, collectionOf, defineDocument, documentAt, parseStored, readDocument, readStored, writeOf, type Store } from '../../core/documents';
import { runtimeError } from '../../core/errors';
import type { GameDefinition } from '../../core/game-registry';
import { recordWait } from '../../core/metrics';
import { SYSTEM_USER } from '../../core/scope';
import { int, list, matchId, obj, oneOf, optional, snakeId, str, withDefault } from '../../core/shape';
import { newestFirstKey } from '../../core/storage';
import { isRunning } from '../../matches/shared/match-record';
import { PARTY_ID_PATTERN } from './parties';
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

const MODE = snakeId(32);

/** `<game_id>:matchmaking` / `status`: the player's search. */
export const SEARCH_STATUS = defineDocument<SearchStatus>({
  name: 'matchmaking',
  owner: 'player',
  shape: obj({
    state: oneOf('searching', 'matched', 'cancelled'), mode: MODE, since: int(0), submitted_at: int(0),
    party_id: optional(str(128, PARTY_ID_PATTERN)), match_id: optional(matchId), matched_at: optional(int(0)), wait_ms: optional(int(0)),
  }),
});

/** `<game_id>:matchmaking_waits` / newest-first key per match: the waits of a formed match's players. */
export const MATCH_WAITS = defineDocument<{ samples: WaitSample[] }>({
  name: 'matchmaking_waits',
  owner: 'system',
  shape: obj({ samples: withDefault(list(obj({ mode: MODE, wait_ms: int(0), at: int(0) }), 200), () => []) }),
});

const statusTarget = (gameId: string, userId: string) => documentAt(SEARCH_STATUS, gameId, 'status', userId);
export const queueStream = (gameId: string, mode: string): nkruntime.Stream => ({ mode: QUEUE_STREAM_MODE, subject: gameId, label: mode });

export function readStatus(store: Store, gameId: string, userId: string): SearchStatus | null {
  return readDocument(store, statusTarget(gameId, userId));
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
export function recordSubmission(store: Store, game: GameDefinition, mode: string, players: Session[], partyId: string | undefined, now: number): number {
  const since = beginSearch(store, game, mode, players.map((p) => p.userId), partyId, now);
  for (const p of players) store.nk.streamUserJoin(p.userId, p.sessionId, queueStream(game.id, mode), true, false);
  return since;
}

/**
 * The status part of recordSubmission (matchmaking_find_match, which may come without a socket). A
 * player matched less than REMATCH_GUARD_MS ago into a match that still runs is refused: the ticket
 * is a stale re-submission (a match that is gone, e.g. with a restarted server, blocks nobody).
 */
export function beginSearch(store: Store, game: GameDefinition, mode: string, userIds: string[], partyId: string | undefined, now: number): number {
  const { nk } = store;
  const statuses = readStored(store, userIds.map((userId) => statusTarget(game.id, userId))).map((o) => o.value).filter((s): s is SearchStatus => s !== null);
  const justMatched = statuses.filter((s) => s.state === 'matched' && now - (s.matched_at || 0) < REMATCH_GUARD_MS && !!s.match_id && isRunning(nk, s.match_id))[0];
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
export function recordMatch(store: Store, game: GameDefinition, mode: string, players: Session[], matchId: string, now: number): void {
  const { nk } = store;
  const before = readStored(store, players.map((p) => statusTarget(game.id, p.userId)));
  const sinceOf: { [userId: string]: number } = {};
  before.forEach((o, i) => { if (o.value) sinceOf[players[i].userId] = o.value.since; });
  const samples: WaitSample[] = [];
  writeStatuses(nk, game.id, players.map((p) => p.userId), (userId) => {
    const since = sinceOf[userId] !== undefined ? sinceOf[userId] : now;
    samples.push({ mode, wait_ms: now - since, at: now });
    recordWait(nk, game.id, mode, now - since);
    return { state: 'matched', mode, since, submitted_at: since, match_id: matchId, matched_at: now, wait_ms: now - since };
  });
  for (const p of players) nk.streamUserLeave(p.userId, p.sessionId, queueStream(game.id, mode));
  nk.storageWrite([writeOf(documentAt(MATCH_WAITS, game.id, newestFirstKey(now, matchId)), { samples })]);
}

/** Cancelled: the status says so and every session of the player leaves the mode's queue. */
export function recordCancel(store: Store, game: GameDefinition, userId: string, now: number): SearchStatus | null {
  const { nk } = store;
  const status = readStatus(store, game.id, userId);
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
export function recentWaits(store: Store, gameId: string, now: number): WaitSample[] {
  const { nk } = store;
  const samples: WaitSample[] = [];
  let cursor: string | undefined;
  for (let read = 0; read < STATS_MAX_MATCHES; ) {
    const page = nk.storageList(SYSTEM_USER, collectionOf(MATCH_WAITS, gameId), 100, cursor);
    const objects = page.objects || [];
    read += objects.length;
    // Objects beyond repair count as stale: they are deleted like old ones.
    const waits = objects.map((o) => parseStored(store, MATCH_WAITS, o));
    const stale = objects.filter((o, i) => !waits[i] || waits[i]!.samples.every((w) => now - w.at >= STATS_WINDOW_MS));
    for (const w of waits) for (const sample of w ? w.samples : []) if (now - sample.at < STATS_WINDOW_MS) samples.push(sample);
    if (stale.length > 0) {
      nk.storageDelete(stale.map(addressOf));
      break;
    }
    if (!page.cursor || objects.length === 0) break;
    cursor = page.cursor;
  }
  return samples;
}

function writeStatuses(nk: nkruntime.Nakama, gameId: string, userIds: string[], statusOf: (userId: string) => SearchStatus): void {
  nk.storageWrite(userIds.map((userId) => writeOf(statusTarget(gameId, userId), statusOf(userId))));
}
