import { PLAIN_ECONOMY, type Economy } from './economy';
import type { DomainEvent } from './events';
import type { GameRegistry } from './game-registry';
import type { AnyRpcDeclaration, Plugin } from './plugin';
import { RATE_LIMITS, type RateLimit } from './rate-limit';

export interface PluginHost {
  plugins: Plugin[];
  /** The economy every plugin grants through (events and RPCs get it in their services). */
  economy: Economy;
  /** Every plugin RPC with the games its plugin serves. */
  rpcs: HostedRpc[];
  /** Problems with the plugin set (ids, games, dependencies, definitions); empty when valid. */
  validate(): string[];
  /**
   * Deliver events to the plugins that serve the game and handle the type, after retrying earlier
   * failed deliveries. Never throws. Returns the deliveries that failed and should be retried later
   * (callers keep them, e.g. in match state, and pass them back on the next call).
   */
  deliver(nk: nkruntime.Nakama, logger: nkruntime.Logger, events: DomainEvent[], retries?: PendingDelivery[]): PendingDelivery[];
}

/** A delivery of one event to one plugin that failed and will be tried again. */
export interface PendingDelivery { event: DomainEvent; pluginId: string; attempts: number }

/**
 * Tries per delivery before it is given up (and logged as such). Why retrying is safe: plugins apply
 * each event id at most once (core/apply-once.ts), so a retry of a delivery that half-succeeded
 * completes it instead of repeating it.
 */
export const MAX_DELIVERY_ATTEMPTS = 5;

export interface HostedRpc {
  rpc: AnyRpcDeclaration;
  pluginId: string;
  games: string[];
  /** Per user, from the RPC's preset (core/rate-limit.ts). */
  limit: RateLimit;
}

const PLUGIN_ID = /^[a-z][a-z0-9_]*$/;

export function createPluginHost(games: GameRegistry, plugins: Plugin[], economy: Economy = PLAIN_ECONOMY): PluginHost {
  const rpcs: HostedRpc[] = [];
  for (const plugin of plugins) for (const rpc of plugin.rpcs || []) rpcs.push({ rpc, pluginId: plugin.id, games: plugin.games, limit: RATE_LIMITS[rpc.rateLimit || rpc.effect] });

  return {
    plugins,
    economy,
    rpcs,
    validate() {
      const problems: string[] = [];
      const ids: { [id: string]: true } = {};
      const rpcIds: { [id: string]: string } = {};
      for (const plugin of plugins) {
        const where = `plugin ${plugin.id}`;
        if (!PLUGIN_ID.test(plugin.id)) problems.push(`${where}: id must be snake_case`);
        if (ids[plugin.id]) problems.push(`${where}: id is used twice`);
        ids[plugin.id] = true;
        for (const gameId of plugin.games) if (!games.find(gameId)) problems.push(`${where}: games: unknown game id ${gameId}`);
        for (const rpc of plugin.rpcs || []) {
          if (!PLUGIN_ID.test(rpc.id)) problems.push(`${where}: rpc ${rpc.id}: id must be snake_case`);
          if (rpcIds[rpc.id]) problems.push(`${where}: rpc ${rpc.id} is also declared by plugin ${rpcIds[rpc.id]}`);
          rpcIds[rpc.id] = plugin.id;
        }
        for (const problem of plugin.validate ? plugin.validate() : []) problems.push(`${where}: ${problem}`);
      }
      for (const plugin of plugins) {
        for (const dependency of plugin.dependsOn || []) {
          if (!ids[dependency]) problems.push(`plugin ${plugin.id}: dependsOn: plugin ${dependency} is missing`);
        }
      }
      return problems;
    },
    deliver(nk, logger, events, retries = []) {
      const deliveries = retries.slice();
      for (const event of events) {
        if (!games.find(event.gameId)) {
          logger.error('event %s has unknown game %s', event.id, event.gameId);
          continue;
        }
        for (const plugin of plugins) {
          if (handlerOf(plugin, event.type) && plugin.games.indexOf(event.gameId) >= 0) deliveries.push({ event, pluginId: plugin.id, attempts: 0 });
        }
      }
      const failed: PendingDelivery[] = [];
      for (const delivery of deliveries) {
        const { event, pluginId } = delivery;
        const plugin = plugins.filter((p) => p.id === pluginId)[0];
        // Why: one failing plugin must neither end the match nor starve the others.
        try {
          handlerOf(plugin, event.type)!(event, { nk, logger, economy, game: games.find(event.gameId)! });
        } catch (error) {
          const attempts = delivery.attempts + 1;
          logger.error('plugin %s failed on event %s (%s): %s', pluginId, event.id, event.type, describe(error));
          if (attempts < MAX_DELIVERY_ATTEMPTS) failed.push({ event, pluginId, attempts });
          else logger.error('plugin %s gave up on event %s after %d attempts', pluginId, event.id, attempts);
        }
      }
      return failed;
    },
  };
}

/** The plugin's handler for an event type: its own, else its '*' handler (every event of its games). */
function handlerOf(plugin: Plugin, type: string) {
  if (!plugin.events) return undefined;
  return plugin.events[type] || plugin.events['*'];
}

/** A readable message for anything thrown. */
export function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}
