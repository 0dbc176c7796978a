import { version } from '../../package.json';
import { stats } from '../../core/cache';
import type { GameRegistry } from '../../core/game-registry';
import { schemaVersion } from '../../core/migrations';
import type { Plugin } from '../../core/plugin';
import { SYSTEM_USER } from '../../core/scope';

/** Read by the detailed check to time one database round trip (it need not exist). */
const PING = { collection: 'health', key: 'ping', userId: SYSTEM_USER };
/** Matches counted per node at most (Nakama lists them from memory). */
const MATCH_LIST_LIMIT = 10000;

/**
 * Health for deployment checks and monitoring: `health_check` answers from memory (no database
 * round trip), for players, monitors with the http key and load balancers; `health_check_detailed`
 * (admins) also times a database read and reports what the node runs.
 */
export function createHealthPlugin(games: GameRegistry, pluginIds: () => string[]): Plugin {
  const module = { name: 'nakama-live-games', version };
  return {
    id: 'health',
    games: games.games.map((g) => g.id),
    rpcs: [
      {
        id: 'health_check',
        scope: 'global',
        access: 'any',
        effect: 'read',
        description: 'Is the module up on this node: answered from memory, no database round trip.',
        response: '{status: "ok", module: {name, version}, node, time}',
        payload: {},
        handle: ({ ctx }) => ({ status: 'ok', module, node: ctx.node, time: Date.now() }),
      },
      {
        id: 'health_check_detailed',
        scope: 'global',
        access: 'admin',
        effect: 'read',
        description: 'The node in detail: database reachable and the latency of one read, module version, games and plugins loaded, authoritative matches and their players per game on this node, cache totals. status is "degraded" when the database does not answer.',
        response: '{status: "ok" | "degraded", module: {name, version}, node, time, database: {reachable, latency_ms, schema_version (migrations of the module tables), error?}, games: [{id, name, modes}], plugins: [id], matches: {<game_id>: {matches, players}}, caches: {...as cache_stats}}',
        payload: {},
        handle({ nk, ctx }) {
          const started = Date.now();
          let database: { reachable: boolean; latency_ms: number; schema_version?: number; error?: string };
          try {
            nk.storageRead([PING]);
            database = { reachable: true, latency_ms: Date.now() - started };
            database.schema_version = schemaVersion(nk);
          } catch (error) {
            database = { reachable: false, latency_ms: Date.now() - started, error: error instanceof Error ? error.message : String(error) };
          }
          const matches: { [gameId: string]: { matches: number; players: number } } = {};
          for (const g of games.games) matches[g.id] = { matches: 0, players: 0 };
          for (const m of nk.matchList(MATCH_LIST_LIMIT, true, null, null, null, null) || []) {
            const gameId = gameOf(m.label);
            if (!matches[gameId]) continue;
            matches[gameId].matches += 1;
            matches[gameId].players += m.size;
          }
          return {
            status: database.reachable ? 'ok' : 'degraded', module, node: ctx.node, time: Date.now(), database,
            games: games.games.map((g) => ({ id: g.id, name: g.name, modes: Object.keys(g.modes) })),
            plugins: pluginIds(), matches, caches: stats(nk),
          };
        },
      },
    ],
  };
}

/** The game id in a match label (our matches label themselves with JSON holding game_id). */
function gameOf(label: string): string {
  try {
    const parsed = JSON.parse(label);
    return parsed && typeof parsed.game_id === 'string' ? parsed.game_id : '';
  } catch {
    return '';
  }
}
