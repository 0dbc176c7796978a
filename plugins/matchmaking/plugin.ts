import type { Store } from '../../core/documents';
import { runtimeError } from '../../core/errors';
import type { GameDefinition, GameRegistry } from '../../core/game-registry';
import type { Plugin } from '../../core/plugin';
import type { RatingsPlugin } from '../ratings/plugin';
import { createParty, joinParty, leaveParty, PARTIES, PARTY_ID_PATTERN, readParty, type PartyRecord } from './parties';
import { beginSearch, isSearching, MATCH_WAITS, queueStream, readStatus, recentWaits, recordCancel, SEARCH_STATUS, STATS_WINDOW_MS } from './queue';
import { RESUBMIT_SECONDS, stepAt } from './widening';

const MODE = { type: 'string', required: true, maxLength: 32 } as const;
const PARTY_ID = { type: 'string', required: true, maxLength: 128, pattern: PARTY_ID_PATTERN } as const;
const GAME_ID = { type: 'uuid', required: true } as const;

/** A rating window: the range and the ratings it admits around `rating` (null: anyone). */
function windowOf(rating: number, range: number | null) {
  return { range, min_rating: range === null ? null : Math.max(0, rating - range), max_rating: range === null ? null : rating + range };
}

const partyView = (game: GameDefinition, party: PartyRecord) => ({ ...party, max_size: game.modes[party.mode].maxPartySize });

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null);

/**
 * Matchmaking RPCs (docs/matchmaking.md): what a client submits to Nakama's matchmaker and when,
 * the search's status, parties, queue stats, ratings by hand (admin) and match history.
 */
export function createMatchmakingPlugin(games: GameRegistry, ratings: RatingsPlugin): Plugin {
  const ratingIn = (store: Store, game: GameDefinition, mode: string, userId: string) => ratings.ratingOf(store, game, mode, userId).rating;

  return {
    id: 'matchmaking',
    games: games.games.map((g) => g.id),
    dependsOn: ['ratings'],
    documents: [SEARCH_STATUS, MATCH_WAITS, PARTIES],
    rpcs: [
      {
        id: 'matchmaking_find_match',
        access: 'player',
        effect: 'write',
        description: 'Start (or continue) a search: returns the ticket to add on the socket (addMatchmaker, or addMatchmakerParty with party_id by the party leader), the widening schedule, and how often to re-submit the ticket. The server rewrites the query and skill of every submitted ticket.',
        response: '{game_id, mode, rating, search_started_at, ticket: {query, min_count, max_count, string_properties, numeric_properties}, party_id, widening: [{after_seconds, range, min_rating, max_rating}], resubmit_seconds}',
        payload: { game_id: GAME_ID, mode: MODE, party_id: { ...PARTY_ID, required: false } },
        errors: { UNKNOWN_MODE: 'the mode is not one of the game', FAILED_PRECONDITION: 'party_id names a party the caller does not lead, or one registered for another mode; or the caller was matched less than 10 s ago' },
        handle(call) {
          const { game, userId, payload } = call;
          const mode = payload.mode as string;
          const definition = games.requireMode(game, mode);
          const partyId = payload.party_id as string | undefined;
          let userIds = [userId];
          if (partyId) {
            const party = readParty(call, game, partyId);
            if (!party || party.leader !== userId) throw runtimeError('FAILED_PRECONDITION', `only the leader of a party registered with matchmaking_create_party searches for it`);
            if (party.mode !== mode) throw runtimeError('FAILED_PRECONDITION', `party ${partyId} is registered for ${party.mode}, not ${mode}`);
            userIds = party.members;
          }
          const rating = ratingIn(call, game, mode, userId);
          const since = beginSearch(call, game, mode, userIds, partyId, Date.now());
          return {
            game_id: game.id, mode, rating, search_started_at: since, party_id: partyId || null,
            ticket: { query: '*', min_count: definition.minPlayers, max_count: definition.maxPlayers, string_properties: { game_id: game.id, mode }, numeric_properties: {} },
            widening: game.widening.map((step) => ({ after_seconds: step.afterSeconds, ...windowOf(rating, step.range) })),
            resubmit_seconds: RESUBMIT_SECONDS,
          };
        },
      },
      {
        id: 'matchmaking_cancel',
        access: 'player',
        effect: 'write',
        description: "Stop the caller's search in this game; the client also removes its ticket on the socket (removeMatchmaker). cancelled is false when there was no search going.",
        response: '{cancelled: boolean}',
        payload: { game_id: GAME_ID },
        handle(call) {
          return { cancelled: recordCancel(call, call.game, call.userId, Date.now()) !== null };
        },
      },
      {
        id: 'matchmaking_get_status',
        access: 'player',
        effect: 'read',
        description: "The caller's search in this game: idle, searching (with the rating window in force and when it widens next), matched (with the match id and the wait) or cancelled.",
        response: '{state: idle|searching|matched|cancelled, mode, rating, waited_seconds, range, min_rating, max_rating, next_widening_in_seconds, in_queue, match_id, wait_ms}',
        payload: { game_id: GAME_ID },
        handle(call) {
          const { nk, game, userId } = call;
          const now = Date.now();
          const status = readStatus(call, game.id, userId);
          // A status for a mode the game does not have (any more) is no search either.
          if (!status || !game.modes[status.mode] || (status.state === 'searching' && !isSearching(status, null, now))) return { state: 'idle' };
          const rating = ratingIn(call, game, status.mode, userId);
          if (status.state !== 'searching') {
            return { state: status.state, mode: status.mode, rating, match_id: status.match_id || null, wait_ms: status.wait_ms === undefined ? null : status.wait_ms };
          }
          const waited = now - status.since;
          const { step, nextAfterSeconds } = stepAt(game.widening, waited);
          const inQueue = nk.streamUserList(queueStream(game.id, status.mode), true, true).some((p) => p.userId === userId);
          return {
            state: 'searching', mode: status.mode, rating, party_id: status.party_id || null, waited_seconds: Math.floor(waited / 1000),
            ...windowOf(rating, step.range), next_widening_in_seconds: nextAfterSeconds === null ? null : Math.max(0, Math.ceil(nextAfterSeconds - waited / 1000)), in_queue: inQueue,
          };
        },
      },
      {
        id: 'matchmaking_create_party',
        access: 'player',
        effect: 'write',
        description: 'Register the Nakama party the caller created on the socket (createParty) for a mode of this game; the caller leads it. The party must fit the mode (maxPartySize).',
        response: '{party_id, mode, leader, members: [user_id], created_at, max_size}',
        payload: { game_id: GAME_ID, mode: MODE, party_id: PARTY_ID },
        errors: { UNKNOWN_MODE: 'the mode is not one of the game', FAILED_PRECONDITION: 'the mode takes no parties, the caller is not in the Nakama party, or it is larger than the mode allows', ALREADY_EXISTS: 'another player registered the party' },
        handle(call) {
          return partyView(call.game, createParty(call, games, call.game, call.payload.mode as string, call.payload.party_id as string, call.userId, Date.now()));
        },
      },
      {
        id: 'matchmaking_join_party',
        access: 'player',
        effect: 'write',
        description: 'Register the caller as a member of a party of this game, after joining the Nakama party on the socket (joinParty).',
        response: '{party_id, mode, leader, members: [user_id], created_at, max_size}',
        payload: { game_id: GAME_ID, party_id: PARTY_ID },
        errors: { NOT_FOUND: 'the party is not registered for this game', FAILED_PRECONDITION: 'the caller is not in the Nakama party, or the party is full' },
        handle(call) {
          return partyView(call.game, joinParty(call, call.game, call.payload.party_id as string, call.userId));
        },
      },
      {
        id: 'matchmaking_leave_party',
        access: 'player',
        effect: 'write',
        description: 'Leave a registered party (the client also leaves the Nakama party on the socket). The next member leads; the last one out removes the party.',
        response: '{left: true, party: {party_id, mode, leader, members, created_at, max_size} | null}',
        payload: { game_id: GAME_ID, party_id: PARTY_ID },
        errors: { NOT_FOUND: 'the caller is not in that party' },
        handle(call) {
          const { game } = call;
          const party = leaveParty(call, game, call.payload.party_id as string, call.userId);
          return { left: true, party: party ? partyView(game, party) : null };
        },
      },
      {
        id: 'matchmaking_get_queue_stats',
        access: 'player',
        effect: 'read',
        description: 'Per mode of this game: players searching now, players matched in the last 15 minutes, and their median and 95th percentile wait.',
        response: '{window_seconds, modes: {<mode>: {searching, matched, wait_median_ms, wait_p95_ms}}}',
        payload: { game_id: GAME_ID },
        handle({ nk, logger, game }) {
          const waits = recentWaits({ nk, logger }, game.id, Date.now());
          const modes: { [mode: string]: unknown } = {};
          for (const mode of Object.keys(game.modes)) {
            const sorted = waits.filter((w) => w.mode === mode).map((w) => w.wait_ms).sort((a, b) => a - b);
            modes[mode] = { searching: nk.streamCount(queueStream(game.id, mode)), matched: sorted.length, wait_median_ms: percentile(sorted, 50), wait_p95_ms: percentile(sorted, 95) };
          }
          return { window_seconds: STATS_WINDOW_MS / 1000, modes };
        },
      },
      {
        id: 'matchmaking_update_skill_rating',
        access: 'admin',
        effect: 'write',
        description: "Set a player's rating in a mode by hand (support and tests). Weng-Lin modes keep their uncertainty. Audit-logged.",
        response: '{user_id, mode, rating: {rating, games, mu?, sigma?}}',
        payload: { game_id: GAME_ID, user_id: { type: 'user', required: true }, mode: MODE, rating: { type: 'integer', required: true, min: 0, max: 5000 } },
        errors: { UNKNOWN_MODE: 'the mode is not one of the game', NOT_FOUND: 'user_id names no player' },
        handle(call) {
          const { game, payload } = call;
          const userId = payload.user_id as string;
          return { user_id: userId, mode: payload.mode as string, rating: ratings.setRating(call, game, payload.mode as string, userId, payload.rating as number) };
        },
      },
      {
        id: 'matchmaking_get_match_history',
        access: 'player',
        effect: 'read',
        description: "The caller's finished matches in this game, newest first: opponents (matches of up to 8 players) or teammates, placement, result and rating change. Pass the returned cursor for the next page.",
        response: '{entries: [{match_id, mode, ended_at, placement, result: win|draw|loss, score, players, teammates, opponents: [{user_id, placement}], rating_before, rating_after, rating_change}], cursor: string | null}',
        payload: { game_id: GAME_ID, limit: { type: 'integer', min: 1, max: 100 }, cursor: { type: 'string', maxLength: 512 } },
        errors: { INVALID_FIELD: 'cursor is not one this call returned' },
        handle(call) {
          return ratings.history(call, call.game, call.userId, (call.payload.limit as number) || 20, (call.payload.cursor as string) || undefined);
        },
      },
    ],
  };
}
