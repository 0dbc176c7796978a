import { runtimeError } from './errors';

/**
 * Rate limits per user and RPC. Every RPC declares whether it reads or writes (RpcDeclaration.effect),
 * and gets the preset of that effect by default; a declaration may pick another preset. Counters live
 * in Nakama's node-local cache, which all of the node's pooled VMs share (module globals would not be:
 * each VM has its own). Server-to-server calls (http key) are trusted and not limited.
 * Limits: a fixed window per user, RPC and window index. Known looseness: the counter is read and then
 * written, so simultaneous calls of one user on one node may exceed the limit by the calls in flight;
 * and each node counts on its own.
 */
export interface RateLimit {
  calls: number;
  windowSeconds: number;
}

export const RATE_LIMITS = {
  /** Menus and lookups. */
  read: { calls: 120, windowSeconds: 10 },
  /** Anything that changes state. */
  write: { calls: 30, windowSeconds: 10 },
  /** Expensive writes (e.g. definitions) or calls whose retries would only pile up. */
  strict: { calls: 5, windowSeconds: 10 },
} as const;

export type RateLimitPreset = keyof typeof RATE_LIMITS;

const keyOf = (userId: string, rpcId: string, window: number) => `rl:${userId}:${rpcId}:${window}`;

export interface RateUsage { limit: number; window_seconds: number; used: number; remaining: number; reset_in_ms: number }

/** The caller's use of one RPC in the current window. */
export function usage(nk: nkruntime.Nakama, userId: string, rpcId: string, limit: RateLimit, now: number): RateUsage {
  const windowMs = limit.windowSeconds * 1000;
  const window = Math.floor(now / windowMs);
  const used = Number(nk.localcacheGet(keyOf(userId, rpcId, window))) || 0;
  return { limit: limit.calls, window_seconds: limit.windowSeconds, used, remaining: Math.max(0, limit.calls - used), reset_in_ms: (window + 1) * windowMs - now };
}

/** RESOURCE_EXHAUSTED (with retry_after_ms in the message) when no call is left in the window; the usage otherwise. */
export function requireCall(nk: nkruntime.Nakama, userId: string, rpcId: string, limit: RateLimit, now: number): RateUsage {
  const current = usage(nk, userId, rpcId, limit, now);
  if (current.used >= limit.calls) {
    throw runtimeError('RESOURCE_EXHAUSTED', `rate limit: ${rpcId} allows ${limit.calls} calls per ${limit.windowSeconds} s; retry_after_ms=${current.reset_in_ms}`);
  }
  return current;
}

/** Count one call, after requireCall's check. */
export function consume(nk: nkruntime.Nakama, userId: string, rpcId: string, limit: RateLimit, now: number): void {
  const current = requireCall(nk, userId, rpcId, limit, now);
  const window = Math.floor(now / (limit.windowSeconds * 1000));
  nk.localcachePut(keyOf(userId, rpcId, window), current.used + 1, limit.windowSeconds + 1);
}
