import { runtimeError } from '../../core/errors';
import type { GameDefinition, GameRegistry } from '../../core/game-registry';

/** A player a match is created for. */
export interface MatchPlayer {
  userId: string;
  username: string;
  /** Team number for team modes (players of one party share a team); absent = the rules assign. */
  team?: number;
}

/** What the matchmaker passes to nk.matchCreate, as the match receives it. */
export interface MatchParams {
  game: GameDefinition;
  mode: string;
  players: MatchPlayer[];
  /** Seed of the match's random generator (recorded so the match can be replayed). */
  seed: string;
}

/** The params for nk.matchCreate (players as JSON: params cross Go as a flat map). */
export function encodeMatchParams(gameId: string, mode: string, players: MatchPlayer[], seed: string): { [key: string]: string } {
  return { game_id: gameId, mode, players: JSON.stringify(players), seed };
}

/** Check params in matchInit; a bad one is a server bug, so it throws (Nakama then refuses the match). */
export function parseMatchParams(games: GameRegistry, params: { [key: string]: unknown }): MatchParams {
  const game = games.require(params.game_id);
  games.requireMode(game, params.mode);
  let players: MatchPlayer[];
  try {
    players = JSON.parse(String(params.players));
  } catch (e) {
    throw runtimeError('INVALID_FIELD', 'players: must be a JSON array');
  }
  if (!Array.isArray(players) || players.some((p) => typeof p.userId !== 'string' || typeof p.username !== 'string')) {
    throw runtimeError('INVALID_FIELD', 'players: must be [{userId, username}]');
  }
  if (typeof params.seed !== 'string' || params.seed === '') throw runtimeError('INVALID_FIELD', 'seed: required');
  return { game, mode: params.mode as string, players, seed: params.seed };
}
