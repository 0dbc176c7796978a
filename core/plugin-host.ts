import { validateKinds, type DocumentKind } from './documents';
import { INVENTORY, PLAIN_ECONOMY, type Economy } from './economy';
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
  /** The registry of storage the module owns: the core services' kinds and every plugin's (core/documents.ts). */
  documents: DocumentKind<unknown>[];
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
  const documents: DocumentKind<unknown>[] = [INVENTORY as DocumentKind<unknown>];
  for (const plugin of plugins) documents.push(...(plugin.documents || []));

  return {
    plugins,
    economy,
    rpcs,
    documents,
    validate() {
      const problems: string[] = validateKinds(documents);
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
        if (plugin.events && plugin.eventBatch) problems.push(`${where}: declares both events and eventBatch (eventBatch takes every event)`);
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
          if (handles(plugin, event.type) && plugin.games.indexOf(event.gameId) >= 0) deliveries.push({ event, pluginId: plugin.id, attempts: 0 });
        }
      }
      if (deliveries.length === 0) return [];
      const failed: PendingDelivery[] = [];
      const call = (plugin: Plugin, batch: DomainEvent[]) => {
        const services = { nk, logger, economy, game: games.find(batch[0].gameId)! };
        if (plugin.eventBatch) plugin.eventBatch(batch, services);
        else (plugin.events![batch[0].type] || plugin.events!['*'])(batch[0], services);
      };
      const deliverOne = (plugin: Plugin, delivery: PendingDelivery) => {
        const { event } = delivery;
        // Why: one failing plugin must neither end the match nor starve the others.
        try {
          call(plugin, [event]);
        } catch (error) {
          const attempts = delivery.attempts + 1;
          logger.error('plugin %s failed on event %s (%s): %s', plugin.id, event.id, event.type, describe(error));
          if (attempts < MAX_DELIVERY_ATTEMPTS) failed.push({ event, pluginId: plugin.id, attempts });
          else logger.error('plugin %s gave up on event %s after %d attempts', plugin.id, event.id, attempts);
        }
      };
      for (const plugin of plugins) {
        const mine = deliveries.filter((d) => d.pluginId === plugin.id);
        if (!plugin.eventBatch) {
          for (const delivery of mine) deliverOne(plugin, delivery);
          continue;
        }
        // One batch per game, in event order; a batch that fails is delivered again one event at a time.
        for (const gameId of unique(mine.map((d) => d.event.gameId))) {
          const batch = mine.filter((d) => d.event.gameId === gameId);
          if (batch.length === 1) {
            deliverOne(plugin, batch[0]);
            continue;
          }
          try {
            call(plugin, batch.map((d) => d.event));
          } catch (error) {
            logger.warn('plugin %s failed on a batch of %d events (%s); delivering them one at a time', plugin.id, batch.length, describe(error));
            for (const delivery of batch) deliverOne(plugin, delivery);
          }
        }
      }
      return failed;
    },
  };
}

/** Whether a plugin takes events of this type: a batch handler takes all, else its own or its '*' handler. */
function handles(plugin: Plugin, type: string): boolean {
  if (plugin.eventBatch) return true;
  return !!plugin.events && !!(plugin.events[type] || plugin.events['*']);
}

const unique = (values: string[]) => values.filter((v, i) => values.indexOf(v) === i);

/** A readable message for anything thrown. */
export function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}
