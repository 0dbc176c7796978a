import { applyOnce, PROCESSED, type OnceDocument } from '../../core/apply-once';
import { collectionOf, defineDocument, documentAt, parseStored, readDocument, writeOf, type DocumentTarget, type Store } from '../../core/documents';
import { runtimeError } from '../../core/errors';
import type { DomainEvent } from '../../core/events';
import type { GameDefinition, GameRegistry, ModeDefinition } from '../../core/game-registry';
import type { Plugin, Services } from '../../core/plugin';
import { dict, int, list, matchId, num, obj, oneOf, optional, snakeId, uuid, withDefault } from '../../core/shape';
import { newestFirstKey } from '../../core/storage';
import { eloUpdate, INITIAL_RATING } from './elo';
import { displayRating, newBelief, wengLinUpdate, WL_SIGMA } from './weng-lin';

/**
 * A player's rating in one mode. `rating` is what menus show and the matchmaker matches on; Weng-Lin
 * modes also keep the belief behind it (mu, sigma; rating = round(mu)). See docs/ratings.md.
 */
export interface Rating {
  rating: number;
  /** Rated matches played in this mode. */
  games: number;
  mu?: number;
  sigma?: number;
}

/** A player's ratings in one game, per mode (storage: `<game_id>:ratings` / `skill`). Server-owned. */
export interface RatingsDocument extends OnceDocument {
  modes: { [mode: string]: Rating };
}

/** One entry of a player's match history (storage: `<game_id>:match_history`, newest first). */
export interface HistoryEntry {
  match_id: string;
  mode: string;
  /** When the server processed the result (ms since the epoch). */
  ended_at: number;
  placement: number;
  /** 'win' (placement 1, alone or with the own team), 'draw' (a 1v1 with level scores, or placement 1 shared with opponents) or 'loss'. */
  result: 'win' | 'draw' | 'loss';
  score: number;
  players: number;
  /** Teammates' user ids (team modes). */
  teammates: string[];
  /** Opponents with their placements; listed for matches of up to MAX_LISTED_OPPONENTS players. */
  opponents: { user_id: string; placement: number }[];
  rating_before: number;
  rating_after: number;
  rating_change: number;
}

/** One player's result as the match_ended event reports it (team: battle royale teams). */
interface Result { userId: string; placement: number; score: number; team?: number }

export interface RatingsPlugin extends Plugin {
  /** The player's rating in a mode (the initial rating before the first game). */
  ratingOf(store: Store, game: GameDefinition, mode: string, userId: string): Rating;
  /** Ratings in every mode of the game, for menus. */
  ratingsOf(store: Store, game: GameDefinition, userId: string): { [mode: string]: Rating };
  /** The document `ratingsOf` reads (for a menu reading it ahead: core/documents.ts readAhead). */
  ratingsRead(gameId: string, userId: string): DocumentTarget<unknown>;
  /** Set a rating by hand (admin tools); Weng-Lin modes keep their uncertainty. Returns the new rating. */
  setRating(store: Store, game: GameDefinition, mode: string, userId: string, rating: number): Rating;
  /** A page of the player's match history, newest first. */
  history(store: Store, game: GameDefinition, userId: string, limit: number, cursor?: string): { entries: HistoryEntry[]; cursor: string | null };
}

/** Larger matches (battle royale) list teammates and the player count, not 99 opponents per entry. */
export const MAX_LISTED_OPPONENTS = 8;

const RATING_VALUE = int(-1000000, 1000000);

/** `<game_id>:ratings` / `skill`: the player's ratings per mode. */
export const RATINGS = defineDocument<RatingsDocument>({
  name: 'ratings',
  owner: 'player',
  shape: obj({
    modes: withDefault(dict(obj({ rating: RATING_VALUE, games: int(0), mu: optional(num()), sigma: optional(num(0)) }), 64, /^[a-z][a-z0-9_]*$/), () => ({})),
    processed: PROCESSED,
  }),
  empty: () => ({ modes: {}, processed: [] }),
});

/** `<game_id>:match_history` / newest-first key per match: one entry per finished rated match. */
export const MATCH_HISTORY = defineDocument<HistoryEntry>({
  name: 'match_history',
  owner: 'player',
  shape: obj({
    match_id: matchId, mode: snakeId(32), ended_at: int(0), placement: int(1), result: oneOf('win', 'draw', 'loss'),
    score: num(), players: int(1), teammates: list(uuid, 100),
    opponents: list(obj({ user_id: uuid, placement: int(1) }), MAX_LISTED_OPPONENTS),
    rating_before: RATING_VALUE, rating_after: RATING_VALUE, rating_change: int(-2000000, 2000000),
  }),
});

const initialRating = (mode: ModeDefinition): Rating =>
  mode.rating === 'elo' ? { rating: INITIAL_RATING, games: 0 } : { rating: displayRating(newBelief()), games: 0, mu: newBelief().mu, sigma: WL_SIGMA };


/**
 * Skill ratings kept by the server and changed only by results of matches the server ran (the
 * match_ended event): Elo for 1v1 modes, Weng-Lin for free-for-all and team modes (docs/ratings.md).
 * The same transaction writes every player's match history entry, exactly once per match.
 */
export function createRatingsPlugin(games: GameRegistry): RatingsPlugin {
  const target = (gameId: string, userId: string) => documentAt(RATINGS, gameId, 'skill', userId);
  const read = (store: Store, gameId: string, userId: string) => readDocument(store, target(gameId, userId))!;

  function onMatchEnded(event: DomainEvent, services: Services): void {
    const { game } = services;
    const mode = String(event.data.mode);
    const results = event.data.standings as Result[];
    const definition = game.modes[mode];
    if (!definition || !Array.isArray(results) || results.length < 2) return;
    if (definition.rating === 'elo' && results.length !== 2) return;
    const endedAt = Date.now();
    applyOnce(services, results.map((r) => target(game.id, r.userId)), event.id, (docs) => {
      const before = docs.map((d) => d.modes[mode] || initialRating(definition));
      const elo = definition.rating === 'elo';
      const after = elo ? eloAfter(before, results) : wengLinAfter(before, results);
      docs.forEach((d, i) => { d.modes[mode] = after[i]; });
      const drawn = elo && results[0].score === results[1].score;
      const writes = results.map((r, i) => writeOf(
        documentAt(MATCH_HISTORY, game.id, newestFirstKey(endedAt, event.matchId), r.userId),
        historyEntry(event.matchId, mode, endedAt, results, i, drawn, before[i].rating, after[i].rating),
      ));
      return { values: docs, grants: [], writes };
    });
  }

  return {
    id: 'ratings',
    games: games.games.map((g) => g.id),
    events: { match_ended: onMatchEnded },
    documents: [RATINGS, MATCH_HISTORY],
    ratingOf: (store, game, mode, userId) => read(store, game.id, userId).modes[mode] || initialRating(game.modes[mode]),
    ratingsRead: (gameId, userId) => target(gameId, userId),
    ratingsOf(store, game, userId) {
      const doc = read(store, game.id, userId);
      const result: { [mode: string]: Rating } = {};
      for (const mode of Object.keys(game.modes)) result[mode] = doc.modes[mode] || initialRating(game.modes[mode]);
      return result;
    },
    setRating(store, game, mode, userId, rating) {
      const definition = games.requireMode(game, mode);
      const applied = applyOnce(store, [target(game.id, userId)], `admin:${store.nk.uuidv4()}`, ([doc]) => {
        const current = doc.modes[mode] || initialRating(definition);
        doc.modes[mode] = definition.rating === 'elo' ? { ...current, rating } : { ...current, rating, mu: rating };
        return { values: [doc], grants: [] };
      });
      if (!applied) throw runtimeError('INTERNAL', 'the rating was not written');
      return applied.values[0].modes[mode];
    },
    history(store, game, userId, limit, cursor) {
      let page: nkruntime.StorageObjectList;
      try {
        page = store.nk.storageList(userId, collectionOf(MATCH_HISTORY, game.id), limit, cursor);
      } catch (error) {
        if (cursor) throw runtimeError('INVALID_FIELD', 'cursor: not a cursor this call returned');
        throw error;
      }
      // Entries beyond repair are left out (and logged).
      const entries: HistoryEntry[] = [];
      for (const o of page.objects || []) {
        const entry = parseStored(store, MATCH_HISTORY, o);
        if (entry) entries.push(entry);
      }
      return { entries, cursor: page.cursor || null };
    },
  };
}

/** 1v1: the first listed player won unless the scores are level (a draw). */
function eloAfter(before: Rating[], results: Result[]): Rating[] {
  const scoreFirst = results[0].score === results[1].score ? 0.5 : results[0].placement < results[1].placement ? 1 : 0;
  return eloUpdate(before[0], before[1], scoreFirst);
}

/** Free-for-all and teams: one Weng-Lin update; a player's team is its `team` (none: a team of one). */
function wengLinAfter(before: Rating[], results: Result[]): Rating[] {
  const teamOf: { [key: string]: number } = {};
  const teams: number[][] = [];
  const ranks: number[] = [];
  results.forEach((r, i) => {
    const key = r.team === undefined ? `player:${i}` : `team:${r.team}`;
    if (teamOf[key] === undefined) {
      teamOf[key] = teams.length;
      teams.push([]);
      ranks.push(r.placement);
    }
    teams[teamOf[key]].push(i);
  });
  const beliefs = teams.map((members) => members.map((i) => ({ mu: before[i].mu !== undefined ? before[i].mu! : before[i].rating, sigma: before[i].sigma || WL_SIGMA })));
  const updated = wengLinUpdate(beliefs, ranks);
  const after: Rating[] = before.slice();
  teams.forEach((members, t) => members.forEach((i, j) => {
    const b = updated[t][j];
    after[i] = { rating: displayRating(b), games: before[i].games + 1, mu: b.mu, sigma: b.sigma };
  }));
  return after;
}

/** `drawn`: a 1v1 with level scores (rated as a draw whatever the tie rule placed). */
function historyEntry(matchId: string, mode: string, endedAt: number, results: Result[], i: number, drawn: boolean, ratingBefore: number, ratingAfter: number): HistoryEntry {
  const me = results[i];
  const mate = (r: Result) => me.team !== undefined && r.team === me.team;
  const others = results.filter((r, j) => j !== i && !mate(r));
  const firstShared = drawn || (me.placement === 1 && others.some((r) => r.placement === 1));
  return {
    match_id: matchId,
    mode,
    ended_at: endedAt,
    placement: me.placement,
    result: firstShared ? 'draw' : me.placement !== 1 ? 'loss' : 'win',
    score: me.score,
    players: results.length,
    teammates: results.filter((r, j) => j !== i && mate(r)).map((r) => r.userId),
    opponents: results.length <= MAX_LISTED_OPPONENTS ? others.map((r) => ({ user_id: r.userId, placement: r.placement })) : [],
    rating_before: ratingBefore,
    rating_after: ratingAfter,
    rating_change: ratingAfter - ratingBefore,
  };
}
