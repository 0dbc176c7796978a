import { runtimeError } from '../core/errors';
import type { GameRegistry } from '../core/game-registry';
import { encodeMatchParams, type MatchPlayer } from './shared/match-params';

/**
 * The matchmaker path: clients add tickets with properties `game_id` and `mode`; the server checks
 * and rewrites them, and turns each match the matchmaker forms into an authoritative match.
 */
export interface MatchmakerHooks {
  beforeMatchmakerAdd: nkruntime.RtBeforeHookFunction<nkruntime.MatchmakerAddEnvelope>;
  beforePartyMatchmakerAdd: nkruntime.RtBeforeHookFunction<nkruntime.PartyMatchmakerAddEnvelope>;
  matchmakerMatched: nkruntime.MatchmakerMatchedFunction;
}

/** The server's rating of a player in a game mode. */
export type SkillOf = (nk: nkruntime.Nakama, gameId: string, mode: string, userId: string) => number;

/**
 * The matched players; members of one Nakama party share a team number (1, 2, ... in the order the
 * parties appear), the others get none and the game's rules fill teams with them.
 */
export function withPartyTeams(entries: nkruntime.MatchmakerEntry[]): MatchPlayer[] {
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
   * Refuse tickets for unknown games or modes (INVALID_ARGUMENT naming the value), and rewrite the
   * query and counts so that a ticket only ever matches players of the same game and mode. The
   * `skill` property is the server's rating: whatever the client sent is overwritten.
   */
  function checkTicket(ctx: nkruntime.Context, nk: nkruntime.Nakama, ticket: nkruntime.MatchmakerTicket): void {
    const props = ticket.stringProperties || {};
    const game = games.require(props.game_id);
    const mode = games.requireMode(game, props.mode);
    ticket.stringProperties = { ...props, game: game.slug };
    ticket.numericProperties = { ...(ticket.numericProperties || {}), skill: skillOf(nk, game.id, props.mode, ctx.userId!) };
    ticket.query = `+properties.game:${game.slug} +properties.mode:${props.mode}`;
    ticket.minCount = mode.minPlayers;
    ticket.maxCount = mode.maxPlayers;
  }

  return {
    beforeMatchmakerAdd(ctx, logger, nk, envelope) {
      if (!envelope.matchmakerAdd) throw runtimeError('INVALID_PAYLOAD', 'expected a matchmaker_add message');
      checkTicket(ctx, nk, envelope.matchmakerAdd);
      return envelope;
    },

    /** A party's ticket (Nakama's party system): the same checks; the leader's rating stands for the party. */
    beforePartyMatchmakerAdd(ctx, logger, nk, envelope) {
      if (!envelope.partyMatchmakerAdd) throw runtimeError('INVALID_PAYLOAD', 'expected a party_matchmaker_add message');
      checkTicket(ctx, nk, envelope.partyMatchmakerAdd);
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
      logger.info('matchmaker formed %s %s match %s for %d players', game.slug, mode, matchId, players.length);
      return matchId;
    },
  };
}
