import type { DomainEvent } from './events';
import type { GameRegistry } from './game-registry';
import type { Plugin, RpcDeclaration } from './plugin';

export interface PluginHost {
  plugins: Plugin[];
  /** Every plugin RPC with the games its plugin serves. */
  rpcs: HostedRpc[];
  /** Problems with the plugin set (ids, games, dependencies, definitions); empty when valid. */
  validate(): string[];
  /** Deliver events to the plugins that serve the game and handle the type. Never throws. */
  deliver(nk: nkruntime.Nakama, logger: nkruntime.Logger, events: DomainEvent[]): void;
}

export interface HostedRpc { rpc: RpcDeclaration; pluginId: string; games: string[] }

const PLUGIN_ID = /^[a-z][a-z0-9_]*$/;

export function createPluginHost(games: GameRegistry, plugins: Plugin[]): PluginHost {
  const rpcs: HostedRpc[] = [];
  for (const plugin of plugins) for (const rpc of plugin.rpcs || []) rpcs.push({ rpc, pluginId: plugin.id, games: plugin.games });

  return {
    plugins,
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
    deliver(nk, logger, events) {
      for (const event of events) {
        const game = games.find(event.gameId);
        if (!game) {
          logger.error('event %s has unknown game %s', event.id, event.gameId);
          continue;
        }
        for (const plugin of plugins) {
          const handler = plugin.events && plugin.events[event.type];
          if (!handler || plugin.games.indexOf(event.gameId) < 0) continue;
          // Why: one failing plugin must neither end the match nor starve the others.
          try {
            handler(event, { nk, logger, game });
          } catch (error) {
            logger.error('plugin %s failed on event %s (%s): %s', plugin.id, event.id, event.type, describe(error));
          }
        }
      }
    },
  };
}

/** A readable message for anything thrown. */
export function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}
