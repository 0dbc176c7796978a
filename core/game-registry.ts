import { runtimeError } from './errors';

/** A mode of a game: how many players a match of it takes, parties and rating. */
export interface ModeDefinition {
  /** Players a match needs to start (the matchmaker's min count). */
  minPlayers: number;
  /** Players a match takes at most (the matchmaker's max count). */
  maxPlayers: number;
  /** Players a Nakama party may bring into one match of this mode together (1: no parties). */
  maxPartySize: number;
  /**
   * How results move skill ratings (docs/ratings.md): 'elo' for 1v1 modes (maxPlayers 2),
   * 'weng-lin' for free-for-all and team modes.
   */
  rating: 'elo' | 'weng-lin';
}

/**
 * One step of a game's widening search (docs/matchmaking.md): after `afterSeconds` of searching, a
 * ticket admits ratings within `range` of the player's own; null admits anyone.
 */
export interface WideningStep {
  afterSeconds: number;
  range: number | null;
}

/** A game served by this module. Games are data: adding one touches no core file. */
export interface GameDefinition {
  /** The game's UUID: every game-scoped call names it, and all its data is namespaced by it. */
  id: string;
  /** Short lowercase name, used in matchmaker queries and logs. */
  slug: string;
  /** Display name. */
  name: string;
  /** The authoritative match module that plays this game. */
  matchModule: string;
  modes: { [mode: string]: ModeDefinition };
  /** Wallet currencies of this game (stored under per-game keys, see economy.ts). */
  currencies: string[];
  /** The widening search schedule of every mode of this game. */
  widening: WideningStep[];
  /** The item catalog rewards may grant (storage: the player's `<game_id>:inventory`). */
  items: { [itemId: string]: ItemDefinition };
}

/** An item rewards can grant: a consumable or collectible, a badge to show, or a title to wear. */
export interface ItemDefinition {
  kind: 'item' | 'badge' | 'title';
  name: string;
}

export interface GameRegistry {
  games: GameDefinition[];
  /** The game with this id, or undefined. */
  find(gameId: string): GameDefinition | undefined;
  /** The game with this id, or an UNKNOWN_GAME error naming it. */
  require(gameId: unknown): GameDefinition;
  /** The mode of the game, or an UNKNOWN_MODE error listing the valid ones. */
  requireMode(game: GameDefinition, mode: unknown): ModeDefinition;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SLUG = /^[a-z][a-z0-9]{1,31}$/;

/**
 * Problems with per-game data keyed by game id (a plugin's data files): each value checked for its
 * game by `check`; a key naming no game is a problem of `file`.
 */
export function perGameProblems<T>(games: GameRegistry, data: { [gameId: string]: T }, file: (value: T) => string, check: (value: T, game: GameDefinition) => string[]): string[] {
  return ([] as string[]).concat(...Object.keys(data).map((id) => {
    const game = games.find(id);
    return game ? check(data[id], game) : [`${file(data[id])}: unknown game ${id}`];
  }));
}

/** True for a lowercase canonical UUID. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Problems with the game definitions, each naming the game and field (empty when valid). */
export function validateGames(games: GameDefinition[]): string[] {
  const problems: string[] = [];
  const seen: { [key: string]: true } = {};
  for (const game of games) {
    const where = `game ${game.slug || game.id}`;
    if (!isUuid(game.id)) problems.push(`${where}: id must be a lowercase UUID, got "${game.id}"`);
    if (!SLUG.test(game.slug)) problems.push(`${where}: slug must match ${SLUG}`);
    if (seen[game.id] || seen[game.slug]) problems.push(`${where}: id or slug is used twice`);
    seen[game.id] = seen[game.slug] = true;
    if (Object.keys(game.modes).length === 0) problems.push(`${where}: modes must not be empty`);
    for (const mode of Object.keys(game.modes)) {
      const { minPlayers, maxPlayers, maxPartySize, rating } = game.modes[mode];
      if (!(Number.isInteger(minPlayers) && minPlayers >= 1 && Number.isInteger(maxPlayers) && maxPlayers >= minPlayers)) {
        problems.push(`${where}: modes.${mode} needs integer 1 <= minPlayers <= maxPlayers`);
      }
      if (!(Number.isInteger(maxPartySize) && maxPartySize >= 1 && maxPartySize <= maxPlayers)) {
        problems.push(`${where}: modes.${mode}.maxPartySize must be an integer from 1 to maxPlayers`);
      }
      if (rating !== 'elo' && rating !== 'weng-lin') problems.push(`${where}: modes.${mode}.rating must be 'elo' or 'weng-lin'`);
      if (rating === 'elo' && maxPlayers !== 2) problems.push(`${where}: modes.${mode}.rating 'elo' rates 1v1 modes only (maxPlayers 2)`);
    }
    problems.push(...validateWidening(`${where}: widening`, game.widening || []));
    for (const id of Object.keys(game.items || {})) {
      const item = game.items[id];
      if (!/^[a-z][a-z0-9_]*$/.test(id)) problems.push(`${where}: items.${id}: id must be snake_case`);
      if (['item', 'badge', 'title'].indexOf(item.kind) < 0) problems.push(`${where}: items.${id}.kind must be item, badge or title`);
      if (!item.name) problems.push(`${where}: items.${id}.name is required`);
    }
  }
  return problems;
}

/** Problems with a widening schedule, naming the step and field (empty when valid). */
export function validateWidening(where: string, schedule: WideningStep[]): string[] {
  const problems: string[] = [];
  if (schedule.length === 0 || schedule[0].afterSeconds !== 0) problems.push(`${where}[0].afterSeconds: the first step must start at 0`);
  schedule.forEach((step, i) => {
    const at = `${where}[${i}]`;
    if (!Number.isInteger(step.afterSeconds) || step.afterSeconds < 0) problems.push(`${at}.afterSeconds: must be an integer >= 0`);
    if (step.range !== null && !(Number.isInteger(step.range) && step.range > 0)) problems.push(`${at}.range: must be a positive integer or null`);
    const previous = schedule[i - 1];
    if (!previous) return;
    if (step.afterSeconds <= previous.afterSeconds) problems.push(`${at}.afterSeconds: must be later than the step before`);
    if (previous.range === null) problems.push(`${at}: no step may follow one that admits anyone (range null)`);
    else if (step.range !== null && step.range <= previous.range) problems.push(`${at}.range: must be wider than the step before`);
  });
  return problems;
}

export function createGameRegistry(games: GameDefinition[]): GameRegistry {
  const byId: { [id: string]: GameDefinition } = {};
  for (const game of games) byId[game.id] = game;
  return {
    games,
    find: (gameId) => byId[gameId],
    require(gameId) {
      if (typeof gameId !== 'string' || !byId[gameId]) {
        throw runtimeError('UNKNOWN_GAME', `unknown game_id "${String(gameId)}"`);
      }
      return byId[gameId];
    },
    requireMode(game, mode) {
      if (typeof mode !== 'string' || !Object.prototype.hasOwnProperty.call(game.modes, mode)) {
        throw runtimeError('UNKNOWN_MODE', `unknown mode "${String(mode)}" for ${game.name}; valid: ${Object.keys(game.modes).join(', ')}`);
      }
      return game.modes[mode];
    },
  };
}
