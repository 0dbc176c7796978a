import type { Store } from '../../core/documents';
import { runtimeError } from '../../core/errors';
import { describe } from '../../core/plugin-host';
import type { GameDefinition, GameRegistry } from '../../core/game-registry';
import { encodeMatchParams, type MatchPlayer } from '../../matches/shared/match-params';
import { partyMembers, readParty } from './parties';
import { recordMatch, recordSubmission, type Session } from './queue';
import { stepAt, ticketQuery } from './widening';

/**
 * The matchmaker path: clients add tickets with string properties `game_id` and `mode` (what
 * matchmaking_find_match returns); the server checks and rewrites them, and turns each match the
 * matchmaker forms into an authoritative match.
 */
export interface MatchmakerHooks {
  beforeMatchmakerAdd: nkruntime.RtBeforeHookFunction<nkruntime.EnvelopeMatchmakerAdd>;
  beforePartyMatchmakerAdd: nkruntime.RtBeforeHookFunction<nkruntime.EnvelopePartyMatchmakerAdd>;
  matchmakerMatched: nkruntime.MatchmakerMatchedFunction;
}

/** The server's rating of a player in a game mode. */
export type SkillOf = (store: Store, game: GameDefinition, mode: string, userId: string) => number;

/**
 * The matched players; members of one Nakama party share a team number (1, 2, ... in the order the
 * parties appear), the others get none and the game's rules fill teams with them.
 */
export function withPartyTeams(entries: nkruntime.MatchmakerResult[]): MatchPlayer[] {
  const teams: { [partyId: string]: number } = {};
  let next = 1;
  return entries.map((e) => {
    const player: MatchPlayer = { userId: e.presence.userId, username: e.presence.username };
    if (e.partyId) {
      if (!teams[e.partyId]) teams[e.partyId] = next++;
      player.team = teams[e.partyId];
    }
    return player;
  });
}

export function createMatchmakerHooks(games: GameRegistry, skillOf: SkillOf): MatchmakerHooks {
  /**
   * Refuse tickets for unknown games or modes (INVALID_ARGUMENT naming the value) and rewrite the
   * rest: the query admits only the same game and mode within the rating range the widening schedule
   * gives for the time the players have been searching (docs/matchmaking.md); counts come from the
   * mode; `skill` is the server's rating (a party's: its members' mean), whatever the client sent.
   */
  function rewrite(ticket: nkruntime.MatchmakerAddMessage, store: Store, players: Session[], partyId?: string): void {
    const props = ticket.stringProperties || {};
    const game = games.require(props.game_id);
    const mode = props.mode;
    const definition = games.requireMode(game, mode);
    const skills = players.map((p) => skillOf(store, game, mode, p.userId));
    const skill = Math.round(skills.reduce((a, b) => a + b, 0) / skills.length);
    const now = Date.now();
    const since = recordSubmission(store, game, mode, players, partyId, now);
    ticket.stringProperties = { game_id: game.id, mode, game: game.slug };
    ticket.numericProperties = { skill };
    ticket.query = ticketQuery(game.slug, mode, skill, stepAt(game.widening, now - since).step.range);
    ticket.minCount = definition.minPlayers;
    ticket.maxCount = definition.maxPlayers;
  }

  return {
    beforeMatchmakerAdd(ctx, logger, nk, envelope) {
      if (!envelope.matchmakerAdd) throw runtimeError('INVALID_PAYLOAD', 'expected a matchmaker_add message');
      rewrite(envelope.matchmakerAdd, { nk, logger }, [{ userId: ctx.userId!, sessionId: ctx.sessionId! }]);
      return envelope;
    },

    /**
     * A party's ticket (sent by its leader): the party must be registered for this game and mode
     * (matchmaking_create_party) and no larger than the mode's maxPartySize.
     */
    beforePartyMatchmakerAdd(ctx, logger, nk, envelope) {
      const ticket = envelope.partyMatchmakerAdd;
      if (!ticket) throw runtimeError('INVALID_PAYLOAD', 'expected a party_matchmaker_add message');
      const props = ticket.stringProperties || {};
      const game = games.require(props.game_id);
      const definition = games.requireMode(game, props.mode);
      const party = readParty({ nk, logger }, game, ticket.partyId);
      if (!party) throw runtimeError('FAILED_PRECONDITION', `register party ${ticket.partyId} with matchmaking_create_party first`);
      if (party.mode !== props.mode) throw runtimeError('FAILED_PRECONDITION', `party ${ticket.partyId} is registered for ${party.mode}, not ${props.mode}`);
      const members = partyMembers(nk, ticket.partyId);
      if (members.length > definition.maxPartySize) {
        throw runtimeError('FAILED_PRECONDITION', `the party has ${members.length} players; ${props.mode} takes parties of up to ${definition.maxPartySize}`);
      }
      rewrite(ticket, { nk, logger }, members, ticket.partyId);
      return envelope;
    },

    /** Create the authoritative match for a formed group; its seed is recorded in the params. */
    matchmakerMatched(ctx, logger, nk, entries) {
      const props = entries[0].properties;
      const game = games.require(props.game_id);
      const mode = String(props.mode);
      games.requireMode(game, mode);
      if (entries.some((e) => e.properties.game_id !== game.id || e.properties.mode !== mode)) {
        throw runtimeError('INVALID_FIELD', 'matched tickets disagree on game_id or mode');
      }
      const players = withPartyTeams(entries);
      const matchId = nk.matchCreate(game.matchModule, encodeMatchParams(game.id, mode, players, nk.uuidv4()));
      // Bookkeeping must not cost the players their match: a failure here is logged, the match id returned.
      try {
        recordMatch({ nk, logger }, game, mode, entries.map((e) => e.presence), matchId, Date.now());
      } catch (error) {
        logger.error('matchmaker: recording match %s failed: %s', matchId, describe(error));
      }
      logger.info('matchmaker formed %s %s match %s for %d players', game.slug, mode, matchId, players.length);
      return matchId;
    },
  };
}
