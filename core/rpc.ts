import type { Economy } from './economy';
import { isRuntimeError, runtimeError } from './errors';
import type { GameRegistry } from './game-registry';
import type { Access } from './plugin';
import { describe, type HostedRpc } from './plugin-host';
import { consume } from './rate-limit';
import { recordRpc } from './metrics';
import { parsePayload, type Schema } from './validate';

/** Payloads larger than this are refused before parsing. */
const MAX_PAYLOAD_BYTES = 16 * 1024;

export type RpcDispatcher = (id: string, ctx: nkruntime.Context, logger: nkruntime.Logger, nk: nkruntime.Nakama, payload: string) => string;

/**
 * The one path every RPC takes: payload size and JSON checks, the caller's access, schema
 * validation, the game lookup, then the handler. Errors reach the client as `{code, message}`;
 * unexpected failures are logged with the RPC id and reported as INTERNAL without internals.
 */
export function createRpcDispatcher(games: GameRegistry, rpcs: HostedRpc[], economy: Economy): RpcDispatcher {
  const byId: { [id: string]: HostedRpc } = {};
  for (const hosted of rpcs) byId[hosted.rpc.id] = hosted;

  return (id, ctx, logger, nk, payload) => {
    const hosted = byId[id];
    const started = Date.now();
    const measure = (error: string | null) => safely(logger, () => recordRpc(nk, id, Date.now() - started, error));
    try {
      if (!hosted) throw runtimeError('INTERNAL', `rpc ${id} is registered but not declared`);
      const { rpc } = hosted;
      checkAccess(rpc.access, ctx);
      const userId = ctx.userId || '';
      // Server-to-server calls (http key) are trusted backends: not limited.
      if (userId) consume(nk, userId, id, hosted.limit, Date.now());
      const input = parsePayload(rpc.payload, payload || '', MAX_PAYLOAD_BYTES);
      requireUsers(nk, rpc.payload, input);
      if (rpc.access === 'admin') logger.info('audit: %s called %s with %s', userId || 'server (http key)', id, payload || '{}');
      let result: unknown;
      if (rpc.scope === 'global') {
        result = rpc.handle({ ctx, logger, nk, economy, userId, payload: input });
      } else {
        const game = games.require(input.game_id);
        if (hosted.games.indexOf(game.id) < 0) throw runtimeError('UNKNOWN_GAME', `${id} is not available for ${game.name}`);
        result = rpc.handle({ ctx, logger, nk, economy, game, userId, payload: input });
      }
      const response = JSON.stringify(result === undefined ? {} : result);
      measure(null);
      return response;
    } catch (error) {
      if (isRuntimeError(error)) {
        measure(error.errorCode);
        throw { message: error.message, code: error.code };
      }
      logger.error('rpc %s failed: %s', id, describe(error));
      measure('INTERNAL');
      const internal = runtimeError('INTERNAL', `${id} failed; the error was logged`);
      throw { message: internal.message, code: internal.code };
    }
  };
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
    if (schema[field].type !== 'user' || typeof input[field] !== 'string') continue;
    if (nk.usersGetId([input[field] as string]).length === 0) throw runtimeError('NOT_FOUND', `${field}: no user ${input[field]}`);
  }
}

/** Admin user ids from the runtime env `ADMIN_USER_IDS` (comma-separated). */
export function adminUserIds(ctx: nkruntime.Context): string[] {
  const list = (ctx.env && ctx.env.ADMIN_USER_IDS) || '';
  return list.split(',').map((id) => id.trim()).filter((id) => id !== '');
}

/** Refuse callers the access level does not admit. Server-to-server calls (http key) have no user. */
function checkAccess(access: Access, ctx: nkruntime.Context): void {
  if (access === 'player') {
    if (!ctx.userId) throw runtimeError('UNAUTHENTICATED');
    return;
  }
  if (ctx.userId && adminUserIds(ctx).indexOf(ctx.userId) < 0) throw runtimeError('PERMISSION_DENIED');
}
