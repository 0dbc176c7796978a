import type { Plugin } from '../../core/plugin';
import type { HostedRpc } from '../../core/plugin-host';
import { usage, type RateUsage } from '../../core/rate-limit';

/**
 * Platform RPCs about the module itself rather than a feature: the caller's rate limits.
 * `rpcsOf` returns every hosted RPC (read lazily: the host is built after its plugins).
 */
export function createPlatformPlugin(gameIds: string[], rpcsOf: () => HostedRpc[]): Plugin {
  return {
    id: 'platform',
    games: gameIds,
    rpcs: [
      {
        id: 'rate_limit_status',
        scope: 'global',
        access: 'player',
        effect: 'read',
        description: "The caller's rate limits: for every RPC, the calls allowed per window, used and remaining in the current window, and when it resets.",
        response: '{rpcs: {<rpc id>: {limit, window_seconds, used, remaining, reset_in_ms}}}',
        payload: {},
        handle({ nk, userId }) {
          const now = Date.now();
          const rpcs: { [id: string]: RateUsage } = {};
          for (const hosted of rpcsOf()) rpcs[hosted.rpc.id] = usage(nk, userId, hosted.rpc.id, hosted.limit, now);
          return { rpcs };
        },
      },
    ],
  };
}
