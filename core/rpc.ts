import type { Economy } from './economy';
import { isRuntimeError, isUnavailable, runtimeError } from './errors';
import type { GameDefinition, GameRegistry } from './game-registry';
import type { Access } from './plugin';
import { describe, type HostedRpc } from './plugin-host';
import { consume, requireCall } from './rate-limit';
import { recordRpc } from './metrics';
import { parsePayload, type Schema } from './validate';

/** Payloads larger than this are refused before parsing. */
const MAX_PAYLOAD_BYTES = 16 * 1024;

/** The one entry point of every RPC, plus its admission checks alone (for atomic batches). */
export interface RpcDispatcher {
  (id: string, ctx: nkruntime.Context, logger: nkruntime.Logger, nk: nkruntime.Nakama, payload: string): string;
  /**
   * Throw the error the call would get before its handler runs (access, rate limit, payload, users,
   * game), without counting it against the rate limit; return when it would be admitted.
   */
  admit(id: string, ctx: nkruntime.Context, nk: nkruntime.Nakama, payload: string): void;
  /** Whether an RPC reads or writes (null: no such RPC). */
  effectOf(id: string): 'read' | 'write' | null;
}

interface Admitted { hosted: HostedRpc; userId: string; input: { [key: string]: unknown }; game?: GameDefinition }

/**
 * The one path every RPC takes: the caller's access, the rate limit, payload size and JSON checks,
 * schema validation, named users, the game lookup, then the handler. Errors reach the client as
 * `{code, message}`; a database that is unreachable is UNAVAILABLE (retry shortly); unexpected failures
 * are logged with the RPC id and reported as INTERNAL without internals. Every call is measured
 * (core/metrics.ts).
 */
export function createRpcDispatcher(games: GameRegistry, rpcs: HostedRpc[], economy: Economy): RpcDispatcher {
  const byId: { [id: string]: HostedRpc } = {};
  for (const hosted of rpcs) byId[hosted.rpc.id] = hosted;

  function admit(id: string, ctx: nkruntime.Context, nk: nkruntime.Nakama, payload: string, count: boolean): Admitted {
    const hosted = byId[id];
    if (!hosted) throw runtimeError('NOT_FOUND', `no rpc ${id}`);
    const { rpc } = hosted;
    checkAccess(rpc.access, ctx);
    const userId = ctx.userId || '';
    // Server-to-server calls (http key) are trusted backends: not limited.
    if (userId && count) consume(nk, userId, id, hosted.limit, Date.now());
    else if (userId) requireCall(nk, userId, id, hosted.limit, Date.now());
    const input = parsePayload(rpc.payload, payload || '', rpc.maxPayloadBytes || MAX_PAYLOAD_BYTES);
    requireUsers(nk, rpc.payload, input);
    if (rpc.scope === 'global') return { hosted, userId, input };
    const game = games.require(input.game_id);
    if (hosted.games.indexOf(game.id) < 0) throw runtimeError('UNKNOWN_GAME', `${id} is not available for ${game.name}`);
    return { hosted, userId, input, game };
  }

  const dispatch = ((id, ctx, logger, nk, payload) => {
    const started = Date.now();
    const measure = (error: string | null) => safely(logger, () => recordRpc(nk, id, Date.now() - started, error));
    try {
      const { hosted, userId, input, game } = admit(id, ctx, nk, payload, true);
      const { rpc } = hosted;
      if (rpc.access === 'admin') logger.info('audit: %s called %s with %s', userId || 'server (http key)', id, payload || '{}');
      const result = rpc.scope === 'global'
        ? rpc.handle({ ctx, logger, nk, economy, userId, payload: input })
        : rpc.handle({ ctx, logger, nk, economy, game: game!, userId, payload: input });
      const response = JSON.stringify(result === undefined ? {} : result);
      measure(null);
      return response;
    } catch (error) {
      if (isRuntimeError(error)) {
        measure(error.errorCode);
        throw { message: error.message, code: error.code };
      }
      if (isUnavailable(error)) {
        logger.warn('rpc %s: the database is unreachable: %s', id, describe(error));
        measure('UNAVAILABLE');
        const unavailable = runtimeError('UNAVAILABLE');
        throw { message: unavailable.message, code: unavailable.code };
      }
      logger.error('rpc %s failed: %s', id, describe(error));
      measure('INTERNAL');
      const internal = runtimeError('INTERNAL', `${id} failed; the error was logged`);
      throw { message: internal.message, code: internal.code };
    }
  }) as RpcDispatcher;
  dispatch.admit = (id, ctx, nk, payload) => {
    admit(id, ctx, nk, payload, false);
  };
  dispatch.effectOf = (id) => (byId[id] ? byId[id].rpc.effect : null);
  return dispatch;
}

/** Run bookkeeping (metrics) that must never fail the call it describes. */
export function safely(logger: nkruntime.Logger, work: () => void): void {
  try {
    work();
  } catch (error) {
    logger.warn('metrics: %s', describe(error));
  }
}

/** Fields naming players must name existing ones (NOT_FOUND otherwise, never a failed write later). */
function requireUsers(nk: nkruntime.Nakama, schema: Schema, input: { [key: string]: unknown }): void {
  for (const field of Object.keys(schema)) {
    if (schema[field].type === 'user' && typeof input[field] === 'string') requirePlayers(nk, [input[field] as string], `${field}: `);
  }
}

/** The players (valid ids) must exist: NOT_FOUND names the first that does not, after `prefix`. One lookup. */
export function requirePlayers(nk: nkruntime.Nakama, ids: string[], prefix = ''): void {
  const unique = ids.filter((id, i) => ids.indexOf(id) === i);
  const found = nk.usersGetId(unique).map((u) => u.userId);
  const missing = unique.filter((id) => found.indexOf(id) < 0)[0];
  if (missing) throw runtimeError('NOT_FOUND', `${prefix}no user ${missing}`);
}

/**
 * The player an RPC is about: `payload.user_id` when given, else the caller. Players may name only
 * themselves (INVALID_FIELD otherwise); admins and the http key anyone (the http key must name one).
 */
export function subjectOf(call: { ctx: nkruntime.Context; userId: string; payload: { user_id?: unknown } }): string {
  const of = (call.payload.user_id as string) || call.userId;
  if (!of) throw runtimeError('INVALID_FIELD', 'user_id: required for server-to-server calls');
  if (of !== call.userId && !isAdmin(call.ctx)) throw runtimeError('INVALID_FIELD', "user_id: players read their own (leave it out); admins read anyone's");
  return of;
}

/** Admin user ids from the runtime env `ADMIN_USER_IDS` (comma-separated). */
export function adminUserIds(ctx: nkruntime.Context): string[] {
  const list = (ctx.env && ctx.env.ADMIN_USER_IDS) || '';
  return list.split(',').map((id) => id.trim()).filter((id) => id !== '');
}

/** Refuse callers the access level does not admit. Server-to-server calls (http key) have no user. */
function checkAccess(access: Access, ctx: nkruntime.Context): void {
  if (access === 'any') return; // Nakama admits only a session or the http key
  if (access === 'player') {
    if (!ctx.userId) throw runtimeError('UNAUTHENTICATED');
    return;
  }
  if (!isAdmin(ctx)) throw runtimeError('PERMISSION_DENIED');
}

/** Server-to-server calls (the http key) and the users of ADMIN_USER_IDS. */
export function isAdmin(ctx: nkruntime.Context): boolean {
  return !ctx.userId || adminUserIds(ctx).indexOf(ctx.userId) >= 0;
}
