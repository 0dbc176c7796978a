import { collectionOf, PLAYER_KEY, type DocumentKind } from './documents';
import { isUnavailable, runtimeError, type RuntimeError } from './errors';
import type { GameDefinition, GameRegistry } from './game-registry';
import { consume, RATE_LIMITS } from './rate-limit';
import { utf8Length } from './validate';

/**
 * The trust boundary on Nakama's own client API. Nakama lets any player write, delete and submit
 * through its ordinary APIs (WriteStorageObjects, WriteLeaderboardRecord, ...); this module owns
 * what those would reach, so before-hooks refuse players (PERMISSION_DENIED, with an audit line):
 * - storage: a player writes and deletes only their own objects of player-writable kinds
 *   (core/documents.ts playerWrites: `<game_id>:player_data`), within the kind's limits and the
 *   write rate limit; every other collection, the module's or not, belongs to the server;
 * - leaderboard and tournament records, and tournament entries: every leaderboard and tournament
 *   on this server is the module's, scored from matches the server ran, so clients submit none.
 *   (DeleteTournamentRecord has no hook: Nakama 3.40's JavaScript runtime never calls one. The
 *   module's tournaments are authoritative, and Nakama refuses client deletes from those itself.)
 * docs/security.md has the decision for every client API, with the test that proves it.
 */
export type ApiBeforeHook = (ctx: nkruntime.Context, logger: nkruntime.Logger, nk: nkruntime.Nakama, request: any) => unknown;

/** At most this many objects per storage write or delete request. */
const MAX_OBJECTS = 20;

/** A storage object as a WriteStorageObjects request carries it (the value is JSON text). */
interface ObjectWrite { collection?: string; key?: string; value?: string; version?: string }
/** A storage object id as a DeleteStorageObjects request carries it. */
interface ObjectId { collection?: string; key?: string; version?: string }

/** The player-writable kind a collection belongs to, with its game. */
interface Writable { kind: DocumentKind<unknown>; game: GameDefinition }

/** A request's objects of one collection. */
interface Place<O> { writable: Writable; objects: O[] }

export function createApiGuards(games: GameRegistry, documents: DocumentKind<unknown>[]): { [api: string]: ApiBeforeHook } {
  const playerWritable = documents.filter((k) => k.playerWrites);
  function writableOf(collection: unknown): Writable | null {
    if (typeof collection !== 'string') return null;
    const game = games.find(collection.slice(0, collection.indexOf(':')));
    if (!game) return null;
    const kind = playerWritable.filter((k) => collectionOf(k, game.id) === collection)[0];
    return kind ? { kind, game } : null;
  }

  /** The request's objects by collection; refused (with an audit line) unless every one is the player's to change. */
  function placesOf<O extends ObjectId>(ctx: nkruntime.Context, logger: nkruntime.Logger, api: string, objects: O[]): Place<O>[] {
    if (objects.length > MAX_OBJECTS) refuse(logger, ctx, api, runtimeError('INVALID_FIELD', `at most ${MAX_OBJECTS} objects per request`));
    const places: { [collection: string]: Place<O> } = {};
    for (const o of objects) {
      const writable = writableOf(o.collection);
      if (!writable) refuse(logger, ctx, api, runtimeError('PERMISSION_DENIED', `${String(o.collection)} belongs to the server: players change only their own <game_id>:player_data (docs/security.md)`));
      if (typeof o.key !== 'string' || !PLAYER_KEY.test(o.key)) refuse(logger, ctx, api, runtimeError('INVALID_FIELD', `${o.collection}: key must match ${PLAYER_KEY}`));
      (places[o.collection!] = places[o.collection!] || { writable, objects: [] }).objects.push(o);
    }
    return Object.keys(places).map((c) => places[c]);
  }

  /** Refuses every call of an API that reaches only what the server owns. */
  const serverOnly = (api: string, why: string): ApiBeforeHook => (ctx, logger) => refuse(logger, ctx, api, runtimeError('PERMISSION_DENIED', why));

  return {
    WriteStorageObjects: answerUnavailable(function writeStorageObjects(ctx, logger, nk, request: { objects?: ObjectWrite[] }) {
      const api = 'WriteStorageObjects';
      const places = placesOf(ctx, logger, api, request.objects || []);
      limit(ctx, logger, nk, api);
      for (const { writable: { kind, game }, objects } of places) {
        for (const o of objects) {
          const problem = valueProblem(kind, o.value);
          if (problem) refuse(logger, ctx, api, runtimeError('INVALID_FIELD', `${o.collection}/${o.key}: ${problem}`));
        }
        const problem = keysProblem(nk, kind, game, ctx.userId!, objects.map((o) => o.key!));
        if (problem) refuse(logger, ctx, api, problem);
      }
      return request;
    }),
    DeleteStorageObjects(ctx, logger, nk, request: { objectIds?: ObjectId[] }) {
      placesOf(ctx, logger, 'DeleteStorageObjects', request.objectIds || []);
      limit(ctx, logger, nk, 'DeleteStorageObjects');
      return request;
    },
    WriteLeaderboardRecord: serverOnly('WriteLeaderboardRecord', 'leaderboard scores come from matches the server ran; clients submit none'),
    DeleteLeaderboardRecord: serverOnly('DeleteLeaderboardRecord', 'leaderboard records belong to the server'),
    WriteTournamentRecord: serverOnly('WriteTournamentRecord', 'tournament scores come from matches the server ran; clients submit none'),
    JoinTournament: serverOnly('JoinTournament', "tournament entries go through the module's RPCs"),
  };

  /** Writes through Nakama's API count against the player's write limit like an RPC (core/rate-limit.ts). */
  function limit(ctx: nkruntime.Context, logger: nkruntime.Logger, nk: nkruntime.Nakama, api: string): void {
    try {
      consume(nk, ctx.userId!, `api:${api}`, RATE_LIMITS.write, Date.now());
    } catch (error) {
      refuse(logger, ctx, api, error as RuntimeError);
    }
  }
}

/** Refuse a client API call or realtime message, with an audit line naming the player and the API. */
export function refuse(logger: nkruntime.Logger, ctx: nkruntime.Context, api: string, error: RuntimeError): never {
  logger.warn('audit: refused %s by %s: %s', api, ctx.userId || '(no user)', error.message);
  throw { message: error.message, code: error.code };
}

/** A hook whose own reads (the player's objects) fail while the database is unreachable answers UNAVAILABLE, as RPCs do. */
function answerUnavailable(hook: ApiBeforeHook): ApiBeforeHook {
  return (ctx, logger, nk, request) => {
    try {
      return hook(ctx, logger, nk, request);
    } catch (error) {
      if (typeof (error as { code?: unknown }).code === 'number' || !isUnavailable(error)) throw error;
      const unavailable = runtimeError('UNAVAILABLE');
      throw { message: unavailable.message, code: unavailable.code };
    }
  };
}

/** Why a player may not store this value (JSON text) as a document of the kind, or null. */
export function valueProblem(kind: DocumentKind<unknown>, json: unknown): string | null {
  const { maxBytes } = kind.playerWrites!;
  if (typeof json !== 'string') return 'value: JSON text of an object';
  if (json.length > maxBytes || utf8Length(json) > maxBytes) return `value: at most ${maxBytes} bytes of JSON`;
  return null;
}

/** Why the player may not hold these keys (new ones added to those stored) in the kind's collection, or null. */
export function keysProblem(nk: nkruntime.Nakama, kind: DocumentKind<unknown>, game: GameDefinition, userId: string, keys: string[]): RuntimeError | null {
  const { maxKeys } = kind.playerWrites!;
  const page = nk.storageList(userId, collectionOf(kind, game.id), maxKeys + 1);
  const held = (page.objects || []).map((o) => o.key);
  const fresh = keys.filter((k, i) => held.indexOf(k) < 0 && keys.indexOf(k) === i);
  if (held.length + fresh.length <= maxKeys) return null;
  return runtimeError('FAILED_PRECONDITION', `${kind.name}: at most ${maxKeys} objects per player in ${game.name} (${held.length} stored); delete some first`);
}
