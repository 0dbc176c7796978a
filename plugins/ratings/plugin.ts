import { applyOnce, type OnceDocument } from '../../core/apply-once';
import type { DomainEvent } from '../../core/events';
import type { GameDefinition, GameRegistry } from '../../core/game-registry';
import type { Plugin, Services } from '../../core/plugin';
import { gameCollection } from '../../core/scope';
import { eloUpdate, newRating, type Rating } from './elo';

/** A player's ratings in one game, per mode (storage: `<game_id>:ratings` / `skill`). Server-owned. */
export interface RatingsDocument extends OnceDocument {
  modes: { [mode: string]: Rating };
}

/** One player's result as the match_ended event reports it. */
interface Result { userId: string; placement: number; score: number }

export interface RatingsPlugin extends Plugin {
  /** The player's rating in a mode (the initial rating before the first game). */
  ratingOf(nk: nkruntime.Nakama, gameId: string, mode: string, userId: string): Rating;
  /** Ratings in every rated mode of the game, for menus. */
  ratingsOf(nk: nkruntime.Nakama, game: GameDefinition, userId: string): { [mode: string]: Rating };
}

/**
 * Skill ratings kept by the server and changed only by results of matches the server ran (the
 * match_ended event). 1v1 modes use Elo (elo.ts); modes for more players are not rated yet.
 */
/** Modes rated today: 1v1 (Elo). */
const rated = (game: GameDefinition, mode: string) => game.modes[mode].maxPlayers === 2;

export function createRatingsPlugin(games: GameRegistry): RatingsPlugin {
  const target = (gameId: string, userId: string) => ({ collection: gameCollection(gameId, 'ratings'), key: 'skill', userId });
  const empty = (): RatingsDocument => ({ modes: {}, processed: [] });
  const read = (nk: nkruntime.Nakama, gameId: string, userId: string): RatingsDocument => {
    const [stored] = nk.storageRead([target(gameId, userId)]);
    return stored ? (stored.value as unknown as RatingsDocument) : empty();
  };

  function onMatchEnded(event: DomainEvent, { nk, game }: Services): void {
    const mode = String(event.data.mode);
    const results = event.data.standings as Result[];
    if (!game.modes[mode] || !rated(game, mode) || results.length !== 2) return;
    const [first, second] = results;
    const scoreFirst = first.score === second.score ? 0.5 : 1;
    applyOnce(nk, [target(game.id, first.userId), target(game.id, second.userId)], event.id, empty, (docs) => {
      const [a, b] = eloUpdate(docs[0].modes[mode] || newRating(), docs[1].modes[mode] || newRating(), scoreFirst);
      docs[0].modes[mode] = a;
      docs[1].modes[mode] = b;
      return { values: docs, grants: [] };
    });
  }

  return {
    id: 'ratings',
    games: games.games.map((g) => g.id),
    events: { match_ended: onMatchEnded },
    ratingOf: (nk, gameId, mode, userId) => read(nk, gameId, userId).modes[mode] || newRating(),
    ratingsOf(nk, game, userId) {
      const doc = read(nk, game.id, userId);
      const result: { [mode: string]: Rating } = {};
      for (const mode of Object.keys(game.modes)) if (rated(game, mode)) result[mode] = doc.modes[mode] || newRating();
      return result;
    },
  };
}
